import type { PolicyStatement } from '@platform/aws-core';
import type { PermissionContext } from '../permission-context';
import { NO_RESOURCE_LEVEL_PERMISSIONS } from './shared';

/**
 * external-dns: manage records of the environment's hosted zone only.
 * @see https://kubernetes-sigs.github.io/external-dns/latest/docs/tutorials/aws/#iam-policy
 */
export function route53RecordsStatements(ctx: PermissionContext): PolicyStatement[] {
  return [
    {
      Sid: 'ManageZoneRecords',
      Effect: 'Allow',
      Action: ['route53:ChangeResourceRecordSets', 'route53:ListResourceRecordSets', 'route53:ListTagsForResource', 'route53:ListTagsForResources'],
      Resource: [ctx.hostedZoneArn()],
    },
    {
      Sid: 'ListHostedZones',
      Effect: 'Allow',
      Action: ['route53:ListHostedZones'],
      // Wildcard required: ListHostedZones has no resource type.
      Resource: NO_RESOURCE_LEVEL_PERMISSIONS,
    },
  ];
}
