import { fixtureEnvironment } from '@platform/config/testing';
import { S3Bucket } from '@cdktn/provider-aws/lib/s3-bucket';
import { DataAwsCallerIdentity } from '@cdktn/provider-aws/lib/data-aws-caller-identity';
import { Construct } from 'constructs';
import { stableLogicalId } from './stable-logical-id';
import { synthInStack } from './testing';

const env = fixtureEnvironment();

describe('stableLogicalId', () => {
  it('joins the construct path with underscores, without a hash', () => {
    expect(stableLogicalId(['storage', 'backups-bucket', 'bucket'])).toBe('storage_backups-bucket');
    expect(stableLogicalId(['network', 'flow-logs', 'log-group'])).toBe('network_flow-logs_log-group');
  });

  it('drops Default/Resource and a component the previous one ends with', () => {
    expect(stableLogicalId(['budget', 'budget'])).toBe('budget');
    expect(stableLogicalId(['key', 'Default', 'Resource', 'alias'])).toBe('key_alias');
  });

  it('keeps the id a Terraform identifier', () => {
    expect(stableLogicalId(['0th', 'a.b'])).toBe('_0th_a_b');
    expect(() => stableLogicalId(['Default'])).toThrow('no construct id left to name the element at "Default"');
  });
});

describe('PlatformStack addresses', () => {
  const json = synthInStack(env, (stack) => {
    const group = new Construct(stack, 'logs');
    new S3Bucket(group, 'bucket', { bucket: 'b' });
    new DataAwsCallerIdentity(stack, 'caller');
  });

  it('gives resources and data sources readable addresses', () => {
    expect(Object.keys(json.resource?.['aws_s3_bucket'] ?? {})).toEqual(['logs_bucket']);
    expect(Object.keys(json.data?.['aws_caller_identity'] ?? {})).toEqual(['caller']);
  });

  it('moves state from the former hashed address of every managed resource (not of data sources)', () => {
    expect(json.moved).toEqual([{ from: expect.stringMatching(/^aws_s3_bucket\.logs_bucket_[0-9A-F]{8}$/), to: 'aws_s3_bucket.logs_bucket' }]);
  });

  it('fails synth naming both construct paths when two resources would share an address', () => {
    expect(() =>
      synthInStack(env, (stack) => {
        new S3Bucket(new Construct(stack, 'a.b'), 'c', { bucket: 'x' });
        new S3Bucket(new Construct(stack, 'a_b'), 'c', { bucket: 'y' });
      }),
    ).toThrow(`${env.name}: stack "test": "test/a.b/c" and "test/a_b/c" would both be aws_s3_bucket.a_b_c; rename one construct id`);
  });
});
