import { accessLogBucketName, clusterName, type EnvironmentConfig } from '@platform/config';
import { AWS_PARTITION } from '@platform/aws-core';
import { Construct } from 'constructs';
import { SecureBucket } from './secure-bucket';

export interface AccessLogBucketProps {
  readonly env: EnvironmentConfig;
}

/**
 * The bucket receiving S3 server access logs of every other bucket of the environment
 * (`accessLogBucketName`). S3 log delivery only writes to SSE-S3 buckets, so this one bucket uses
 * AES256 instead of a CMK; delivery is granted by bucket policy to `logging.s3.amazonaws.com` for
 * source buckets of this account named `<cluster>-*` (ACLs are disabled by BucketOwnerEnforced).
 * Logs are kept `audit.cloudTrailRetentionDays`, like the CloudTrail trail they complement.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html#grant-log-delivery-permissions-general
 */
export class AccessLogBucket extends Construct {
  public readonly bucket: SecureBucket;
  public readonly bucketName: string;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const { env } = props;
    this.bucketName = accessLogBucketName(env);
    this.bucket = new SecureBucket(this, 'bucket', {
      env,
      bucketName: this.bucketName,
      versioned: false,
      lifecycle: {
        transitionToInfrequentAccessDays: env.storage.transitionToInfrequentAccessDays,
        expirationDays: env.audit.cloudTrailRetentionDays,
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
            StringEquals: { 'aws:SourceAccount': env.aws.accountId },
            ArnLike: { 'aws:SourceArn': `arn:${AWS_PARTITION}:s3:::${clusterName(env)}-*` },
          },
        },
      ],
    });
  }
}
