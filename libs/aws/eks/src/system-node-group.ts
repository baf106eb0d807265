import { EksNodeGroup } from '@cdktn/provider-aws/lib/eks-node-group';
import { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktn/provider-aws/lib/iam-role-policy-attachment';
import { LaunchTemplate, type LaunchTemplateBlockDeviceMappings } from '@cdktn/provider-aws/lib/launch-template';
import { awsManagedPolicyArn, serviceTrustPolicy } from '@platform/aws-core';
import type { ITerraformDependable } from 'cdktn';
import { Construct } from 'constructs';
import { PullThroughCacheAccess, type PullThroughCacheScope } from './pull-through-cache-access';

/**
 * Managed policies of every node role (system and Karpenter nodes).
 * @see https://karpenter.sh/docs/reference/cloudformation/#node-authorization
 */
export const NODE_ROLE_MANAGED_POLICIES = ['AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy', 'AmazonEC2ContainerRegistryPullOnly', 'AmazonSSMManagedInstanceCore'] as const;

/** Label that pins system add-ons (Karpenter, CoreDNS, ArgoCD) to the managed node group. */
export const SYSTEM_NODE_LABEL = { key: 'node.platform.io/role', value: 'system' } as const;

/**
 * IMDS hop limit 1: only processes in the node's network namespace (kubelet, host-network agents)
 * reach the instance metadata service; pods cannot borrow the node role, and get AWS credentials
 * from EKS Pod Identity instead. @see https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html
 */
export const IMDS_HOP_LIMIT = 1;

/**
 * Bottlerocket's OS volume (`/dev/xvda`); its data volume (`/dev/xvdb`) holds images and pods and
 * gets `diskSizeGiB`. @see https://karpenter.sh/docs/concepts/nodeclasses/#specblockdevicemappings (Bottlerocket defaults)
 */
export const BOTTLEROCKET_OS_VOLUME_GIB = 4;

/**
 * Prefix of the node group name; EKS appends a unique suffix. A generated name lets Terraform
 * create the replacement node group before destroying the old one (`create_before_destroy`) when
 * a ForceNew attribute changes (AMI type, instance types, subnets, capacity type), instead of
 * removing every system node first. @see https://registry.terraform.io/providers/hashicorp/aws/6.66.0/docs/resources/eks_node_group#node_group_name_prefix
 */
export const SYSTEM_NODE_GROUP_NAME_PREFIX = 'system-';

/**
 * EC2 resource types the launch template tags at launch. The provider's `default_tags` do not reach
 * instances, volumes and network interfaces launched by the Auto Scaling group of a managed node
 * group, so the mandatory tags are repeated here for cost allocation and ownership.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/launch-templates.html
 */
export const LAUNCH_TEMPLATE_TAGGED_RESOURCE_TYPES = ['instance', 'volume', 'network-interface'] as const;

/** gp3 baseline IOPS and throughput (MiB/s), free with every gp3 volume. @see https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html#gp3-ebs-volume-type */
export const GP3_BASELINE = { iops: 3000, throughputMiBs: 125 } as const;

/** Size and shape of the system node group (`cluster.systemNodeGroup`; the schema checks min <= desired <= max <= 450). */
export interface SystemNodeGroupSizing {
  /** EKS managed node group AMI family; Bottlerocket gets a separate data volume. */
  readonly amiType: 'AL2023_x86_64_STANDARD' | 'AL2023_ARM_64_STANDARD' | 'BOTTLEROCKET_x86_64' | 'BOTTLEROCKET_ARM_64';
  /** Instance types in order of preference. */
  readonly instanceTypes: readonly string[];
  /** Fewest nodes, count. */
  readonly minSize: number;
  /** Initial node count. */
  readonly desiredSize: number;
  /** Most nodes, count. */
  readonly maxSize: number;
  /** Root (AL2023) or data (Bottlerocket) volume size, GiB (gp3, encrypted). */
  readonly diskSizeGiB: number;
}

export interface SystemNodeGroupProps {
  /** The cluster resource's `name` attribute (orders the node group after the cluster). */
  readonly clusterName: string;
  /** The literal cluster name (`clusterName(env)`): the launch template is `<baseName>-system`. */
  readonly baseName: string;
  /** Kubernetes minor of the nodes (`cluster.version`); the AMI release follows it. */
  readonly kubernetesVersion: string;
  /** Name of the node IAM role, `roleName(env, 'system-node')`. */
  readonly roleName: string;
  /** Size and shape of the group (`cluster.systemNodeGroup`). */
  readonly sizing: SystemNodeGroupSizing;
  /** Tags of the launched instances, volumes and ENIs: the mandatory tags (`mandatoryTags(env)`). */
  readonly instanceTags: Readonly<Record<string, string>>;
  /** The pull-through cache repositories the node role may import into. */
  readonly pullThroughCache: PullThroughCacheScope;
  /**
   * Terraform stack id, repeated in the launch template's instance, volume and network-interface
   * tags as `Stack` (the provider's `default_tags` carry it on every other resource).
   */
  readonly stackName: string;
  /** Private subnet ids for the nodes. */
  readonly subnetIds: string[];
  /** ARN of the CMK that encrypts the node volumes. */
  readonly ebsKmsKeyArn: string;
  /** What must exist before nodes join, e.g. the vpc-cni, kube-proxy and pod identity add-ons. @default none */
  readonly dependsOn?: readonly ITerraformDependable[];
}

function blockDevices(sizing: SystemNodeGroupSizing, kmsKeyId: string): LaunchTemplateBlockDeviceMappings[] {
  const volume = (deviceName: string, sizeGiB: number): LaunchTemplateBlockDeviceMappings => ({
    deviceName,
    ebs: {
      volumeSize: sizeGiB,
      volumeType: 'gp3',
      iops: GP3_BASELINE.iops,
      throughput: GP3_BASELINE.throughputMiBs,
      encrypted: 'true',
      kmsKeyId,
      deleteOnTermination: 'true',
    },
  });
  const { amiType, diskSizeGiB } = sizing;
  return amiType.startsWith('BOTTLEROCKET')
    ? [volume('/dev/xvda', BOTTLEROCKET_OS_VOLUME_GIB), volume('/dev/xvdb', diskSizeGiB)]
    : [volume('/dev/xvda', diskSizeGiB)];
}

/**
 * The on-demand EKS managed node group for system add-ons, sized by `sizing`
 * (amiType, instance types, min/desired/max, diskSizeGiB), in the private subnets. Its launch
 * template requires IMDSv2 with hop limit 1 and encrypts every gp3 volume with the EBS CMK.
 * Nodes carry the label `node.platform.io/role=system` and no taint: system charts select the
 * label, and a `CriticalAddonsOnly` taint would force a toleration into every chart for little gain,
 * because Karpenter provisions workload capacity on separate nodes anyway. The nodes get the EKS
 * cluster security group (no launch-template security groups), so they reach the private endpoint.
 * The node group runs `kubernetesVersion` (the AMI release follows it), is named
 * `system-<suffix>` and is replaced create-before-destroy, so a ForceNew change never leaves the
 * cluster without system nodes. Instances, volumes and ENIs carry `instanceTags` and `Stack`.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/launch-templates.html
 */
export class SystemNodeGroup extends Construct {
  public readonly role: IamRole;
  public readonly launchTemplate: LaunchTemplate;
  public readonly nodeGroup: EksNodeGroup;

  constructor(scope: Construct, id: string, props: SystemNodeGroupProps) {
    super(scope, id);
    const name = `${props.baseName}-system`;
    const group = props.sizing;

    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: `Nodes of the ${name} managed node group`,
      assumeRolePolicy: serviceTrustPolicy('ec2.amazonaws.com'),
    });
    const attachments = NODE_ROLE_MANAGED_POLICIES.map(
      (policy) => new IamRolePolicyAttachment(this, `role-${policy}`, { role: this.role.name, policyArn: awsManagedPolicyArn(policy) }),
    );
    new PullThroughCacheAccess(this, 'role-pull-through-cache', { ...props.pullThroughCache, roleName: this.role.name });

    this.launchTemplate = new LaunchTemplate(this, 'launch-template', {
      name,
      description: `System nodes of ${props.baseName}: IMDSv2 only, encrypted gp3 volumes`,
      updateDefaultVersion: true,
      metadataOptions: {
        httpEndpoint: 'enabled',
        httpTokens: 'required',
        httpPutResponseHopLimit: IMDS_HOP_LIMIT,
        instanceMetadataTags: 'disabled',
      },
      blockDeviceMappings: blockDevices(group, props.ebsKmsKeyArn),
      tagSpecifications: LAUNCH_TEMPLATE_TAGGED_RESOURCE_TYPES.map((resourceType) => ({
        resourceType,
        tags: { ...props.instanceTags, Stack: props.stackName, Name: name },
      })),
    });

    this.nodeGroup = new EksNodeGroup(this, 'node-group', {
      clusterName: props.clusterName,
      nodeGroupNamePrefix: SYSTEM_NODE_GROUP_NAME_PREFIX,
      version: props.kubernetesVersion,
      nodeRoleArn: this.role.arn,
      subnetIds: props.subnetIds,
      amiType: group.amiType,
      capacityType: 'ON_DEMAND',
      instanceTypes: [...group.instanceTypes],
      scalingConfig: { minSize: group.minSize, desiredSize: group.desiredSize, maxSize: group.maxSize },
      updateConfig: { maxUnavailable: 1 },
      labels: { [SYSTEM_NODE_LABEL.key]: SYSTEM_NODE_LABEL.value },
      launchTemplate: { id: this.launchTemplate.id, version: this.launchTemplate.latestVersion.toString() },
      dependsOn: [...attachments, ...(props.dependsOn ?? [])],
      lifecycle: { createBeforeDestroy: true },
    });
  }
}
