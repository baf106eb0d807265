import { type EnvironmentConfig, kmsAlias } from '@platform/config';

/**
 * Purpose of the customer managed key for EBS volumes (node volumes and PersistentVolumes), as the
 * cluster stack names it: alias `alias/<cluster>/ebs`. `libs/synth/src/cross-layer.test.ts` checks
 * that the Terraform output defines this alias.
 */
export const EBS_KEY_PURPOSE = 'ebs';

/** AWS partition of a region (`aws`, `aws-cn`, `aws-us-gov`). */
export function awsPartition(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * ARN of the EBS key's alias: `arn:<partition>:kms:<region>:<account>:alias/<cluster>/ebs`. EC2
 * (launch templates, CreateVolume) resolves alias ARNs, so no key id crosses the layer boundary.
 */
export function ebsKeyAliasArn(env: EnvironmentConfig): string {
  return `arn:${awsPartition(env.aws.region)}:kms:${env.aws.region}:${env.aws.accountId}:${kmsAlias(env, EBS_KEY_PURPOSE)}`;
}
