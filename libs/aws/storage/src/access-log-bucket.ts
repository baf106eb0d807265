import { AWS_PARTITION } from '@platform/aws-core';
import { Construct } from 'constructs';
import { SecureBucket } from './secure-bucket';

export interface AccessLogBucketProps {
  /** The bucket's name, `accessLogBucketName(env)`. */
  readonly bucketName: string;
  /** Account whose buckets may deliver logs here (`aws:SourceAccount`). */
  readonly accountId: string;
  /**
   * Name prefix of the source buckets allowed to deliver (`aws:SourceArn` `arn:aws:s3:::<prefix>-*`):
   * the cluster name (`clusterName(env)`), which starts every bucket name of the environment.
   */
  readonly sourceBucketPrefix: string;
  /** Days log objects are kept (`audit.cloudTrailRetentionDays`, like the trail they complement). */
  readonly retentionDays: number;
  /** Age in days at which logs move to STANDARD_IA (`storage.transitionToInfrequentAccessDays`), when that pays off. */
  readonly transitionToInfrequentAccessDays: number;
}

/**
 * The bucket receiving S3 server access logs of every other bucket of the environment
 * (`bucketName`). S3 log delivery only writes to SSE-S3 buckets, so this one bucket uses
 * AES256 instead of a CMK; delivery is granted by bucket policy to `logging.s3.amazonaws.com` for
 * source buckets of `accountId` named `<sourceBucketPrefix>-*` (ACLs are disabled by BucketOwnerEnforced).
 * Logs are kept `retentionDays`.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html#grant-log-delivery-permissions-general
 */
export class AccessLogBucket extends Construct {
  public readonly bucket: SecureBucket;
  public readonly bucketName: string;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    this.bucketName = props.bucketName;
    this.bucket = new SecureBucket(this, 'bucket', {
      bucketName: this.bucketName,
      versioned: false,
      lifecycle: {
        transitionToInfrequentAccessDays: props.transitionToInfrequentAccessDays,
        expirationDays: props.retentionDays,
        noncurrentVersionExpirationDays: 1,
      },
      policyStatements: (arn) => [
        {
          Sid: 'S3ServerAccessLogDelivery',
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: ['s3:PutObject'],
          Resource: [`${arn}/*`],
          Condition: {
            StringEquals: { 'aws:SourceAccount': props.accountId },
            ArnLike: { 'aws:SourceArn': `arn:${AWS_PARTITION}:s3:::${props.sourceBucketPrefix}-*` },
          },
        },
      ],
    });
  }
}
