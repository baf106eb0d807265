import { type EnvironmentConfig, mandatoryTags } from '@platform/config';
import { ebsKeyAliasArn } from '@platform/k8s-core';
import { KubeStorageClass } from '@platform/k8s-imports/k8s';
import { Construct } from 'constructs';

/** Name of the default StorageClass. */
export const DEFAULT_STORAGE_CLASS = 'gp3-encrypted';

/**
 * The default StorageClass: EBS gp3 through the EBS CSI driver (EKS managed add-on), encrypted with
 * the environment's EBS key (`alias/<cluster>/ebs`, which the driver's pod identity may use through
 * EC2), bound when the pod is scheduled so the volume lands in the pod's AZ, expandable online.
 * Every volume carries `mandatoryTags(env)` (driver parameters `tagSpecification_<n>: key=value`)
 * for cost attribution.
 * @see https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/parameters.md
 * @see https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/tagging.md
 */
export interface DefaultStorageClassProps {
  readonly env: EnvironmentConfig;
}

export class DefaultStorageClass extends Construct {
  constructor(scope: Construct, id: string, props: DefaultStorageClassProps) {
    super(scope, id);
    new KubeStorageClass(this, 'gp3', {
      metadata: { name: DEFAULT_STORAGE_CLASS, annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'ebs.csi.aws.com',
      parameters: {
        type: 'gp3',
        encrypted: 'true',
        kmsKeyId: ebsKeyAliasArn(props.env),
        'csi.storage.k8s.io/fstype': 'ext4',
        ...Object.fromEntries(Object.entries(mandatoryTags(props.env)).map(([key, value], i) => [`tagSpecification_${i + 1}`, `${key}=${value}`])),
      },
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
    });
  }
}
