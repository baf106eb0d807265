import { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { mandatoryTags, accessLogBucketName, kmsAlias } from '@platform/config';
import { AlertsTopic } from '@platform/aws-audit';
import { PlatformStack, type PlatformStackProps } from '@platform/aws-core';
import { KMS_KEY_PURPOSES, PlatformKmsKey } from '@platform/aws-kms';
import { PlatformStorage } from '@platform/aws-storage';
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
    const replicaProvider = replicaRegion
      ? new AwsProvider(this, 'aws-replica', {
          alias: 'replica',
          region: replicaRegion,
          allowedAccountIds: [env.aws.accountId],
          defaultTags: [{ tags: { ...mandatoryTags(env), Stack: id } }],
        })
      : undefined;
    this.storage = new PlatformStorage(this, 'storage', { env, accessLogBucketName: accessLogBucketName(env), replicaProvider });
    this.unsealKey = new PlatformKmsKey(this, 'openbao-unseal-key', {
      accountId: env.aws.accountId,
      aliasName: kmsAlias(env, KMS_KEY_PURPOSES.openbaoUnseal),
      description: 'OpenBao auto-unseal (awskms seal)',
    });
    this.alertsTopic = new AlertsTopic(this, 'alerts-topic', { env });
  }
}
