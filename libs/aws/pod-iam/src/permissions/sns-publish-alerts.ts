import type { PolicyStatement } from '@platform/aws-core';
import type { PermissionContext } from '../permission-context';

/**
 * Publish to the environment's alerts topic (Alertmanager's SNS receiver), including the key actions SNS
 * server-side encryption requires of a publisher.
 * @see https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html
 */
export function snsPublishAlertsStatements(ctx: PermissionContext): PolicyStatement[] {
  return [
    { Sid: 'PublishToAlertsTopic', Effect: 'Allow', Action: ['sns:Publish'], Resource: [ctx.alertsTopicArn] },
    { Sid: 'EncryptForAlertsTopic', Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: [ctx.alertsKeyArn()] },
  ];
}
