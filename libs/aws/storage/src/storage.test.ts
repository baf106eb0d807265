import { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { onlyResource, parsePolicy, resourcesOf, type StackJson, synthConstructs } from '@platform/aws-core/testing';
import { BUCKET_PURPOSES, type BucketPurpose } from '@platform/config';
import { AccessLogBucket } from './access-log-bucket';
import { PlatformStorage, type PlatformStorageProps } from './platform-storage';
import { type SecureBucketProps, SecureBucket, STANDARD_IA_MINIMUM_STORAGE_DAYS, transitionPaysOff } from './secure-bucket';

const RETENTION_DAYS: Record<BucketPurpose, number> = { logs: 14, traces: 60, metrics: 400, backups: 35 };

/** Literal name of a bucket (cluster `acme-test`, account 111122223333). */
function nameOf(purpose: BucketPurpose | 'backups-replica' | 'access-logs'): string {
  return `acme-test-${purpose}-111122223333`;
}

const storageProps: PlatformStorageProps = {
  accountId: '111122223333',
  region: 'eu-west-1',
  buckets: Object.fromEntries(
    BUCKET_PURPOSES.map((p) => [p, { bucketName: nameOf(p), keyAliasName: `alias/acme-test/s3-${p}`, retentionDays: RETENTION_DAYS[p] }]),
  ) as PlatformStorageProps['buckets'],
  transitionToInfrequentAccessDays: 30,
  accessLogBucketName: nameOf('access-logs'),
};

let plainJson: StackJson;
let replicatedJson: StackJson;
beforeAll(() => {
  plainJson = synthConstructs((s) => {
    new AccessLogBucket(s, 'access-logs', { bucketName: nameOf('access-logs'), accountId: '111122223333', sourceBucketPrefix: 'acme-test', retentionDays: 365, transitionToInfrequentAccessDays: 30 });
    new PlatformStorage(s, 'storage', storageProps);
  });
  replicatedJson = synthConstructs((s) => {
    const replicaProvider = new AwsProvider(s, 'aws-replica', { alias: 'replica', region: 'eu-central-1' });
    new PlatformStorage(s, 'storage', {
      ...storageProps,
      backupReplica: {
        replicaProvider,
        replicaRegion: 'eu-central-1',
        replicaBucketName: nameOf('backups-replica'),
        replicaKeyAliasName: 'alias/acme-test/s3-backups-replica',
        roleName: 'acme-test-s3-backups-replication',
      },
    });
  });
});

/** The resource of `type` attached to the bucket with logical id `bucketId`. */
function attached(json: StackJson, type: string, bucketId: string): Record<string, unknown> | undefined {
  return resourcesOf(json, type).find(([, r]) => r.bucket === `\${aws_s3_bucket.${bucketId}.id}`)?.[1];
}


function bucketId(json: StackJson, name: string): string {
  const found = resourcesOf(json, 'aws_s3_bucket').find(([, b]) => b.bucket === name);
  if (!found) throw new Error(`no bucket ${name}`);
  return found[0];
}

describe('PlatformStorage', () => {
  it('creates one bucket per purpose, named <org>-<env>-<purpose>-<account> within the 63-character S3 limit', () => {
    const names = resourcesOf(plainJson, 'aws_s3_bucket').map(([, b]) => b.bucket as string);
    expect(names.sort()).toEqual([
      'acme-test-access-logs-111122223333',
      'acme-test-backups-111122223333',
      'acme-test-logs-111122223333',
      'acme-test-metrics-111122223333',
      'acme-test-traces-111122223333',
    ]);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(63);
    const replicaNames = resourcesOf(replicatedJson, 'aws_s3_bucket').map(([, b]) => b.bucket as string);
    expect(replicaNames).toContain('acme-test-backups-replica-111122223333');
    for (const name of replicaNames) expect(name.length).toBeLessThanOrEqual(63);
  });

  it('encrypts every purpose bucket with its own rotating CMK and a bucket key', () => {
    const keys = new Set<string>();
    for (const p of BUCKET_PURPOSES) {
      const sse = attached(plainJson, 'aws_s3_bucket_server_side_encryption_configuration', bucketId(plainJson, nameOf(p)));
      const rule = (sse?.rule as { apply_server_side_encryption_by_default: { sse_algorithm: string; kms_master_key_id: string }; bucket_key_enabled: boolean }[])[0];
      expect(rule.apply_server_side_encryption_by_default.sse_algorithm).toBe('aws:kms');
      expect(rule.bucket_key_enabled).toBe(true);
      keys.add(rule.apply_server_side_encryption_by_default.kms_master_key_id);
    }
    expect(keys.size).toBe(BUCKET_PURPOSES.length);
    for (const [, k] of resourcesOf(plainJson, 'aws_kms_key')) expect(k.enable_key_rotation).toBe(true);
  });

  it('encrypts every bucket (the access-log bucket with SSE-S3, which S3 log delivery requires)', () => {
    for (const [id] of resourcesOf(plainJson, 'aws_s3_bucket')) expect(attached(plainJson, 'aws_s3_bucket_server_side_encryption_configuration', id)).toBeDefined();
    const logs = attached(plainJson, 'aws_s3_bucket_server_side_encryption_configuration', bucketId(plainJson, nameOf('access-logs')));
    expect(JSON.stringify(logs)).toContain('"sse_algorithm":"AES256"');
  });

  it('versions only the backups bucket, with versioning Enabled', () => {
    const versioned = resourcesOf(plainJson, 'aws_s3_bucket_versioning').map(([, v]) => v);
    expect(versioned).toEqual([expect.objectContaining({ bucket: `\${aws_s3_bucket.${bucketId(plainJson, nameOf('backups'))}.id}`, versioning_configuration: { status: 'Enabled' } })]);
  });

  it('expires objects after the purpose retention and moves them to STANDARD_IA only when they then stay there at least 30 days', () => {
    const rule = (p: (typeof BUCKET_PURPOSES)[number]) =>
      (attached(plainJson, 'aws_s3_bucket_lifecycle_configuration', bucketId(plainJson, nameOf(p)))?.rule as Record<string, unknown>[])[0];
    expect(rule('logs')).toMatchObject({ expiration: [{ days: 14 }] });
    expect(rule('logs').transition).toBeUndefined();
    expect(rule('traces')).toMatchObject({ expiration: [{ days: 60 }], transition: [{ days: 30, storage_class: 'STANDARD_IA' }] });
    expect(rule('metrics')).toMatchObject({ expiration: [{ days: 400 }] });
    expect(rule('backups')).toMatchObject({ expiration: [{ days: 35 }], noncurrent_version_expiration: [{ noncurrent_days: 30 }] });
    // Prod-like backups: 35 days, transition at 30 would bill 30 IA days for 5 days of storage.
    expect(rule('backups').transition).toBeUndefined();
    for (const p of BUCKET_PURPOSES) expect(rule(p)).toMatchObject({ status: 'Enabled', abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] });
  });

  it('blocks public access, enforces bucket ownership and denies non-TLS requests on every bucket', () => {
    for (const [id] of resourcesOf(plainJson, 'aws_s3_bucket')) {
      expect(attached(plainJson, 'aws_s3_bucket_public_access_block', id)).toMatchObject({
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      expect(attached(plainJson, 'aws_s3_bucket_ownership_controls', id)).toMatchObject({ rule: { object_ownership: 'BucketOwnerEnforced' } });
      const deny = parsePolicy(attached(plainJson, 'aws_s3_bucket_policy', id)?.policy).Statement.find((s) => s.Sid === 'DenyInsecureTransport');
      expect(deny).toMatchObject({ Effect: 'Deny', Action: ['s3:*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    }
  });

  it('logs every purpose bucket to the access-log bucket', () => {
    const logging = resourcesOf(plainJson, 'aws_s3_bucket_logging').map(([, l]) => l);
    expect(logging).toHaveLength(BUCKET_PURPOSES.length);
    for (const l of logging) expect(l.target_bucket).toBe(nameOf('access-logs'));
  });

  it("delivers server access logs only from the environment's buckets of this account, and keeps them retentionDays", () => {
    const logs = bucketId(plainJson, nameOf('access-logs'));
    const delivery = parsePolicy(attached(plainJson, 'aws_s3_bucket_policy', logs)?.policy).Statement.find((s) => s.Sid === 'S3ServerAccessLogDelivery');
    expect(delivery?.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': '111122223333' }, ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::acme-test-*' } });
    expect((attached(plainJson, 'aws_s3_bucket_lifecycle_configuration', logs)?.rule as Record<string, unknown>[])[0]).toMatchObject({ expiration: [{ days: 365 }] });
  });

  it('names each purpose key by its keyAliasName', () => {
    expect(resourcesOf(plainJson, 'aws_kms_alias').map(([, a]) => a.name).sort()).toEqual(BUCKET_PURPOSES.map((p) => `alias/acme-test/s3-${p}`).sort());
  });

  it('replicates nothing without backupReplica', () => {
    expect(resourcesOf(plainJson, 'aws_s3_bucket_replication_configuration')).toHaveLength(0);
  });

  it('replicates backups to a KMS-encrypted versioned bucket in the replica region', () => {
    const replicaId = bucketId(replicatedJson, nameOf('backups-replica'));
    const replica = replicatedJson.resource?.aws_s3_bucket?.[replicaId];
    expect(replica?.provider).toBe('aws.replica');
    expect(attached(replicatedJson, 'aws_s3_bucket_versioning', replicaId)).toMatchObject({ versioning_configuration: { status: 'Enabled' } });
    const replication = onlyResource(replicatedJson, 'aws_s3_bucket_replication_configuration');
    const rule = (replication.rule as Record<string, Record<string, unknown>>[])[0];
    expect(rule.destination).toMatchObject({ bucket: `\${aws_s3_bucket.${replicaId}.arn}` });
    expect((rule.destination as { encryption_configuration: { replica_kms_key_id: string } }).encryption_configuration.replica_kms_key_id).toMatch(/aws_kms_key\.storage_backups-replication_replica-key/);
    expect(rule.source_selection_criteria).toEqual({ sse_kms_encrypted_objects: { status: 'Enabled' } });
    expect(rule.delete_marker_replication).toEqual({ status: 'Disabled' });
  });

  it('gives the replication role only the two buckets and two keys, each key through S3 of its own region', () => {
    expect(onlyResource(replicatedJson, 'aws_iam_role').name).toBe('acme-test-s3-backups-replication');
    const policy = parsePolicy(onlyResource(replicatedJson, 'aws_iam_role_policy').policy);
    const resources = policy.Statement.flatMap((s) => s.Resource as string[]);
    for (const r of resources) expect(r).toMatch(/^\$\{aws_(s3_bucket|kms_key)\.storage_backups/);
    const bySid = Object.fromEntries(policy.Statement.map((s) => [s.Sid, s]));
    expect(bySid['DecryptSourceObjects'].Condition?.StringEquals).toEqual({ 'kms:ViaService': 's3.eu-west-1.amazonaws.com' });
    expect(bySid['EncryptReplicaObjects'].Condition?.StringEquals).toEqual({ 'kms:ViaService': 's3.eu-central-1.amazonaws.com' });
    const replicaRule = (attached(replicatedJson, 'aws_s3_bucket_lifecycle_configuration', bucketId(replicatedJson, nameOf('backups-replica')))?.rule as Record<string, unknown>[])[0];
    expect(replicaRule.expiration).toEqual([{ days: RETENTION_DAYS.backups }]);
  });
});

describe('SecureBucket', () => {
  const bucket = (lifecycle: SecureBucketProps['lifecycle']) => () =>
    synthConstructs((s) => new SecureBucket(s, 'b', { bucketName: 'acme-test-x-111122223333', versioned: false, lifecycle }));

  it('refuses a STANDARD_IA transition S3 would reject (below 30 days), naming the bucket, the prop and the value', () => {
    expect(bucket({ transitionToInfrequentAccessDays: 29, noncurrentVersionExpirationDays: 1 })).toThrow(
      'test/b: bucket acme-test-x-111122223333: lifecycle.transitionToInfrequentAccessDays is 29; S3 requires at least 30',
    );
  });

  it.each([
    ['expirationDays', { expirationDays: 0, noncurrentVersionExpirationDays: 1 }, 0],
    ['noncurrentVersionExpirationDays', { noncurrentVersionExpirationDays: 1.5 }, 1.5],
  ] as const)('refuses a %s that is not a positive integer, naming it and the value', (name, lifecycle, value) => {
    expect(bucket(lifecycle)).toThrow(`test/b: bucket acme-test-x-111122223333: lifecycle.${name} is ${value}; must be a positive integer`);
  });
});

describe('transitionPaysOff', () => {
  it('moves objects to STANDARD_IA only when expiration - transition >= 30 days (IA minimum storage charge), or when they never expire', () => {
    expect(STANDARD_IA_MINIMUM_STORAGE_DAYS).toBe(30);
    expect(transitionPaysOff(30, 35)).toBe(false);
    expect(transitionPaysOff(30, 59)).toBe(false);
    expect(transitionPaysOff(30, 60)).toBe(true);
    expect(transitionPaysOff(30, 400)).toBe(true);
    expect(transitionPaysOff(30, undefined)).toBe(true);
  });
});
