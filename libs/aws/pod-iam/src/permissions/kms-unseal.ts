import type { PolicyStatement } from '@platform/aws-core';
import type { PermissionContext } from '../permission-context';

/**
 * OpenBao `awskms` seal: wrap and unwrap the root key with the dedicated unseal CMK.
 * @see https://openbao.org/docs/configuration/seal/awskms/
 */
export function kmsUnsealStatements(ctx: PermissionContext): PolicyStatement[] {
  return [{ Sid: 'UnsealWithDedicatedKey', Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey'], Resource: [ctx.unsealKeyArn()] }];
}
