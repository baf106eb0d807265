import { Cloudtrail } from '@cdktn/provider-aws/lib/cloudtrail';
import { cloudTrailArn, cloudTrailKeyStatements, PlatformKmsKey } from '@platform/aws-kms';
import { SecureBucket } from '@platform/aws-storage';
import { Construct } from 'constructs';

export interface CloudTrailAuditProps {
  /** Account of the trail; CloudTrail writes under `AWSLogs/<accountId>/`. */
  readonly accountId: string;
  /** Home region of the (multi-region) trail (`aws.region`). */
  readonly region: string;
  /** Trail name: the cluster name (`clusterName(env)`). */
  readonly trailName: string;
  /** The trail's bucket, `bucketName(env, 'cloudtrail')`. */
  readonly bucketName: string;
  /** Alias of the trail's CMK, `kmsAlias(env, KMS_KEY_PURPOSES.cloudtrail)`. */
  readonly keyAliasName: string;
  /** Days log files (and their overwritten versions) are kept (`audit.cloudTrailRetentionDays`). */
  readonly retentionDays: number;
  /** Age in days at which log files move to STANDARD_IA (`storage.transitionToInfrequentAccessDays`), when that pays off. */
  readonly transitionToInfrequentAccessDays: number;
  /** Bucket receiving the trail bucket's server access logs. */
  readonly accessLogBucketName: string;
}

/**
 * A multi-region CloudTrail trail `trailName` with log file validation, SSE-KMS with a dedicated
 * CMK, and its own bucket `bucketName` whose policy admits only this trail (`aws:SourceArn`). Log
 * files expire after `retentionDays`. CloudWatch Logs
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
    const { trailName } = props;
    const trailArn = cloudTrailArn(props, trailName);
    const sourceArn = { 'aws:SourceArn': trailArn };
    const keyStatements = cloudTrailKeyStatements(props, trailName);
    this.key = new PlatformKmsKey(this, 'key', { accountId: props.accountId, aliasName: props.keyAliasName, description: `CloudTrail log files of ${trailName}`, statements: keyStatements });
    this.bucket = new SecureBucket(this, 'bucket', {
      bucketName: props.bucketName,
      kmsKeyArn: this.key.arn,
      versioned: true,
      lifecycle: {
        transitionToInfrequentAccessDays: props.transitionToInfrequentAccessDays,
        expirationDays: props.retentionDays,
        // An overwritten or deleted log file is evidence too: keep its version as long as the trail's logs.
        noncurrentVersionExpirationDays: props.retentionDays,
      },
      accessLogBucketName: props.accessLogBucketName,
      policyStatements: (arn) => [
        { Sid: 'CloudTrailAclCheck', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: ['s3:GetBucketAcl'], Resource: [arn], Condition: { StringEquals: sourceArn } },
        {
          Sid: 'CloudTrailWrite',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: ['s3:PutObject'],
          Resource: [`${arn}/AWSLogs/${props.accountId}/*`],
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
