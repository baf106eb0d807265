import type { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { bucketKeyPurpose, PlatformKmsKey } from '@platform/aws-kms';
import { BUCKET_PURPOSES, type BucketPurpose, bucketName, type EnvironmentConfig, kmsAlias } from '@platform/config';
import { Construct } from 'constructs';
import { BackupReplication } from './backup-replication';
import { NONCURRENT_VERSION_RETENTION_DAYS, purposeRetentionDays, VERSIONED_PURPOSES } from './retention';
import { SecureBucket } from './secure-bucket';

export interface PlatformStorageProps {
  readonly env: EnvironmentConfig;
  /** Bucket receiving server access logs (`accessLogBucketName`, created by the bootstrap stack). */
  readonly accessLogBucketName: string;
  /**
   * AWS provider (aliased) of `storage.backupReplicaRegion`; required exactly when that field is set.
   * @default none: no replica bucket, backups stay in `aws.region` only
   */
  readonly replicaProvider?: AwsProvider;
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
 * `storage.transitionToInfrequentAccessDays` (when that is before their expiry) and expire after the
 * purpose's `storage.*RetentionDays`. Backups are versioned and, when `storage.backupReplicaRegion`
 * is set, replicated to that region.
 * @throws Error naming `storage.backupReplicaRegion` when it is set without `replicaProvider` or vice versa
 */
export class PlatformStorage extends Construct {
  public readonly buckets: Readonly<Record<BucketPurpose, PurposeBucket>>;
  public readonly replication?: BackupReplication;

  constructor(scope: Construct, id: string, props: PlatformStorageProps) {
    super(scope, id);
    const { env } = props;
    const replicaRegion = env.storage.backupReplicaRegion;
    if ((replicaRegion === undefined) !== (props.replicaProvider === undefined)) {
      throw new Error(
        `${env.name}: storage.backupReplicaRegion is ${replicaRegion ?? 'unset'} but a replica provider was ${props.replicaProvider ? '' : 'not '}given; pass one exactly when the region is set`,
      );
    }
    const buckets = {} as Record<BucketPurpose, PurposeBucket>;
    for (const purpose of BUCKET_PURPOSES) {
      const name = bucketName(env, purpose);
      const key = new PlatformKmsKey(this, `${purpose}-key`, { accountId: env.aws.accountId, aliasName: kmsAlias(env, bucketKeyPurpose(purpose)), description: `SSE-KMS of ${name}` });
      const bucket = new SecureBucket(this, purpose, {
        env,
        bucketName: name,
        kmsKeyArn: key.arn,
        versioned: VERSIONED_PURPOSES.includes(purpose),
        lifecycle: {
          transitionToInfrequentAccessDays: env.storage.transitionToInfrequentAccessDays,
          expirationDays: purposeRetentionDays(env, purpose),
          noncurrentVersionExpirationDays: NONCURRENT_VERSION_RETENTION_DAYS,
        },
        accessLogBucketName: props.accessLogBucketName,
      });
      buckets[purpose] = { key, bucket };
    }
    this.buckets = buckets;
    if (replicaRegion !== undefined && props.replicaProvider) {
      this.replication = new BackupReplication(this, 'backups-replication', {
        env,
        source: buckets.backups.bucket,
        sourceKeyArn: buckets.backups.key.arn,
        replicaProvider: props.replicaProvider,
        replicaRegion,
      });
    }
  }
}
