import type { PolicyStatement } from '@platform/aws-core';
import { podIdentityObjectPrefix, podIdentityObjectPrefixes } from '@platform/config';
import type { PermissionContext } from '../permission-context';

/** The key prefix an entry owns in its purpose bucket (`podIdentityObjectPrefix` of the shared contract). */
export function workloadObjectPrefix(entryId: string): string {
  return podIdentityObjectPrefix({ id: entryId });
}

/**
 * Read and write the entry's own prefix (`workloadObjectPrefix`, plus the permission's `extraPrefixes`) of exactly one purpose bucket, and
 * use the bucket's CMK through S3 only. Object actions name `<bucket ARN>/<entry id>/*`, so no entry
 * can read, write or delete another entry's objects.
 *
 * `s3:ListBucket` is conditioned with `StringLikeIfExists` on `s3:prefix` `<entry id>/*`: a listing
 * with another prefix is refused, but requests that carry no prefix are allowed, because
 * `HeadBucket` (authorized by `s3:ListBucket`, and called by barman-cloud for CloudNativePG backups
 * and by most S3 clients to check the bucket) has no `s3:prefix`. The accepted consequence: a
 * listing without prefix returns the key names of every entry's objects in the shared bucket (names
 * only; their contents stay unreadable). `s3:GetBucketLocation` and `s3:ListBucketMultipartUploads`
 * support no prefix condition; they reveal bucket metadata and in-progress upload keys, never object data.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html#condition-key-bucket-ops-2
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html
 */
export function s3BucketStatements(ctx: PermissionContext, purpose: Parameters<PermissionContext['bucketName']>[0], entryId: string, extraPrefixes: readonly string[] = []): PolicyStatement[] {
  const arn = `arn:${ctx.partition}:s3:::${ctx.bucketName(purpose)}`;
  const prefixes = podIdentityObjectPrefixes({ id: entryId }, { extraPrefixes });
  const sidSuffix = purpose.charAt(0).toUpperCase() + purpose.slice(1);
  return [
    {
      Sid: `List${sidSuffix}BucketOwnPrefix`,
      Effect: 'Allow',
      Action: ['s3:ListBucket'],
      Resource: [arn],
      Condition: { StringLikeIfExists: { 's3:prefix': prefixes.map((p) => `${p}*`) } },
    },
    { Sid: `Locate${sidSuffix}Bucket`, Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:ListBucketMultipartUploads'], Resource: [arn] },
    {
      Sid: `ReadWrite${sidSuffix}OwnObjects`,
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      Resource: prefixes.map((p) => `${arn}/${p}*`),
    },
    {
      Sid: `Use${sidSuffix}BucketKey`,
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
      Resource: [ctx.bucketKeyArn(purpose)],
      Condition: { StringEquals: { 'kms:ViaService': `s3.${ctx.region}.amazonaws.com` } },
    },
  ];
}
