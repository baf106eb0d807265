import { KubeStorageClass } from 'cdk8s-plus-34/lib/imports/k8s';
import { Construct } from 'constructs';

/** Name of the default StorageClass. */
export const DEFAULT_STORAGE_CLASS = 'gp3-encrypted';

/**
 * The default StorageClass: EBS gp3 through the EBS CSI driver (EKS managed add-on), encrypted
 * (AWS-managed key unless the account enforces EBS encryption by default with its own key),
 * bound when the pod is scheduled so the volume lands in the pod's AZ, expandable online.
 * @see https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/parameters.md
 */
export class DefaultStorageClass extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new KubeStorageClass(this, 'gp3', {
      metadata: { name: DEFAULT_STORAGE_CLASS, annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'ebs.csi.aws.com',
      parameters: { type: 'gp3', encrypted: 'true', 'csi.storage.k8s.io/fstype': 'ext4' },
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
    });
  }
}
