import type { BucketPurpose } from '@platform/config';

/**
 * Purposes whose bucket keeps object versions. Backups are versioned so an overwritten or deleted
 * backup survives for `NONCURRENT_VERSION_RETENTION_DAYS` and so they can be replicated (replication
 * needs versioning). Loki, Tempo and Mimir buckets are not: their compactors rewrite and delete
 * blocks continuously, and versioning would keep every deleted block as a billed noncurrent version
 * while the data is already bounded by its retention.
 */
export const VERSIONED_PURPOSES: readonly BucketPurpose[] = ['backups'];

/**
 * Days a noncurrent object version is kept before S3 expires it: long enough to recover from an
 * accidental or malicious delete noticed within a month.
 */
export const NONCURRENT_VERSION_RETENTION_DAYS = 30;

/** The per-purpose retention fields of the environment's `storage` section, days. */
export interface StorageRetentionDays {
  readonly logsRetentionDays: number;
  readonly tracesRetentionDays: number;
  readonly metricsRetentionDays: number;
  readonly backupsRetentionDays: number;
}

/** Current-object retention of a purpose bucket, days, from `storage.<purpose>RetentionDays` (pass `env.storage`). */
export function purposeRetentionDays(storage: StorageRetentionDays, purpose: BucketPurpose): number {
  switch (purpose) {
    case 'logs':
      return storage.logsRetentionDays;
    case 'traces':
      return storage.tracesRetentionDays;
    case 'metrics':
      return storage.metricsRetentionDays;
    case 'backups':
      return storage.backupsRetentionDays;
  }
}
