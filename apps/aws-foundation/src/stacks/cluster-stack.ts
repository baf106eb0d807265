import { PlatformStack, type PlatformStackProps } from '@platform/aws-core';
import { DataAwsIamRole } from '@cdktn/provider-aws/lib/data-aws-iam-role';
import {
  ClusterNetworkLookup,
  EksManagedAddon,
  KarpenterPrerequisites,
  PlatformCluster,
  SPOT_SERVICE_LINKED_ROLE_NAME,
  SpotServiceLinkedRole,
  SystemNodeGroup,
  VPC_CNI_CONFIGURATION,
} from '@platform/aws-eks';
import { ebsViaEc2KeyStatement, KMS_KEY_PURPOSES, PlatformKmsKey } from '@platform/aws-kms';
import {
  clusterName as clusterNameOf,
  discoveryTag,
  interruptionQueueName,
  karpenterNodeRoleName,
  kmsAlias,
  mandatoryTags,
  PULL_THROUGH_UPSTREAMS,
  type PullThroughUpstream,
  pullThroughRepositoryPrefix,
  roleName,
} from '@platform/config';
import { TerraformOutput } from 'cdktn';
import type { Construct } from 'constructs';

/**
 * State `cluster`: the EKS control plane, its pinned core add-ons, the system node group, the EBS
 * CMK and the Karpenter prerequisites. Finds the VPC through `ClusterNetworkLookup` (apply `network` first).
 * With `aws.accountIamResources: 'create'` it also creates the account's EC2 Spot service-linked
 * role: `cluster` is the first stack that concerns Karpenter and is applied before Karpenter can run
 * (its controller needs the pod-iam stack and ArgoCD), so the role exists before the first Spot launch.
 */
export class ClusterStack extends PlatformStack {
  public readonly cluster: PlatformCluster;
  public readonly nodeGroup: SystemNodeGroup;
  public readonly karpenter: KarpenterPrerequisites;
  /** Set only with `aws.accountIamResources: 'create'`; with `existing` another environment (or the account) has the role. */
  public readonly spotServiceLinkedRole?: SpotServiceLinkedRole;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    const { env } = props;
    const baseName = clusterNameOf(env);
    const kubernetesVersion = env.cluster.version;
    const account = { accountId: env.aws.accountId, region: env.aws.region };
    const pullThroughCache = {
      ...account,
      repositoryPrefixes: (Object.keys(PULL_THROUGH_UPSTREAMS) as PullThroughUpstream[]).map((u) => pullThroughRepositoryPrefix(env, u)),
    };
    const network = new ClusterNetworkLookup(this, 'network', { vpcName: baseName });
    this.cluster = new PlatformCluster(this, 'eks', {
      ...account,
      clusterName: baseName,
      kubernetesVersion,
      roleName: roleName(env, 'cluster'),
      secretsKeyAliasName: kmsAlias(env, KMS_KEY_PURPOSES.eksSecrets),
      logsKeyAliasName: kmsAlias(env, KMS_KEY_PURPOSES.eksLogs),
      logRetentionDays: env.cluster.logRetentionDays,
      endpointPublicAccess: env.cluster.endpointPublicAccess,
      publicAccessCidrs: env.cluster.publicAccessCidrs,
      privateAccessCidrs: env.cluster.privateAccessCidrs,
      serviceIpv4Cidr: env.cluster.serviceIpv4Cidr,
      adminPrincipalArns: env.cluster.adminPrincipalArns,
      controlPlaneSubnetIds: network.intraSubnets.ids,
    });
    const clusterName = this.cluster.cluster.name;
    const ebsKey = new PlatformKmsKey(this, 'ebs-key', {
      accountId: env.aws.accountId,
      aliasName: kmsAlias(env, KMS_KEY_PURPOSES.ebs),
      description: 'EBS encryption of node volumes and PersistentVolumes',
      statements: [ebsViaEc2KeyStatement(account)],
    });

    // Nodes need the CNI, kube-proxy and the Pod Identity agent before they can become Ready.
    const beforeNodes = [
      new EksManagedAddon(this, 'addon-vpc-cni', { addon: 'vpc-cni', clusterName, kubernetesVersion, configuration: VPC_CNI_CONFIGURATION }),
      new EksManagedAddon(this, 'addon-kube-proxy', { addon: 'kube-proxy', clusterName, kubernetesVersion }),
      new EksManagedAddon(this, 'addon-eks-pod-identity-agent', { addon: 'eks-pod-identity-agent', clusterName, kubernetesVersion }),
    ].map((a) => a.addon);
    this.nodeGroup = new SystemNodeGroup(this, 'system-nodes', {
      clusterName,
      baseName,
      kubernetesVersion,
      roleName: roleName(env, 'system-node'),
      sizing: env.cluster.systemNodeGroup,
      instanceTags: mandatoryTags(env),
      pullThroughCache,
      stackName: id,
      subnetIds: network.privateSubnets.ids,
      ebsKmsKeyArn: ebsKey.arn,
      dependsOn: beforeNodes,
    });
    // CoreDNS is a Deployment: it needs nodes to become healthy.
    new EksManagedAddon(this, 'addon-coredns', { addon: 'coredns', clusterName, kubernetesVersion, dependsOn: [this.nodeGroup.nodeGroup] });
    // metrics-server (resource metrics API for HPA/VPA and `kubectl top`) is an EKS community add-on:
    // AWS-built image, versioned with the cluster, no chart to pin or validate. Also needs nodes.
    new EksManagedAddon(this, 'addon-metrics-server', { addon: 'metrics-server', clusterName, kubernetesVersion, dependsOn: [this.nodeGroup.nodeGroup] });
    // backup and DR: the CSI snapshot controller and the snapshot.storage.k8s.io CRDs, before GitOps syncs
    // the EBS VolumeSnapshotClass Velero snapshots with (ADR 0035). A Deployment: needs nodes.
    new EksManagedAddon(this, 'addon-snapshot-controller', { addon: 'snapshot-controller', clusterName, kubernetesVersion, dependsOn: [this.nodeGroup.nodeGroup] });

    this.karpenter = new KarpenterPrerequisites(this, 'karpenter', {
      ...account,
      clusterName,
      baseName,
      nodeRoleName: karpenterNodeRoleName(env),
      interruptionQueueName: interruptionQueueName(env),
      discoveryTag: discoveryTag(env),
      pullThroughCache,
      clusterSecurityGroupId: this.cluster.cluster.vpcConfig.clusterSecurityGroupId,
    });
    // Account-wide: exactly one environment per account creates it (validate-environment enforces it).
    // The Karpenter controller is never granted iam:CreateServiceLinkedRole.
    if (env.aws.accountIamResources === 'create') {
      this.spotServiceLinkedRole = new SpotServiceLinkedRole(this, 'spot-service-linked-role', { accountId: env.aws.accountId, ownerEnvironmentName: env.name });
    } else {
      // Fail the plan early (role not found) instead of Karpenter failing every Spot launch later,
      // when the environment that owns the account's IAM resources has not been applied yet.
      new DataAwsIamRole(this, 'spot-service-linked-role-check', { name: SPOT_SERVICE_LINKED_ROLE_NAME });
    }

    new TerraformOutput(this, 'cluster_endpoint', { value: this.cluster.cluster.endpoint, description: 'EKS API server endpoint (for kubeconfig and CI)' });
  }
}
