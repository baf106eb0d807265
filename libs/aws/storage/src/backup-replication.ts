import { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktn/provider-aws/lib/iam-role-policy';
import type { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { S3BucketReplicationConfigurationA } from '@cdktn/provider-aws/lib/s3-bucket-replication-configuration';
import { policyJson, serviceTrustPolicy } from '@platform/aws-core';
import { PlatformKmsKey } from '@platform/aws-kms';
import { Construct } from 'constructs';
import { NONCURRENT_VERSION_RETENTION_DAYS } from './retention';
import { SecureBucket } from './secure-bucket';

/** Where and under which names the backups replica lives (the environment's `storage.backupReplicaRegion`). */
export interface BackupReplicaSpec {
  /** AWS provider (aliased) of `replicaRegion`. */
  readonly replicaProvider: AwsProvider;
  /** The replica region, `storage.backupReplicaRegion`. */
  readonly replicaRegion: string;
  /** Replica bucket name, `bucketName(env, 'backups-replica')`. */
  readonly replicaBucketName: string;
  /** Alias of the replica bucket's CMK, `kmsAlias(env, bucketKeyPurpose('backups-replica'))`. */
  readonly replicaKeyAliasName: string;
  /** Name of the replication IAM role, `roleName(env, 's3-backups-replication')`. */
  readonly roleName: string;
}

export interface BackupReplicationProps extends BackupReplicaSpec {
  /** Account of both buckets: S3 must be the caller from it (`aws:SourceAccount`). */
  readonly accountId: string;
  /** Region of the source bucket (`aws.region`). */
  readonly sourceRegion: string;
  /** The versioned, SSE-KMS backups bucket to replicate. */
  readonly source: SecureBucket;
  /** ARN of the source bucket's CMK. */
  readonly sourceKeyArn: string;
  /** Days replica objects are kept: the backups retention (`storage.backupsRetentionDays`). */
  readonly retentionDays: number;
}

/**
 * Cross-region replication of the backups bucket: a replica bucket `replicaBucketName`
 * with its own CMK in the replica region, the same retention, and a replication role limited to
 * these two buckets and keys. Delete markers are not replicated, so deleting a backup at the source
 * (by accident, or by a compromised Velero) leaves the replica intact until its own lifecycle expires it.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html
 */
export class BackupReplication extends Construct {
  public readonly replicaKey: PlatformKmsKey;
  public readonly replica: SecureBucket;
  public readonly role: IamRole;

  constructor(scope: Construct, id: string, props: BackupReplicationProps) {
    super(scope, id);
    const { source, replicaProvider, replicaRegion } = props;
    this.replicaKey = new PlatformKmsKey(this, 'replica-key', {
      accountId: props.accountId,
      aliasName: props.replicaKeyAliasName,
      description: `SSE-KMS of ${props.replicaBucketName} (replica of the backups bucket)`,
      provider: replicaProvider,
    });
    this.replica = new SecureBucket(this, 'replica', {
      bucketName: props.replicaBucketName,
      kmsKeyArn: this.replicaKey.arn,
      versioned: true,
      lifecycle: { expirationDays: props.retentionDays, noncurrentVersionExpirationDays: NONCURRENT_VERSION_RETENTION_DAYS },
      provider: replicaProvider,
    });

    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: 'S3 replication of the backups bucket to its cross-region replica',
      assumeRolePolicy: serviceTrustPolicy('s3.amazonaws.com', ['sts:AssumeRole'], { StringEquals: { 'aws:SourceAccount': props.accountId } }),
    });
    const src = source.arn;
    const dst = this.replica.arn;
    new IamRolePolicy(this, 'role-policy', {
      role: this.role.id,
      name: 'replicate-backups',
      policy: policyJson([
        { Sid: 'ReadSourceReplicationConfiguration', Effect: 'Allow', Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'], Resource: [src] },
        {
          Sid: 'ReadSourceObjectVersions',
          Effect: 'Allow',
          Action: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
          Resource: [`${src}/*`],
        },
        { Sid: 'WriteReplicaObjects', Effect: 'Allow', Action: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'], Resource: [`${dst}/*`] },
        {
          Sid: 'DecryptSourceObjects',
          Effect: 'Allow',
          Action: ['kms:Decrypt'],
          Resource: [props.sourceKeyArn],
          Condition: {
            StringEquals: { 'kms:ViaService': `s3.${props.sourceRegion}.amazonaws.com` },
            StringLike: { 'kms:EncryptionContext:aws:s3:arn': [src, `${src}/*`] },
          },
        },
        {
          Sid: 'EncryptReplicaObjects',
          Effect: 'Allow',
          Action: ['kms:Encrypt', 'kms:GenerateDataKey'],
          Resource: [this.replicaKey.arn],
          Condition: {
            StringEquals: { 'kms:ViaService': `s3.${replicaRegion}.amazonaws.com` },
            StringLike: { 'kms:EncryptionContext:aws:s3:arn': [dst, `${dst}/*`] },
          },
        },
      ], this.node.path),
    });

    new S3BucketReplicationConfigurationA(this, 'replication', {
      bucket: source.bucket.id,
      role: this.role.arn,
      rule: [
        {
          id: 'backups-to-replica',
          status: 'Enabled',
          filter: { prefix: '' },
          deleteMarkerReplication: { status: 'Disabled' },
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
          destination: { bucket: dst, storageClass: 'STANDARD', encryptionConfiguration: { replicaKmsKeyId: this.replicaKey.arn } },
        },
      ],
      dependsOn: [source.versioning, this.replica.versioning].filter((v) => v !== undefined),
    });
  }
}
