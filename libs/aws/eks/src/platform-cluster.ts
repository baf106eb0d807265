import { CloudwatchLogGroup } from '@cdktn/provider-aws/lib/cloudwatch-log-group';
import { EksAccessEntry } from '@cdktn/provider-aws/lib/eks-access-entry';
import { EksAccessPolicyAssociation } from '@cdktn/provider-aws/lib/eks-access-policy-association';
import { EksCluster } from '@cdktn/provider-aws/lib/eks-cluster';
import { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktn/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktn/provider-aws/lib/iam-role-policy-attachment';
import { VpcSecurityGroupIngressRule } from '@cdktn/provider-aws/lib/vpc-security-group-ingress-rule';
import { AWS_PARTITION, awsManagedPolicyArn, policyJson, serviceTrustPolicy } from '@platform/aws-core';
import { cloudWatchLogsKeyStatement, PlatformKmsKey } from '@platform/aws-kms';
import { Construct } from 'constructs';

/** Every EKS control-plane log type. @see https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html */
export const EKS_CONTROL_PLANE_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;

/** The port of the EKS API server endpoint (HTTPS). @see https://docs.aws.amazon.com/eks/latest/userguide/sec-group-reqs.html */
export const EKS_API_SERVER_PORT = 443;

/** The access policy granted to `cluster.adminPrincipalArns`. @see https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html */
export const EKS_CLUSTER_ADMIN_POLICY_ARN = `arn:${AWS_PARTITION}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`;

export interface PlatformClusterProps {
  /** Account of the cluster (key policies). */
  readonly accountId: string;
  /** Region of the cluster (`aws.region`): CloudWatch Logs of this region encrypt the log group. */
  readonly region: string;
  /** The cluster name, `clusterName(env)`; also names the log group `/aws/eks/<clusterName>/cluster`. */
  readonly clusterName: string;
  /** Kubernetes minor (`cluster.version`). */
  readonly kubernetesVersion: string;
  /** Name of the control-plane IAM role, `roleName(env, 'cluster')`. */
  readonly roleName: string;
  /** Alias of the secrets envelope-encryption CMK, `kmsAlias(env, KMS_KEY_PURPOSES.eksSecrets)`. */
  readonly secretsKeyAliasName: string;
  /** Alias of the log group's CMK, `kmsAlias(env, KMS_KEY_PURPOSES.eksLogs)`. */
  readonly logsKeyAliasName: string;
  /** Control-plane log retention, days (`cluster.logRetentionDays`, a value CloudWatch accepts). */
  readonly logRetentionDays: number;
  /** Whether the public API endpoint is on (`cluster.endpointPublicAccess`); the private one always is. */
  readonly endpointPublicAccess: boolean;
  /** CIDRs allowed to the public endpoint (`cluster.publicAccessCidrs`); used only when it is on. */
  readonly publicAccessCidrs: readonly string[];
  /** Admin networks allowed to the private endpoint on 443 (`cluster.privateAccessCidrs`), one ingress rule each. */
  readonly privateAccessCidrs: readonly string[];
  /** Kubernetes Service CIDR (`cluster.serviceIpv4Cidr`); changing it replaces the cluster. */
  readonly serviceIpv4Cidr: string;
  /** Principals granted AmazonEKSClusterAdminPolicy through access entries (`cluster.adminPrincipalArns`). */
  readonly adminPrincipalArns: readonly string[];
  /**
   * Subnets for the control-plane ENIs (at least two AZs); the intra subnets, which have no
   * internet route. Usually `ClusterNetworkLookup.intraSubnets.ids`.
   */
  readonly controlPlaneSubnetIds: string[];
}

/**
 * The EKS control plane at `kubernetesVersion`: API authentication mode (access entries only, no
 * aws-auth ConfigMap, no implicit admin for the creator), admin access entries with
 * AmazonEKSClusterAdminPolicy for `adminPrincipalArns`, private endpoint always on and the
 * public one per `endpointPublicAccess`/`publicAccessCidrs`; the private endpoint is reachable
 * from the VPC and, through ingress rules TCP 443 on the EKS-created cluster security group (which
 * the endpoint's ENIs use), from each `privateAccessCidrs` network (admin VPN / Transit
 * Gateway); the Service CIDR is `serviceIpv4Cidr` (changing it replaces the cluster); Kubernetes secrets envelope
 * encryption with a rotating CMK, and every control-plane log type into the pre-created log group
 * `/aws/eks/<clusterName>/cluster` (CMK-encrypted, `logRetentionDays`). EKS does not install
 * its self-managed add-ons (`bootstrap_self_managed_addons = false`): the platform installs pinned
 * managed add-ons instead.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html
 * @see https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html#private-access
 */
export class PlatformCluster extends Construct {
  public readonly cluster: EksCluster;
  public readonly secretsKey: PlatformKmsKey;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly role: IamRole;
  public readonly adminAccessEntries: readonly EksAccessEntry[];
  /** One rule per `privateAccessCidrs` entry, in order. */
  public readonly privateAccessRules: readonly VpcSecurityGroupIngressRule[];

  constructor(scope: Construct, id: string, props: PlatformClusterProps) {
    super(scope, id);
    const name = props.clusterName;

    this.secretsKey = new PlatformKmsKey(this, 'secrets-key', {
      accountId: props.accountId,
      aliasName: props.secretsKeyAliasName,
      description: `Envelope encryption of Kubernetes secrets in EKS cluster ${name}`,
    });
    const logGroupName = `/aws/eks/${name}/cluster`;
    const logKey = new PlatformKmsKey(this, 'log-key', {
      accountId: props.accountId,
      aliasName: props.logsKeyAliasName,
      description: `CloudWatch Logs encryption of ${logGroupName}`,
      statements: [cloudWatchLogsKeyStatement(props, logGroupName)],
    });
    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: logGroupName,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: logKey.arn,
    });

    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: `EKS control plane of ${name}`,
      assumeRolePolicy: serviceTrustPolicy('eks.amazonaws.com', ['sts:AssumeRole', 'sts:TagSession']),
    });
    const clusterPolicy = new IamRolePolicyAttachment(this, 'cluster-policy', { role: this.role.name, policyArn: awsManagedPolicyArn('AmazonEKSClusterPolicy') });
    const secretsKeyPolicy = new IamRolePolicy(this, 'secrets-key-policy', {
      role: this.role.id,
      name: 'envelope-encryption',
      policy: policyJson([
        {
          Sid: 'UseSecretsKey',
          Effect: 'Allow',
          Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ListGrants', 'kms:DescribeKey'],
          Resource: [this.secretsKey.arn],
        },
      ], this.node.path),
    });

    this.cluster = new EksCluster(this, 'cluster', {
      name,
      version: props.kubernetesVersion,
      roleArn: this.role.arn,
      vpcConfig: {
        subnetIds: props.controlPlaneSubnetIds,
        endpointPrivateAccess: true,
        endpointPublicAccess: props.endpointPublicAccess,
        ...(props.endpointPublicAccess ? { publicAccessCidrs: [...props.publicAccessCidrs] } : {}),
      },
      kubernetesNetworkConfig: { ipFamily: 'ipv4', serviceIpv4Cidr: props.serviceIpv4Cidr },
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: false },
      encryptionConfig: { provider: { keyArn: this.secretsKey.arn }, resources: ['secrets'] },
      enabledClusterLogTypes: [...EKS_CONTROL_PLANE_LOG_TYPES],
      bootstrapSelfManagedAddons: false,
      upgradePolicy: { supportType: 'STANDARD' },
      dependsOn: [this.logGroup, clusterPolicy, secretsKeyPolicy],
    });

    this.privateAccessRules = props.privateAccessCidrs.map(
      (cidr) =>
        new VpcSecurityGroupIngressRule(this, `private-access-${cidr.replace(/[./]/g, '-')}`, {
          securityGroupId: this.cluster.vpcConfig.clusterSecurityGroupId,
          description: `Admin access to the private Kubernetes API endpoint of ${name} from ${cidr} (cluster.privateAccessCidrs)`,
          ipProtocol: 'tcp',
          fromPort: EKS_API_SERVER_PORT,
          toPort: EKS_API_SERVER_PORT,
          cidrIpv4: cidr,
        }),
    );

    this.adminAccessEntries = props.adminPrincipalArns.map((principalArn) => {
      const cid = `admin-${principalArn.split(':').pop()?.replace(/[^A-Za-z0-9-]/g, '-')}`;
      const entry = new EksAccessEntry(this, cid, { clusterName: this.cluster.name, principalArn, type: 'STANDARD' });
      new EksAccessPolicyAssociation(this, `${cid}-cluster-admin`, {
        clusterName: this.cluster.name,
        principalArn: entry.principalArn,
        policyArn: EKS_CLUSTER_ADMIN_POLICY_ARN,
        accessScope: { type: 'cluster' },
      });
      return entry;
    });
  }
}
