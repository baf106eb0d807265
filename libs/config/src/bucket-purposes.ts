/** Purposes that get their own S3 bucket. */
export const BUCKET_PURPOSES = ['logs', 'traces', 'metrics', 'backups'] as const;
export type BucketPurpose = (typeof BUCKET_PURPOSES)[number];
