import { awsPartition, EBS_KMS_KEY_PURPOSE, kmsAliasArn } from '@platform/config';
import { fixtureEnvironment } from '@platform/config/testing';
import { stateKmsKeyAliasArn } from './platform-stack';
import { accountRootArn, AWS_PARTITION, denyInsecureTransport, iamArn, policyJson, regionalArn, serviceTrustPolicy } from './policy-document';

describe('policyJson', () => {
  it('serializes statements under Version 2012-10-17', () => {
    const doc = JSON.parse(policyJson([{ Sid: 'A', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/*'] }]));
    expect(doc).toEqual({ Version: '2012-10-17', Statement: [{ Sid: 'A', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/*'] }] });
  });

  it('refuses a wildcard action in an Allow statement, naming the statement', () => {
    expect(() => policyJson([{ Sid: 'Broad', Effect: 'Allow', Action: ['ec2:Describe*'], Resource: '*' }])).toThrow(/"Broad" allows the wildcard action "ec2:Describe\*"/);
  });

  it('accepts a wildcard action in a Deny (it only narrows access)', () => {
    expect(() => policyJson([denyInsecureTransport(['s3:*'], ['arn:aws:s3:::b'])])).not.toThrow();
  });

  it('refuses duplicate Sids', () => {
    const s = { Sid: 'Same', Effect: 'Allow' as const, Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/*'] };
    expect(() => policyJson([s, s])).toThrow(/^policy statement Sid "Same" is used twice/);
  });

  it('names the environment in its errors when given one', () => {
    const s = { Sid: 'Same', Effect: 'Allow' as const, Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/*'] };
    expect(() => policyJson([s, s], 'test')).toThrow(/^test: policy statement Sid "Same" is used twice/);
    expect(() => policyJson([{ Sid: 'Broad', Effect: 'Allow', Action: 's3:*', Resource: '*' }], 'test')).toThrow(/^test: policy statement "Broad" allows the wildcard action "s3:\*"/);
  });

  it('denyInsecureTransport denies when aws:SecureTransport is false', () => {
    expect(denyInsecureTransport(['sqs:*'], ['q'])).toMatchObject({ Effect: 'Deny', Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
  });

  it('serviceTrustPolicy trusts exactly one service principal', () => {
    const doc = JSON.parse(serviceTrustPolicy('pods.eks.amazonaws.com', ['sts:AssumeRole', 'sts:TagSession']));
    expect(doc.Statement).toEqual([{ Sid: 'ServiceAssumeRole', Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }]);
  });
});

describe('ARNs built from config', () => {
  it('uses the aws partition for every region the schema accepts, and refuses the regions it rejects', () => {
    expect(AWS_PARTITION).toBe('aws');
    expect(awsPartition('eu-west-1')).toBe('aws');
    expect(awsPartition('us-east-1')).toBe('aws');
    expect(() => awsPartition('cn-north-1')).toThrow(/region cn-north-1 is in a non-commercial AWS partition/);
    expect(() => awsPartition('us-gov-west-1')).toThrow(/region us-gov-west-1/);
    // The schema refuses those regions, so no environment reaches awsPartition with one.
    expect(() => fixtureEnvironment({ aws: { region: 'cn-north-1' } })).toThrow(/aws\.region/);
    expect(() => fixtureEnvironment({ aws: { region: 'us-gov-west-1' } })).toThrow(/aws\.region/);
  });

  it('names KMS aliases by ARN: arn:aws:kms:<region>:<account>:alias/<cluster>/<purpose>', () => {
    const env = fixtureEnvironment();
    expect(kmsAliasArn(env, EBS_KMS_KEY_PURPOSE)).toBe('arn:aws:kms:eu-west-1:111122223333:alias/acme-test/ebs');
    expect(stateKmsKeyAliasArn(env)).toBe('arn:aws:kms:eu-west-1:111122223333:alias/acme-test/tfstate');
    expect(iamArn('111122223333', 'role/x')).toBe('arn:aws:iam::111122223333:role/x');
    expect(accountRootArn('111122223333')).toBe('arn:aws:iam::111122223333:root');
    expect(regionalArn({ accountId: '111122223333', region: 'us-east-1' }, 'logs', 'log-group:x')).toBe('arn:aws:logs:us-east-1:111122223333:log-group:x');
  });
});
