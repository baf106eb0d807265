import type { PolicyStatement } from '@platform/aws-core';
import type { PermissionContext } from '../permission-context';
import { ebsKeyThroughEc2, ec2, NO_RESOURCE_LEVEL_PERMISSIONS } from './shared';

/**
 * The EBS CSI driver controller: the AmazonEBSCSIDriverPolicy equivalent, with volume and snapshot
 * lifecycle limited to resources the driver tags (`ebs.csi.aws.com/cluster=true`), narrowed to the
 * region and account, plus a KMS grant on the EBS CMK for encrypted volumes.
 * @see https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonEBSCSIDriverPolicy.html
 * @see https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/install.md#set-up-driver-permissions
 */
export function ebsCsiDriverStatements(ctx: PermissionContext): PolicyStatement[] {
  const volumes = ec2(ctx, 'volume/*');
  const snapshots = `arn:${ctx.partition}:ec2:${ctx.region}::snapshot/*`;
  return [
    {
      Sid: 'DescribeVolumesAndInstances',
      Effect: 'Allow',
      Action: [
        'ec2:DescribeAvailabilityZones',
        'ec2:DescribeInstances',
        'ec2:DescribeSnapshots',
        'ec2:DescribeTags',
        'ec2:DescribeVolumes',
        'ec2:DescribeVolumesModifications',
      ],
      // Wildcard required: EC2 Describe actions do not support resource-level permissions.
      Resource: NO_RESOURCE_LEVEL_PERMISSIONS,
      Condition: { StringEquals: { 'aws:RequestedRegion': ctx.region } },
    },
    { Sid: 'SnapshotAndModifyVolumes', Effect: 'Allow', Action: ['ec2:CreateSnapshot', 'ec2:ModifyVolume'], Resource: [volumes, snapshots] },
    { Sid: 'AttachVolumes', Effect: 'Allow', Action: ['ec2:AttachVolume', 'ec2:DetachVolume'], Resource: [volumes, ec2(ctx, 'instance/*')] },
    {
      Sid: 'CreateTaggedVolumes',
      Effect: 'Allow',
      Action: ['ec2:CreateVolume'],
      Resource: [volumes],
      Condition: { StringLike: { 'aws:RequestTag/ebs.csi.aws.com/cluster': 'true' } },
    },
    { Sid: 'CreateVolumesFromSnapshots', Effect: 'Allow', Action: ['ec2:CreateVolume'], Resource: [snapshots] },
    {
      Sid: 'TagOnCreate',
      Effect: 'Allow',
      Action: ['ec2:CreateTags'],
      Resource: [volumes, snapshots],
      Condition: { StringEquals: { 'ec2:CreateAction': ['CreateVolume', 'CreateSnapshot'] } },
    },
    {
      Sid: 'DeleteDriverVolumes',
      Effect: 'Allow',
      Action: ['ec2:DeleteVolume'],
      Resource: [volumes],
      Condition: { StringLike: { 'ec2:ResourceTag/ebs.csi.aws.com/cluster': 'true' } },
    },
    {
      Sid: 'DeleteDriverSnapshots',
      Effect: 'Allow',
      Action: ['ec2:DeleteSnapshot'],
      Resource: [snapshots],
      Condition: { StringLike: { 'ec2:ResourceTag/ebs.csi.aws.com/cluster': 'true' } },
    },
    ebsKeyThroughEc2(ctx, 'UseEbsKeyForVolumes'),
  ];
}
