import { discoveryTag, type EnvironmentConfig, karpenterNodeRoleName, mandatoryTags } from '@platform/config';
import {
  Ec2NodeClass,
  Ec2NodeClassSpecBlockDeviceMappingsEbsVolumeType,
  Ec2NodeClassSpecMetadataOptionsHttpEndpoint,
  Ec2NodeClassSpecMetadataOptionsHttpTokens,
} from '@platform/k8s-imports/karpenter.k8s.aws';
import { ebsKeyAliasArn } from '@platform/k8s-core';
import { Construct } from 'constructs';

/** Name of the EC2NodeClass every platform NodePool references. */
export const DEFAULT_NODE_CLASS = 'default';

/** Bottlerocket OS volume (`/dev/xvda`), GiB. @see https://karpenter.sh/docs/concepts/nodeclasses/#bottlerocket-1 */
export const OS_VOLUME_GIB = 4;
/** Bottlerocket data volume (`/dev/xvdb`: images, ephemeral storage), GiB. */
export const DATA_VOLUME_GIB = 80;
/**
 * IMDSv2 hop limit 1: pods cannot reach the node's instance metadata (and its role); workloads use
 * EKS Pod Identity instead. @see https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html
 */
export const IMDS_HOP_LIMIT = 1;

export interface KarpenterNodeClassProps {
  readonly env: EnvironmentConfig;
  /** EC2NodeClass name, referenced by NodePools. @default DEFAULT_NODE_CLASS (`default`) */
  readonly name?: string;
  /**
   * Bottlerocket settings TOML (`spec.userData`); Karpenter merges it with the cluster settings it
   * generates. @default none
   * @see https://karpenter.sh/docs/concepts/nodeclasses/#bottlerocket-3
   */
  readonly userData?: string;
}

/**
 * The EC2NodeClass of Karpenter-launched nodes: Bottlerocket at the environment's pinned AMI alias
 * (`karpenter.amiAlias`), subnets and security groups discovered by `discoveryTag(env)`, the node
 * role `karpenterNodeRoleName(env)` from the Terraform side, IMDSv2 only with hop limit 1,
 * gp3 volumes encrypted with the environment's EBS key (`alias/<cluster>/ebs`), detailed monitoring,
 * and `mandatoryTags(env)` plus the discovery tag on everything it launches (`spec.tags`); optional
 * Bottlerocket `userData` (e.g. the kernel settings of the build nodes).
 * @see https://karpenter.sh/docs/concepts/nodeclasses/#spectags
 */
export class KarpenterNodeClass extends Construct {
  public readonly nodeClass: Ec2NodeClass;

  constructor(scope: Construct, id: string, props: KarpenterNodeClassProps) {
    super(scope, id);
    const { env } = props;
    const tag = discoveryTag(env);
    const ebs = (sizeGiB: number) => ({
      volumeSize: `${sizeGiB}Gi`,
      volumeType: Ec2NodeClassSpecBlockDeviceMappingsEbsVolumeType.GP3,
      encrypted: true,
      kmsKeyId: ebsKeyAliasArn(env),
      deleteOnTermination: true,
    });
    this.nodeClass = new Ec2NodeClass(this, 'node-class', {
      metadata: { name: props.name ?? DEFAULT_NODE_CLASS },
      spec: {
        ...(props.userData === undefined ? {} : { userData: props.userData }),
        amiSelectorTerms: [{ alias: env.karpenter.amiAlias }],
        role: karpenterNodeRoleName(env),
        subnetSelectorTerms: [{ tags: { [tag.key]: tag.value } }],
        securityGroupSelectorTerms: [{ tags: { [tag.key]: tag.value } }],
        metadataOptions: {
          httpEndpoint: Ec2NodeClassSpecMetadataOptionsHttpEndpoint.ENABLED,
          httpTokens: Ec2NodeClassSpecMetadataOptionsHttpTokens.REQUIRED,
          httpPutResponseHopLimit: IMDS_HOP_LIMIT,
        },
        blockDeviceMappings: [
          { deviceName: '/dev/xvda', ebs: ebs(OS_VOLUME_GIB) },
          { deviceName: '/dev/xvdb', ebs: ebs(DATA_VOLUME_GIB), rootVolume: true },
        ],
        detailedMonitoring: true,
        // on every instance, volume and launch template Karpenter creates: cost attribution (the
        // mandatory tags the AWS provider's default_tags put on Terraform resources) and discovery
        tags: { ...mandatoryTags(env), [tag.key]: tag.value },
      },
    });
  }
}
