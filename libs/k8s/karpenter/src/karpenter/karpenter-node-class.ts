import {
  Ec2NodeClass,
  Ec2NodeClassSpecBlockDeviceMappingsEbsVolumeType,
  Ec2NodeClassSpecMetadataOptionsHttpEndpoint,
  Ec2NodeClassSpecMetadataOptionsHttpTokens,
} from '@platform/k8s-imports/karpenter.k8s.aws';
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
  /** Bottlerocket AMI alias, pinned (`karpenter.amiAlias`), e.g. `bottlerocket@v1.40.0`. */
  readonly amiAlias: string;
  /** IAM role of the nodes, created by the Terraform side (`karpenterNodeRoleName(env)`). */
  readonly nodeRoleName: string;
  /** Tag that marks the subnets and security groups of the cluster (`discoveryTag(env)`). */
  readonly discoveryTag: { readonly key: string; readonly value: string };
  /** KMS key (ARN or alias ARN) encrypting the EBS volumes, e.g. `arn:aws:kms:eu-west-1:111122223333:alias/acme-prod/ebs`. */
  readonly ebsKmsKeyArn: string;
  /** Tags of every instance, volume and launch template Karpenter creates (`mandatoryTags(env)`); the discovery tag is added. */
  readonly tags: Readonly<Record<string, string>>;
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
 * The EC2NodeClass of Karpenter-launched nodes: Bottlerocket at the pinned `amiAlias`, subnets and
 * security groups discovered by `discoveryTag`, the node role `nodeRoleName` from the Terraform side,
 * IMDSv2 only with hop limit 1, gp3 volumes encrypted with `ebsKmsKeyArn`, detailed monitoring,
 * and `tags` plus the discovery tag on everything it launches (`spec.tags`); optional
 * Bottlerocket `userData` (e.g. the kernel settings of the build nodes).
 * @see https://karpenter.sh/docs/concepts/nodeclasses/#spectags
 */
export class KarpenterNodeClass extends Construct {
  public readonly nodeClass: Ec2NodeClass;

  constructor(scope: Construct, id: string, props: KarpenterNodeClassProps) {
    super(scope, id);
    const tag = props.discoveryTag;
    const ebs = (sizeGiB: number) => ({
      volumeSize: `${sizeGiB}Gi`,
      volumeType: Ec2NodeClassSpecBlockDeviceMappingsEbsVolumeType.GP3,
      encrypted: true,
      kmsKeyId: props.ebsKmsKeyArn,
      deleteOnTermination: true,
    });
    this.nodeClass = new Ec2NodeClass(this, 'node-class', {
      metadata: { name: props.name ?? DEFAULT_NODE_CLASS },
      spec: {
        ...(props.userData === undefined ? {} : { userData: props.userData }),
        amiSelectorTerms: [{ alias: props.amiAlias }],
        role: props.nodeRoleName,
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
        tags: { ...props.tags, [tag.key]: tag.value },
      },
    });
  }
}
