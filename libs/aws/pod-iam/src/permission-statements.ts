import type { PolicyStatement } from '@platform/aws-core';
import type { AwsPermission } from '@platform/config';
import type { PermissionContext } from './permission-context';
import { karpenterControllerStatements } from './permissions/karpenter-controller';
import { awsLoadBalancerControllerStatements } from './permissions/aws-load-balancer-controller';
import { ebsCsiDriverStatements } from './permissions/ebs-csi-driver';
import { route53RecordsStatements } from './permissions/route53-records';
import { route53Dns01Statements } from './permissions/route53-dns01';
import { kmsUnsealStatements } from './permissions/kms-unseal';
import { s3BucketStatements } from './permissions/s3-bucket';
import { ebsSnapshotsStatements } from './permissions/ebs-snapshots';
import { ecrPushStatements } from './permissions/ecr-push';
import { snsPublishAlertsStatements } from './permissions/sns-publish-alerts';

/** One file per permission kind of the contract (`AwsPermission['kind']`) under `./permissions/`; ARN helpers in `./permissions/shared`. */
export { NO_RESOURCE_LEVEL_PERMISSIONS } from './permissions/shared';
export * from './permissions/karpenter-controller';
export * from './permissions/aws-load-balancer-controller';
export * from './permissions/ebs-csi-driver';
export * from './permissions/route53-records';
export * from './permissions/route53-dns01';
export * from './permissions/kms-unseal';
export * from './permissions/s3-bucket';
export * from './permissions/ebs-snapshots';
export * from './permissions/ecr-push';
export * from './permissions/sns-publish-alerts';

/**
 * The statements of one permission of the contract entry `entryId` (the id scopes shared
 * resources, e.g. the entry's own prefix in a shared bucket).
 */
export function permissionStatements(ctx: PermissionContext, permission: AwsPermission, entryId: string): PolicyStatement[] {
  switch (permission.kind) {
    case 'karpenter-controller':
      return karpenterControllerStatements(ctx);
    case 'aws-load-balancer-controller':
      return awsLoadBalancerControllerStatements(ctx);
    case 'ebs-csi-driver':
      return ebsCsiDriverStatements(ctx);
    case 'route53-records':
      return route53RecordsStatements(ctx);
    case 'route53-dns01':
      return route53Dns01Statements(ctx);
    case 'kms-unseal':
      return kmsUnsealStatements(ctx);
    case 's3-bucket':
      return s3BucketStatements(ctx, permission.bucket, entryId, permission.extraPrefixes);
    case 'ebs-snapshots':
      return ebsSnapshotsStatements(ctx);
    case 'ecr-push':
      return ecrPushStatements(ctx);
    case 'sns-publish-alerts':
      return snsPublishAlertsStatements(ctx);
  }
}
