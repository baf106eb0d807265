import { STATE_KEY_PURPOSE, stateKmsKeyAliasArn } from '@platform/aws-core';
import { onlyResource, parsePolicy, resourcesOf, type StackJson, synthInStack } from '@platform/aws-core/testing';
import { fixtureEnvironment } from '@platform/config/testing';
import { StateBackend } from './state-backend';

const env = fixtureEnvironment();
const accessLogs = 'acme-test-access-logs-111122223333';
let json: StackJson;
beforeAll(() => {
  json = synthInStack(
    env,
    (s) =>
      new StateBackend(s, 'state-backend', {
        accountId: '111122223333',
        stateBucketName: 'acme-test-tfstate-111122223333',
        keyAliasName: `alias/acme-test/${STATE_KEY_PURPOSE}`,
        accessLogBucket: { bucketName: accessLogs, accountId: '111122223333', sourceBucketPrefix: 'acme-test', retentionDays: 400, transitionToInfrequentAccessDays: 30 },
      }),
    'bootstrap',
  );
});

function forBucket(type: string, name: string): Record<string, unknown> | undefined {
  const id = resourcesOf(json, 'aws_s3_bucket').find(([, b]) => b.bucket === name)?.[0];
  return resourcesOf(json, type).find(([, r]) => r.bucket === `\${aws_s3_bucket.${id}.id}`)?.[1];
}

describe('StateBackend', () => {
  const state = 'acme-test-tfstate-111122223333';

  it('creates the state bucket versioned, with SSE-KMS under a rotating CMK', () => {
    expect(forBucket('aws_s3_bucket_versioning', state)).toMatchObject({ versioning_configuration: { status: 'Enabled' } });
    const sse = JSON.stringify(forBucket('aws_s3_bucket_server_side_encryption_configuration', state));
    expect(sse).toContain('"sse_algorithm":"aws:kms"');
    expect(sse).toMatch(/"kms_master_key_id":"\$\{aws_kms_key\.state-backend_key/);
    expect(onlyResource(json, 'aws_kms_key')).toMatchObject({ enable_key_rotation: true });
    expect(onlyResource(json, 'aws_kms_alias')).toMatchObject({ name: 'alias/acme-test/tfstate' });
  });

  it('blocks public access, enforces ownership, denies non-TLS access and PUTs that request non-KMS encryption', () => {
    expect(forBucket('aws_s3_bucket_public_access_block', state)).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(forBucket('aws_s3_bucket_ownership_controls', state)).toMatchObject({ rule: { object_ownership: 'BucketOwnerEnforced' } });
    const bucketArn = `\${aws_s3_bucket.${resourcesOf(json, 'aws_s3_bucket').find(([, b]) => b.bucket === state)?.[0]}.arn}`;
    expect(parsePolicy(forBucket('aws_s3_bucket_policy', state)?.policy).Statement).toEqual([
      expect.objectContaining({ Sid: 'DenyInsecureTransport', Effect: 'Deny' }),
      {
        Sid: 'DenyPutObjectWithoutSseKms',
        Effect: 'Deny',
        Principal: '*',
        Action: ['s3:PutObject'],
        Resource: [`${bucketArn}/*`],
        Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' }, Null: { 's3:x-amz-server-side-encryption': 'false' } },
      },
    ]);
  });

  it('creates the state CMK under the alias every S3 backend names in kms_key_id', () => {
    expect(onlyResource(json, 'aws_kms_alias').name).toBe(`alias/acme-test/${STATE_KEY_PURPOSE}`);
    expect(stateKmsKeyAliasArn(env)).toBe('arn:aws:kms:eu-west-1:111122223333:alias/acme-test/tfstate');
    expect((json.terraform?.backend as Record<string, Record<string, unknown>>).s3.kms_key_id).toBe(stateKmsKeyAliasArn(env));
  });

  it('never expires current state, only old versions', () => {
    const rule = (forBucket('aws_s3_bucket_lifecycle_configuration', state)?.rule as Record<string, unknown>[])[0];
    expect(rule.expiration).toBeUndefined();
    expect(rule.noncurrent_version_expiration).toEqual([{ noncurrent_days: 90 }]);
  });

  it('creates the access-log bucket and logs the state bucket into it', () => {
    expect(forBucket('aws_s3_bucket_logging', state)?.target_bucket).toMatch(/^\$\{aws_s3_bucket\.state-backend_access-logs/);
    const delivery = parsePolicy(forBucket('aws_s3_bucket_policy', accessLogs)?.policy).Statement.find((s) => s.Sid === 'S3ServerAccessLogDelivery');
    expect(delivery).toMatchObject({ Principal: { Service: 'logging.s3.amazonaws.com' }, Action: ['s3:PutObject'], Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } });
  });
});
