import { Cloudtrail } from '@cdktn/provider-aws/lib/cloudtrail';
import { cloudTrailArn, cloudTrailKeyStatements, KMS_KEY_PURPOSES, PlatformKmsKey } from '@platform/aws-kms';
import { SecureBucket } from '@platform/aws-storage';
import { bucketName, clusterName, type EnvironmentConfig, kmsAlias } from '@platform/config';
import { Construct } from 'constructs';

export interface CloudTrailAuditProps {
  readonly env: EnvironmentConfig;
  /** Bucket receiving the trail bucket's server access logs. */
  readonly accessLogBucketName: string;
}

/**
 * A multi-region CloudTrail trail `<cluster>` with log file validation, SSE-KMS with a dedicated
 * CMK, and its own bucket `bucketName(env, 'cloudtrail')` whose policy admits only this trail
 * (`aws:SourceArn`). Log files expire after `audit.cloudTrailRetentionDays`. CloudWatch Logs
 * delivery is not enabled: the bucket is the system of record, and GuardDuty already analyses
 * the management events. Two environments sharing an account each get a trail; the second copy of
 * management events is billed.
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
 */
export class CloudTrailAudit extends Construct {
  public readonly key: PlatformKmsKey;
  public readonly bucket: SecureBucket;
  public readonly trail: Cloudtrail;

  constructor(scope: Construct, id: string, props: CloudTrailAuditProps) {
    super(scope, id);
    const { env } = props;
    const trailName = clusterName(env);
    const trailArn = cloudTrailArn(env.aws, trailName);
    const name = bucketName(env, 'cloudtrail');
    const sourceArn = { 'aws:SourceArn': trailArn };
    const keyStatements = cloudTrailKeyStatements(env.aws, trailName);
    this.key = new PlatformKmsKey(this, 'key', { accountId: env.aws.accountId, aliasName: kmsAlias(env, KMS_KEY_PURPOSES.cloudtrail), description: `CloudTrail log files of ${trailName}`, statements: keyStatements });
    this.bucket = new SecureBucket(this, 'bucket', {
      env,
      bucketName: name,
      kmsKeyArn: this.key.arn,
      versioned: true,
      lifecycle: {
        transitionToInfrequentAccessDays: env.storage.transitionToInfrequentAccessDays,
        expirationDays: env.audit.cloudTrailRetentionDays,
        // An overwritten or deleted log file is evidence too: keep its version as long as the trail's logs.
        noncurrentVersionExpirationDays: env.audit.cloudTrailRetentionDays,
      },
      accessLogBucketName: props.accessLogBucketName,
      policyStatements: (arn) => [
        { Sid: 'CloudTrailAclCheck', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: ['s3:GetBucketAcl'], Resource: [arn], Condition: { StringEquals: sourceArn } },
        {
          Sid: 'CloudTrailWrite',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: ['s3:PutObject'],
          Resource: [`${arn}/AWSLogs/${env.aws.accountId}/*`],
          Condition: { StringEquals: { ...sourceArn, 's3:x-amz-acl': 'bucket-owner-full-control' } },
        },
      ],
    });
    this.trail = new Cloudtrail(this, 'trail', {
      name: trailName,
      s3BucketName: this.bucket.bucket.id,
      kmsKeyId: this.key.arn,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      dependsOn: [this.bucket.policy],
    });
  }
}
