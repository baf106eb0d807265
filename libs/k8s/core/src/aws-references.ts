import { EBS_KMS_KEY_PURPOSE, type EnvironmentConfig, kmsAliasArn } from '@platform/config';

/**
 * ARN of the EBS key's alias: `arn:aws:kms:<region>:<account>:alias/<cluster>/ebs`
 * (`kmsAliasArn(env, EBS_KMS_KEY_PURPOSE)`, the key the cluster stack creates). EC2 (launch
 * templates, CreateVolume) resolves alias ARNs, so no key id crosses the layer boundary.
 */
export function ebsKeyAliasArn(env: EnvironmentConfig): string {
  return kmsAliasArn(env, EBS_KMS_KEY_PURPOSE);
}
