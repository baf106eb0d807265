import { PlatformKmsKey } from '@platform/aws-kms';
import { BUCKET_PURPOSES, type BucketPurpose } from '@platform/config';
import { Construct } from 'constructs';
import { type BackupReplicaSpec, BackupReplication } from './backup-replication';
import { NONCURRENT_VERSION_RETENTION_DAYS, VERSIONED_PURPOSES } from './retention';
import { SecureBucket } from './secure-bucket';

/** What one purpose bucket is made of: names from the naming contract and its retention. */
export interface PurposeBucketSpec {
  /** Globally unique bucket name, `bucketName(env, purpose)`. */
  readonly bucketName: string;
  /** Alias of the bucket's own CMK, `kmsAlias(env, bucketKeyPurpose(purpose))`; Pod Identity roles find the key by it. */
  readonly keyAliasName: string;
  /** Days current objects are kept, `storage.<purpose>RetentionDays` (`purposeRetentionDays`). */
  readonly retentionDays: number;
}

export interface PlatformStorageProps {
  /** Account of the buckets and keys (the key policies' root principal). */
  readonly accountId: string;
  /** Primary region of the buckets (`aws.region`): the replication role decrypts through S3 of this region. */
  readonly region: string;
  /** One spec per `BUCKET_PURPOSES` entry. */
  readonly buckets: Readonly<Record<BucketPurpose, PurposeBucketSpec>>;
  /** Age in days at which objects move to STANDARD_IA (`storage.transitionToInfrequentAccessDays`), when that is before their expiry. */
  readonly transitionToInfrequentAccessDays: number;
  /** Bucket receiving server access logs (`accessLogBucketName`, created by the bootstrap stack). */
  readonly accessLogBucketName: string;
  /**
   * Cross-region replica of the backups bucket (`storage.backupReplicaRegion`).
   * @default none: no replica bucket, backups stay in `region` only
   */
  readonly backupReplica?: BackupReplicaSpec;
}

/** One purpose bucket and its dedicated key. */
export interface PurposeBucket {
  readonly key: PlatformKmsKey;
  readonly bucket: SecureBucket;
}

/**
 * The environment's object storage: one bucket per `BUCKET_PURPOSES` entry (Loki logs, Tempo traces,
 * Mimir metrics, CloudNativePG/Velero backups), each with its own CMK so a workload's Pod Identity
 * role can decrypt only its own bucket. Objects move to STANDARD_IA after
 * `transitionToInfrequentAccessDays` (when that is before their expiry) and expire after the
 * purpose's `retentionDays`. Backups are versioned and, with `backupReplica`, replicated to its region.
 */
export class PlatformStorage extends Construct {
  public readonly buckets: Readonly<Record<BucketPurpose, PurposeBucket>>;
  public readonly replication?: BackupReplication;

  constructor(scope: Construct, id: string, props: PlatformStorageProps) {
    super(scope, id);
    const buckets = {} as Record<BucketPurpose, PurposeBucket>;
    for (const purpose of BUCKET_PURPOSES) {
      const spec = props.buckets[purpose];
      const key = new PlatformKmsKey(this, `${purpose}-key`, { accountId: props.accountId, aliasName: spec.keyAliasName, description: `SSE-KMS of ${spec.bucketName}` });
      const bucket = new SecureBucket(this, purpose, {
        bucketName: spec.bucketName,
        kmsKeyArn: key.arn,
        versioned: VERSIONED_PURPOSES.includes(purpose),
        lifecycle: {
          transitionToInfrequentAccessDays: props.transitionToInfrequentAccessDays,
          expirationDays: spec.retentionDays,
          noncurrentVersionExpirationDays: NONCURRENT_VERSION_RETENTION_DAYS,
        },
        accessLogBucketName: props.accessLogBucketName,
      });
      buckets[purpose] = { key, bucket };
    }
    this.buckets = buckets;
    if (props.backupReplica) {
      this.replication = new BackupReplication(this, 'backups-replication', {
        ...props.backupReplica,
        accountId: props.accountId,
        sourceRegion: props.region,
        source: buckets.backups.bucket,
        sourceKeyArn: buckets.backups.key.arn,
        retentionDays: props.buckets.backups.retentionDays,
      });
    }
  }
}
