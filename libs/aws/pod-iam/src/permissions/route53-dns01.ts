import type { PolicyStatement } from '@platform/aws-core';
import type { PermissionContext } from '../permission-context';
import { NO_RESOURCE_LEVEL_PERMISSIONS } from './shared';

/**
 * cert-manager DNS-01: create and delete `_acme-challenge` TXT records in the environment's zone only.
 * @see https://cert-manager.io/docs/configuration/acme/dns01/route53/#set-up-an-iam-policy
 */
export function route53Dns01Statements(ctx: PermissionContext): PolicyStatement[] {
  return [
    { Sid: 'GetChangeStatus', Effect: 'Allow', Action: ['route53:GetChange'], Resource: [`arn:${ctx.partition}:route53:::change/*`] },
    {
      Sid: 'ChangeAcmeChallengeRecords',
      Effect: 'Allow',
      Action: ['route53:ChangeResourceRecordSets'],
      Resource: [ctx.hostedZoneArn()],
      Condition: {
        'ForAllValues:StringLike': { 'route53:ChangeResourceRecordSetsNormalizedRecordNames': ['_acme-challenge.*'] },
        'ForAllValues:StringEquals': { 'route53:ChangeResourceRecordSetsRecordTypes': ['TXT'] },
      },
    },
    { Sid: 'ListZoneRecords', Effect: 'Allow', Action: ['route53:ListResourceRecordSets'], Resource: [ctx.hostedZoneArn()] },
    {
      Sid: 'FindHostedZone',
      Effect: 'Allow',
      Action: ['route53:ListHostedZonesByName'],
      // Wildcard required: ListHostedZonesByName has no resource type.
      Resource: NO_RESOURCE_LEVEL_PERMISSIONS,
    },
  ];
}
