import { VolumeSnapshotClass, VolumeSnapshotClassDeletionPolicy } from '@platform/k8s-imports/snapshot.storage.k8s.io';
import { Construct } from 'constructs';

/** The EBS CSI driver's name. @see https://github.com/kubernetes-sigs/aws-ebs-csi-driver */
export const EBS_CSI_DRIVER = 'ebs.csi.aws.com';

/** Label by which Velero picks the VolumeSnapshotClass of a CSI driver. @see https://velero.io/docs/v1.18/csi/ */
export const VELERO_CSI_SNAPSHOT_CLASS_LABEL = 'velero.io/csi-volumesnapshot-class';

/** Name of the platform's EBS VolumeSnapshotClass. */
export const EBS_SNAPSHOT_CLASS_NAME = 'ebs-csi';

export interface EbsVolumeSnapshotClassProps {
  /** @default EBS_SNAPSHOT_CLASS_NAME */
  readonly name?: string;
}

/**
 * The VolumeSnapshotClass of the EBS CSI driver, labelled for Velero. `deletionPolicy: Retain`: an EBS
 * snapshot outlives its VolumeSnapshot (deleted with a namespace, or by hand); Velero deletes the
 * snapshot itself when the Backup expires. The CRD comes with the EKS `snapshot-controller` add-on
 * (cluster stack). Snapshots of encrypted volumes stay encrypted with the volume's key, and the driver
 * tags them with the environment's mandatory tags.
 * @see https://kubernetes.io/docs/concepts/storage/volume-snapshot-classes/
 */
export class EbsVolumeSnapshotClass extends Construct {
  public readonly snapshotClass: VolumeSnapshotClass;

  constructor(scope: Construct, id: string, props: EbsVolumeSnapshotClassProps = {}) {
    super(scope, id);
    this.snapshotClass = new VolumeSnapshotClass(this, 'class', {
      metadata: { name: props.name ?? EBS_SNAPSHOT_CLASS_NAME, labels: { [VELERO_CSI_SNAPSHOT_CLASS_LABEL]: 'true' } },
      driver: EBS_CSI_DRIVER,
      deletionPolicy: VolumeSnapshotClassDeletionPolicy.RETAIN,
    });
  }
}
