import type { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { S3Bucket } from '@cdktn/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration, type S3BucketLifecycleConfigurationRule } from '@cdktn/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktn/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktn/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktn/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktn/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktn/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktn/provider-aws/lib/s3-bucket-versioning';
import { denyInsecureTransport, policyJson, type PolicyStatement } from '@platform/aws-core';
import { Construct } from 'constructs';

/**
 * Days after which S3 aborts an incomplete multipart upload, so orphaned parts stop costing money.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpu-abort-incomplete-mpu-lifecycle-config.html
 */
export const ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS = 7;

/** Minimum object age S3 accepts for a transition to STANDARD_IA. @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html */
export const MIN_STANDARD_IA_TRANSITION_DAYS = 30;

/**
 * Days STANDARD_IA bills at least, whatever the object's real lifetime there. Moving objects that
 * expire sooner costs the transition request plus 30 days of IA storage, more than leaving them in
 * STANDARD. @see https://aws.amazon.com/s3/pricing/ (minimum storage duration charge)
 */
export const STANDARD_IA_MINIMUM_STORAGE_DAYS = 30;

/**
 * Whether current objects should move to STANDARD_IA: only when they then stay there at least
 * `STANDARD_IA_MINIMUM_STORAGE_DAYS` before expiring (or never expire).
 */
export function transitionPaysOff(transitionDays: number, expirationDays: number | undefined): boolean {
  return expirationDays === undefined || expirationDays - transitionDays >= STANDARD_IA_MINIMUM_STORAGE_DAYS;
}

/** Lifecycle of a bucket's objects. */
export interface BucketLifecycle {
  /**
   * Age in days at which current objects move to STANDARD_IA. Skipped unless objects then spend at
   * least `STANDARD_IA_MINIMUM_STORAGE_DAYS` there before `expirationDays` (`transitionPaysOff`).
   * @default no transition
   */
  readonly transitionToInfrequentAccessDays?: number;
  /** Age in days at which current objects expire. @default never (e.g. Terraform state) */
  readonly expirationDays?: number;
  /** Days a noncurrent (overwritten or deleted) version is kept. */
  readonly noncurrentVersionExpirationDays: number;
}

export interface SecureBucketProps {
  /** Globally unique bucket name (from `bucketName(env, purpose)`), at most 63 characters. */
  readonly bucketName: string;
  /**
   * ARN of the customer-managed key for SSE-KMS (with an S3 Bucket Key). Absent means SSE-S3
   * (AES256), which only the access-log bucket uses: S3 server access logging cannot deliver to an
   * SSE-KMS bucket.
   * @default none: SSE-S3 (`sse_algorithm = "AES256"`)
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
   */
  readonly kmsKeyArn?: string;
  /** Keep object versions (needed for backups, state and replication). */
  readonly versioned: boolean;
  /** Transition, expiration and noncurrent-version retention of the bucket's objects (one lifecycle rule, whole bucket). */
  readonly lifecycle: BucketLifecycle;
  /** Name of the bucket receiving S3 server access logs, prefix `<bucket>/`. @default no access logging */
  readonly accessLogBucketName?: string;
  /**
   * Extra bucket-policy statements, built from the bucket ARN (e.g. the CloudTrail write grant).
   * The TLS-only deny is always present. @default none
   */
  readonly policyStatements?: (bucketArn: string) => readonly PolicyStatement[];
  /** Provider for another region. @default the stack's default provider */
  readonly provider?: AwsProvider;
}

/**
 * An S3 bucket with the platform baseline: BucketOwnerEnforced (ACLs off), all four public access
 * blocks, default encryption (SSE-KMS with a bucket key, or SSE-S3 for the access-log bucket), a
 * TLS-only bucket policy, optional versioning, lifecycle rules and server access logging.
 * @throws Error naming the bucket, the prop and its value when `lifecycle.transitionToInfrequentAccessDays` is below
 *   `MIN_STANDARD_IA_TRANSITION_DAYS` (30) or a day count is not a positive integer. This construct is the one place
 *   these rules live: it is built from environment fields and from constants alike.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
 */
export class SecureBucket extends Construct {
  public readonly bucket: S3Bucket;
  /** Present when `versioned`; replication must depend on it. */
  public readonly versioning?: S3BucketVersioningA;
  public readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const { lifecycle, provider } = props;
    const where = `${this.node.path}: bucket ${props.bucketName}`;
    if (lifecycle.transitionToInfrequentAccessDays !== undefined && lifecycle.transitionToInfrequentAccessDays < MIN_STANDARD_IA_TRANSITION_DAYS) {
      throw new Error(`${where}: lifecycle.transitionToInfrequentAccessDays is ${lifecycle.transitionToInfrequentAccessDays}; S3 requires at least ${MIN_STANDARD_IA_TRANSITION_DAYS}`);
    }
    for (const [name, value] of [
      ['transitionToInfrequentAccessDays', lifecycle.transitionToInfrequentAccessDays],
      ['expirationDays', lifecycle.expirationDays],
      ['noncurrentVersionExpirationDays', lifecycle.noncurrentVersionExpirationDays],
    ] as const) {
      if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new Error(`${where}: lifecycle.${name} is ${value}; must be a positive integer`);
    }

    this.bucket = new S3Bucket(this, 'bucket', { bucket: props.bucketName, forceDestroy: false, provider });
    const ownership = new S3BucketOwnershipControls(this, 'ownership', {
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
      provider,
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
      provider,
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [
        props.kmsKeyArn
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
      ],
      provider,
    });
    if (props.versioned) {
      this.versioning = new S3BucketVersioningA(this, 'versioning', {
        bucket: this.bucket.id,
        versioningConfiguration: { status: 'Enabled' },
        provider,
      });
    }

    const transition =
      lifecycle.transitionToInfrequentAccessDays !== undefined && transitionPaysOff(lifecycle.transitionToInfrequentAccessDays, lifecycle.expirationDays)
        ? [{ days: lifecycle.transitionToInfrequentAccessDays, storageClass: 'STANDARD_IA' }]
        : undefined;
    const rule: S3BucketLifecycleConfigurationRule = {
      id: 'retention',
      status: 'Enabled',
      filter: [{ prefix: '' }],
      abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS }],
      noncurrentVersionExpiration: [{ noncurrentDays: lifecycle.noncurrentVersionExpirationDays }],
      ...(transition ? { transition } : {}),
      ...(lifecycle.expirationDays !== undefined ? { expiration: [{ days: lifecycle.expirationDays }] } : {}),
    };
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: [rule],
      dependsOn: this.versioning ? [this.versioning] : undefined,
      provider,
    });

    if (props.accessLogBucketName) {
      new S3BucketLoggingA(this, 'access-logging', {
        bucket: this.bucket.id,
        targetBucket: props.accessLogBucketName,
        targetPrefix: `${props.bucketName}/`,
        provider,
      });
    }

    const arn = this.bucket.arn;
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: policyJson([denyInsecureTransport(['s3:*'], [arn, `${arn}/*`]), ...(props.policyStatements?.(arn) ?? [])], this.node.path),
      dependsOn: [publicAccess, ownership],
      provider,
    });
  }

  /** Bucket ARN (a Terraform token). */
  public get arn(): string {
    return this.bucket.arn;
  }
}
