import type { PolicyStatement } from '@platform/aws-core';
import { PlatformKmsKey } from '@platform/aws-kms';
import { AccessLogBucket, type AccessLogBucketProps, SecureBucket } from '@platform/aws-storage';
import { Construct } from 'constructs';

/**
 * Days an overwritten state version is kept: enough to roll a bad apply back from the bucket's
 * version history long after it happened.
 */
export const STATE_NONCURRENT_VERSION_RETENTION_DAYS = 90;

export interface StateBackendProps {
  /** Account of the state CMK (its root administers the key). */
  readonly accountId: string;
  /** The state bucket, `stateBucketName(env)`, which every stack's S3 backend names. */
  readonly stateBucketName: string;
  /** Alias of the state CMK, `kmsAlias(env, STATE_KEY_PURPOSE)`; every S3 backend's `kms_key_id` names its ARN. */
  readonly keyAliasName: string;
  /** The environment's access-log bucket, created here because the state bucket is the first to log into it. */
  readonly accessLogBucket: AccessLogBucketProps;
}

/**
 * Bucket-policy statement refusing any `s3:PutObject` that asks for server-side encryption other
 * than SSE-KMS, e.g. a backend with `encrypt = true` but no `kms_key_id`, which sends
 * `x-amz-server-side-encryption: AES256` and would store the state under SSE-S3, bypassing the
 * CMK. A PUT without the header is allowed: the bucket's default encryption (SSE-KMS with the state
 * CMK) applies to it, so every object still ends up under the CMK whichever Terraform version
 * writes the state or its `.tflock` file. The KMS key id is not compared: the backend sends the
 * alias ARN while S3 evaluates `s3:x-amz-server-side-encryption-aws-kms-key-id` against the
 * literal header, so an ARN condition would refuse correct requests.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/specifying-kms-encryption.html
 */
export function denyNonKmsStateWrites(bucketArn: string): PolicyStatement {
  return {
    Sid: 'DenyPutObjectWithoutSseKms',
    Effect: 'Deny',
    Principal: '*',
    Action: ['s3:PutObject'],
    Resource: [`${bucketArn}/*`],
    Condition: {
      StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' },
      Null: { 's3:x-amz-server-side-encryption': 'false' },
    },
  };
}

/**
 * What every other stack's S3 backend needs: the state bucket `stateBucketName` (versioned,
 * SSE-KMS with a rotating CMK, public access blocked, TLS-only, BucketOwnerEnforced, current
 * versions never expire) and the environment's access-log bucket, which the state bucket and every
 * later bucket log to. Locking uses the S3 native lockfile (`use_lockfile`), so no DynamoDB table.
 * The bucket policy also refuses PUTs that request a non-KMS encryption (`denyNonKmsStateWrites`).
 * @see https://developer.hashicorp.com/terraform/language/backend/s3
 */
export class StateBackend extends Construct {
  public readonly key: PlatformKmsKey;
  public readonly stateBucket: SecureBucket;
  public readonly accessLogs: AccessLogBucket;

  constructor(scope: Construct, id: string, props: StateBackendProps) {
    super(scope, id);
    this.accessLogs = new AccessLogBucket(this, 'access-logs', props.accessLogBucket);
    this.key = new PlatformKmsKey(this, 'key', { accountId: props.accountId, aliasName: props.keyAliasName, description: `SSE-KMS of the Terraform state bucket ${props.stateBucketName}` });
    this.stateBucket = new SecureBucket(this, 'state', {
      bucketName: props.stateBucketName,
      kmsKeyArn: this.key.arn,
      versioned: true,
      lifecycle: { noncurrentVersionExpirationDays: STATE_NONCURRENT_VERSION_RETENTION_DAYS },
      policyStatements: (arn) => [denyNonKmsStateWrites(arn)],
      // The token (not the literal name) makes logging wait for the access-log bucket.
      accessLogBucketName: this.accessLogs.bucket.bucket.bucket,
    });
  }
}
