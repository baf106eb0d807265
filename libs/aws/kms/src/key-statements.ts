import { type AwsAccountRegion, AWS_PARTITION, type PolicyStatement, regionalArn } from '@platform/aws-core';
import { KMS_ENCRYPT_DECRYPT_ACTIONS } from './platform-kms-key';

/**
 * Key-policy statement letting CloudWatch Logs encrypt exactly one log group with the key
 * (encryption-context condition on the log group ARN).
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export function cloudWatchLogsKeyStatement(target: AwsAccountRegion, logGroupName: string): PolicyStatement {
  return {
    Sid: 'CloudWatchLogsEncryptsLogGroup',
    Effect: 'Allow',
    Principal: { Service: `logs.${target.region}.amazonaws.com` },
    Action: [...KMS_ENCRYPT_DECRYPT_ACTIONS],
    Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': regionalArn(target, 'logs', `log-group:${logGroupName}`) } },
  };
}

/**
 * Key-policy statement in the style of the AWS managed `aws/ebs` key: principals of this account
 * may use the key only through EC2 in the environment's region. This is what lets the EC2 Auto
 * Scaling service-linked role (managed node groups) and Karpenter-launched instances boot from
 * volumes encrypted with the key, without naming a service-linked role that may not exist yet.
 * @see https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html
 */
export function ebsViaEc2KeyStatement(target: AwsAccountRegion): PolicyStatement {
  return {
    Sid: 'AccountPrincipalsUseKeyThroughEc2',
    Effect: 'Allow',
    Principal: { AWS: '*' },
    // CreateGrant: EC2 and the EBS CSI driver attach volumes through grants.
    Action: [...KMS_ENCRYPT_DECRYPT_ACTIONS, 'kms:CreateGrant'],
    Condition: {
      StringEquals: { 'kms:CallerAccount': target.accountId, 'kms:ViaService': `ec2.${target.region}.amazonaws.com` },
    },
  };
}

/**
 * What CloudTrail calls on the trail's key: the AWS key policy grants `kms:GenerateDataKey*`, which
 * covers the symmetric data-key actions CloudTrail uses to envelope-encrypt log and digest files
 * (`GenerateDataKey`, and `GenerateDataKeyWithoutPlaintext`) and the asymmetric
 * `GenerateDataKeyPair*` actions, which CloudTrail never calls; those are left out (no `*` in actions).
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html#create-kms-key-policy-for-cloudtrail-encrypt
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/kms-api-permissions-reference.html
 */
export const CLOUDTRAIL_DATA_KEY_ACTIONS = ['kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext'] as const;

/** ARN pattern of a CloudTrail trail in the account (any region): used in key and bucket policies. */
export function cloudTrailArn(target: AwsAccountRegion, trailName: string): string {
  return regionalArn(target, 'cloudtrail', `trail/${trailName}`);
}

/**
 * Key-policy statements of the CloudTrail CMK: CloudTrail may generate data keys only for the trail
 * `trailName` (`aws:SourceArn`) and with an encryption context naming a trail of this account, and
 * may describe the key for that trail; principals of this account may decrypt log files (their IAM
 * policies decide who), only with that encryption context.
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
 */
export function cloudTrailKeyStatements(target: AwsAccountRegion, trailName: string): PolicyStatement[] {
  const sourceArn = { 'aws:SourceArn': cloudTrailArn(target, trailName) };
  const anyTrailOfAccount = { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${AWS_PARTITION}:cloudtrail:*:${target.accountId}:trail/*` };
  return [
    {
      Sid: 'CloudTrailEncryptsLogs',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: [...CLOUDTRAIL_DATA_KEY_ACTIONS],
      Condition: { StringEquals: sourceArn, StringLike: anyTrailOfAccount },
    },
    { Sid: 'CloudTrailDescribesKey', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: ['kms:DescribeKey'], Condition: { StringEquals: sourceArn } },
    {
      Sid: 'AccountPrincipalsDecryptLogs',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['kms:Decrypt', 'kms:ReEncryptFrom'],
      Condition: { StringEquals: { 'kms:CallerAccount': target.accountId }, StringLike: anyTrailOfAccount },
    },
  ];
}
