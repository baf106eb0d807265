import { denyInsecureTransport, policyJson, serviceTrustPolicy } from './policy-document';

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
    expect(() => policyJson([s, s])).toThrow(/Sid "Same" is used twice/);
  });

  it('denyInsecureTransport denies when aws:SecureTransport is false', () => {
    expect(denyInsecureTransport(['sqs:*'], ['q'])).toMatchObject({ Effect: 'Deny', Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
  });

  it('serviceTrustPolicy trusts exactly one service principal', () => {
    const doc = JSON.parse(serviceTrustPolicy('pods.eks.amazonaws.com', ['sts:AssumeRole', 'sts:TagSession']));
    expect(doc.Statement).toEqual([{ Sid: 'ServiceAssumeRole', Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }]);
  });
});
