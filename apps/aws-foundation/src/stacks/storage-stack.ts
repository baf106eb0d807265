import { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { accessLogBucketName, alertsTopicName, BUCKET_PURPOSES, type BucketPurpose, bucketName, clusterName, kmsAlias, mandatoryTags, roleName } from '@platform/config';
import { AlertsTopic } from '@platform/aws-audit';
import { PlatformStack, type PlatformStackProps } from '@platform/aws-core';
import { bucketKeyPurpose, KMS_KEY_PURPOSES, PlatformKmsKey } from '@platform/aws-kms';
import { PlatformStorage, type PurposeBucketSpec, purposeRetentionDays } from '@platform/aws-storage';
import type { Construct } from 'constructs';

/**
 * State `storage`: the purpose buckets with their CMKs, the backups replica when
 * `storage.backupReplicaRegion` is set (second provider, alias `replica`), and the OpenBao unseal
 * CMK, which lives with the data it protects rather than with the cluster. Also the KMS-encrypted alerts topic:
 * before pod-iam (Alertmanager's role names its key) and the audit and cost stacks (which publish to it).
 */
export class StorageStack extends PlatformStack {
  public readonly storage: PlatformStorage;
  public readonly unsealKey: PlatformKmsKey;
  public readonly alertsTopic: AlertsTopic;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    const { env } = props;
    const replicaRegion = env.storage.backupReplicaRegion;
    const buckets = Object.fromEntries(
      BUCKET_PURPOSES.map((purpose): [BucketPurpose, PurposeBucketSpec] => [
        purpose,
        { bucketName: bucketName(env, purpose), keyAliasName: kmsAlias(env, bucketKeyPurpose(purpose)), retentionDays: purposeRetentionDays(env.storage, purpose) },
      ]),
    ) as Record<BucketPurpose, PurposeBucketSpec>;
    this.storage = new PlatformStorage(this, 'storage', {
      accountId: env.aws.accountId,
      region: env.aws.region,
      buckets,
      transitionToInfrequentAccessDays: env.storage.transitionToInfrequentAccessDays,
      accessLogBucketName: accessLogBucketName(env),
      ...(replicaRegion
        ? {
            backupReplica: {
              replicaProvider: new AwsProvider(this, 'aws-replica', {
                alias: 'replica',
                region: replicaRegion,
                allowedAccountIds: [env.aws.accountId],
                defaultTags: [{ tags: { ...mandatoryTags(env), Stack: id } }],
              }),
              replicaRegion,
              replicaBucketName: bucketName(env, 'backups-replica'),
              replicaKeyAliasName: kmsAlias(env, bucketKeyPurpose('backups-replica')),
              roleName: roleName(env, 's3-backups-replication'),
            },
          }
        : {}),
    });
    this.unsealKey = new PlatformKmsKey(this, 'openbao-unseal-key', {
      accountId: env.aws.accountId,
      aliasName: kmsAlias(env, KMS_KEY_PURPOSES.openbaoUnseal),
      description: 'OpenBao auto-unseal (awskms seal)',
    });
    this.alertsTopic = new AlertsTopic(this, 'alerts-topic', {
      accountId: env.aws.accountId,
      region: env.aws.region,
      clusterName: clusterName(env),
      topicName: alertsTopicName(env),
      keyAliasName: kmsAlias(env, KMS_KEY_PURPOSES.alerts),
      subscriptions: env.observability.alertsTopic.subscriptions,
    });
  }
}
