import type { PolicyStatement } from '@platform/aws-core';
import type { PermissionContext } from '../permission-context';
import { ebsKeyThroughEc2, ec2, NO_RESOURCE_LEVEL_PERMISSIONS } from './shared';

/**
 * Velero EBS snapshots (velero-plugin-for-aws): snapshot volumes, restore volumes from snapshots,
 * delete only snapshots Velero tagged (`velero.io/backup`), and use the EBS CMK through EC2.
 * @see https://github.com/vmware-tanzu/velero-plugin-for-aws#set-permissions-for-velero
 */
export function ebsSnapshotsStatements(ctx: PermissionContext): PolicyStatement[] {
  const volumes = ec2(ctx, 'volume/*');
  const snapshots = `arn:${ctx.partition}:ec2:${ctx.region}::snapshot/*`;
  return [
    {
      Sid: 'DescribeVolumesAndSnapshots',
      Effect: 'Allow',
      Action: ['ec2:DescribeVolumes', 'ec2:DescribeSnapshots'],
      // Wildcard required: EC2 Describe actions do not support resource-level permissions.
      Resource: NO_RESOURCE_LEVEL_PERMISSIONS,
      Condition: { StringEquals: { 'aws:RequestedRegion': ctx.region } },
    },
    { Sid: 'SnapshotAndRestoreVolumes', Effect: 'Allow', Action: ['ec2:CreateSnapshot', 'ec2:CreateVolume'], Resource: [volumes, snapshots] },
    {
      Sid: 'TagSnapshotsAndVolumesOnCreate',
      Effect: 'Allow',
      Action: ['ec2:CreateTags'],
      Resource: [volumes, snapshots],
      Condition: { StringEquals: { 'ec2:CreateAction': ['CreateSnapshot', 'CreateVolume'] } },
    },
    {
      Sid: 'DeleteVeleroSnapshots',
      Effect: 'Allow',
      Action: ['ec2:DeleteSnapshot'],
      Resource: [snapshots],
      Condition: { Null: { 'aws:ResourceTag/velero.io/backup': 'false' } },
    },
    ebsKeyThroughEc2(ctx, 'UseEbsKeyForSnapshots'),
  ];
}
