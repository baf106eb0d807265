import { parsePolicy, resourcesOf, type StackJson, synthConstructs } from '@platform/aws-core/testing';
import { cloudTrailKeyStatements, cloudWatchLogsKeyStatement, ebsViaEc2KeyStatement } from './key-statements';
import { PlatformKmsKey } from './platform-kms-key';

const account = { accountId: '111122223333', region: 'eu-west-1' };
let json: StackJson;
beforeAll(() => {
  json = synthConstructs((s) => {
    new PlatformKmsKey(s, 'logs-key', { accountId: account.accountId, aliasName: 'alias/acme-test/flow-logs', description: 'logs', statements: [cloudWatchLogsKeyStatement(account, '/aws/vpc/acme-test/flow-logs')] });
    new PlatformKmsKey(s, 'ebs-key', { accountId: account.accountId, aliasName: 'alias/acme-test/ebs', description: 'ebs', statements: [ebsViaEc2KeyStatement(account)] });
  });
});

function keyPolicy(idPrefix: string) {
  const key = resourcesOf(json, 'aws_kms_key').find(([id]) => id.startsWith(idPrefix))?.[1];
  return parsePolicy(key?.policy).Statement;
}

describe('PlatformKmsKey', () => {
  it('is a single-Region symmetric encryption key with yearly rotation, a 30-day deletion window and the alias alias/<cluster>/<purpose>', () => {
    for (const [, key] of resourcesOf(json, 'aws_kms_key')) {
      expect(key).toMatchObject({ key_usage: 'ENCRYPT_DECRYPT', customer_master_key_spec: 'SYMMETRIC_DEFAULT', multi_region: false, enable_key_rotation: true, deletion_window_in_days: 30 });
    }
    expect(resourcesOf(json, 'aws_kms_alias').map(([, a]) => a.name).sort()).toEqual(['alias/acme-test/ebs', 'alias/acme-test/flow-logs']);
  });

  it('gives the account root exactly the actions of a symmetric single-Region key, never kms:* or actions of other key types', () => {
    const root = keyPolicy('ebs-key').find((s) => s.Sid === 'AccountRootAdministersKey');
    expect(root).toMatchObject({ Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Resource: '*' });
    const actions = [...(root?.Action as string[])];
    // The key-resource actions of a single-Region SYMMETRIC_DEFAULT key with AWS_KMS key material.
    // @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html
    expect(actions).toEqual([
      'kms:CancelKeyDeletion',
      'kms:CreateAlias',
      'kms:CreateGrant',
      'kms:Decrypt',
      'kms:DeleteAlias',
      'kms:DescribeKey',
      'kms:DisableKey',
      'kms:DisableKeyRotation',
      'kms:EnableKey',
      'kms:EnableKeyRotation',
      'kms:Encrypt',
      'kms:GenerateDataKey',
      'kms:GenerateDataKeyPair',
      'kms:GenerateDataKeyPairWithoutPlaintext',
      'kms:GenerateDataKeyWithoutPlaintext',
      'kms:GetKeyPolicy',
      'kms:GetKeyRotationStatus',
      'kms:ListGrants',
      'kms:ListKeyPolicies',
      'kms:ListKeyRotations',
      'kms:ListResourceTags',
      'kms:PutKeyPolicy',
      'kms:ReEncryptFrom',
      'kms:ReEncryptTo',
      'kms:RetireGrant',
      'kms:RevokeGrant',
      'kms:RotateKeyOnDemand',
      'kms:ScheduleKeyDeletion',
      'kms:TagResource',
      'kms:UntagResource',
      'kms:UpdateAlias',
      'kms:UpdateKeyDescription',
    ]);
    const otherKeyTypes = ['kms:*', 'kms:GenerateMac', 'kms:VerifyMac', 'kms:Sign', 'kms:Verify', 'kms:GetPublicKey', 'kms:DeriveSharedSecret', 'kms:ReplicateKey', 'kms:UpdatePrimaryRegion', 'kms:ImportKeyMaterial', 'kms:DeleteImportedKeyMaterial', 'kms:GetParametersForImport'];
    for (const a of otherKeyTypes) expect(actions).not.toContain(a);
  });

  it.each(['acme-test/ebs', 'alias/aws/ebs', 'alias/acme test/ebs', 'alias/'])('rejects the aliasName %j KMS would refuse, naming the prop and the value', (aliasName) => {
    expect(() => synthConstructs((s) => new PlatformKmsKey(s, 'k', { accountId: account.accountId, aliasName, description: 'x' }))).toThrow(
      `test/k: aliasName "${aliasName}" is not a KMS alias name`,
    );
  });
});

describe('key statements', () => {
  it('lets CloudWatch Logs of the region use the key only for one log group (encryption context)', () => {
    const stmt = keyPolicy('logs-key').find((s) => s.Sid === 'CloudWatchLogsEncryptsLogGroup');
    expect(stmt).toEqual({
      Sid: 'CloudWatchLogsEncryptsLogGroup',
      Effect: 'Allow',
      Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey'],
      Resource: '*',
      Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:eu-west-1:111122223333:log-group:/aws/vpc/acme-test/flow-logs' } },
    });
  });

  it('lets account principals use the EBS key only through EC2 of the region (aws/ebs style)', () => {
    const stmt = keyPolicy('ebs-key').find((s) => s.Sid === 'AccountPrincipalsUseKeyThroughEc2');
    expect(stmt).toMatchObject({ Principal: { AWS: '*' }, Resource: '*' });
    expect(stmt?.Action).toEqual(['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey', 'kms:CreateGrant']);
    expect(stmt?.Condition).toEqual({ StringEquals: { 'kms:CallerAccount': '111122223333', 'kms:ViaService': 'ec2.eu-west-1.amazonaws.com' } });
    expect(ebsViaEc2KeyStatement({ ...account, region: 'us-east-1' }).Condition?.StringEquals['kms:ViaService']).toBe('ec2.us-east-1.amazonaws.com');
  });

  it('lets CloudTrail generate data keys and describe the key only for its own trail, and account principals decrypt only trail files', () => {
    const [encrypt, describe, decrypt] = cloudTrailKeyStatements(account, 'acme-test');
    const trail = { 'aws:SourceArn': 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/acme-test' };
    const context = { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:111122223333:trail/*' };
    expect(encrypt).toMatchObject({ Sid: 'CloudTrailEncryptsLogs', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: ['kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext'], Condition: { StringEquals: trail, StringLike: context } });
    // The AWS sample's kms:GenerateDataKey* expanded to the symmetric data-key actions only: no wildcard, no key pairs.
    for (const s of cloudTrailKeyStatements(account, 'acme-test')) for (const a of [s.Action].flat()) expect(a).not.toMatch(/\*|GenerateDataKeyPair/);
    expect(describe).toMatchObject({ Sid: 'CloudTrailDescribesKey', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: ['kms:DescribeKey'], Condition: { StringEquals: trail } });
    expect(decrypt).toMatchObject({
      Sid: 'AccountPrincipalsDecryptLogs',
      Principal: { AWS: '*' },
      Action: ['kms:Decrypt', 'kms:ReEncryptFrom'],
      Condition: { StringEquals: { 'kms:CallerAccount': '111122223333' }, StringLike: context },
    });
  });
});
