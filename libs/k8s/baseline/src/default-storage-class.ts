import { KubeStorageClass } from '@platform/k8s-imports/k8s';
import { Construct } from 'constructs';

/** Name of the default StorageClass. */
export const DEFAULT_STORAGE_CLASS = 'gp3-encrypted';

export interface DefaultStorageClassProps {
  /**
   * KMS key of every volume (`kmsKeyId`): the ARN of the environment's EBS key alias
   * (`ebsKeyAliasArn(env)`, `arn:aws:kms:<region>:<account>:alias/<cluster>/ebs`), which the EBS CSI
   * driver's pod identity may use through EC2.
   */
  readonly kmsKeyArn: string;
  /** Tags of every volume, in order (`mandatoryTags(env)`: cost attribution); rendered as `tagSpecification_<n>: key=value`. */
  readonly volumeTags: Readonly<Record<string, string>>;
}

/**
 * The default StorageClass: EBS gp3 through the EBS CSI driver (EKS managed add-on), encrypted with
 * `kmsKeyArn`, bound when the pod is scheduled so the volume lands in the pod's AZ, expandable online,
 * every volume tagged with `volumeTags`.
 * @see https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/parameters.md
 * @see https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/tagging.md
 */
export class DefaultStorageClass extends Construct {
  constructor(scope: Construct, id: string, props: DefaultStorageClassProps) {
    super(scope, id);
    new KubeStorageClass(this, 'gp3', {
      metadata: { name: DEFAULT_STORAGE_CLASS, annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'ebs.csi.aws.com',
      parameters: {
        type: 'gp3',
        encrypted: 'true',
        kmsKeyId: props.kmsKeyArn,
        'csi.storage.k8s.io/fstype': 'ext4',
        ...Object.fromEntries(Object.entries(props.volumeTags).map(([key, value], i) => [`tagSpecification_${i + 1}`, `${key}=${value}`])),
      },
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
    });
  }
}
