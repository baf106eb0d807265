import type { PolicyStatement } from '@platform/aws-core';
import type { PermissionContext } from '../permission-context';

/**
 * Resource `*` marks actions that AWS does not scope to resources (Describe/List/Get APIs without
 * resource-level permissions, `pricing:GetProducts`, ...). It is the only wildcard resource these
 * policies use, and every statement that uses it says so.
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export const NO_RESOURCE_LEVEL_PERMISSIONS = '*';

/** `arn:<partition>:ec2:<region>:<account>:<resource>` of the environment. */
export function ec2(ctx: PermissionContext, resource: string): string {
  return `arn:${ctx.partition}:ec2:${ctx.region}:${ctx.accountId}:${resource}`;
}

/** `arn:<partition>:elasticloadbalancing:<region>:<account>:<resource>` of the environment. */
export function elb(ctx: PermissionContext, resource: string): string {
  return `arn:${ctx.partition}:elasticloadbalancing:${ctx.region}:${ctx.accountId}:${resource}`;
}

/** KMS use of the EBS CMK through EC2 only (volume create/attach/snapshot of encrypted volumes). */
export function ebsKeyThroughEc2(ctx: PermissionContext, sid: string): PolicyStatement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Action: ['kms:CreateGrant', 'kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'],
    Resource: [ctx.ebsKeyArn()],
    Condition: { StringEquals: { 'kms:ViaService': `ec2.${ctx.region}.amazonaws.com` } },
  };
}
