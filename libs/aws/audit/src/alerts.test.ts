import { onlyResource, parsePolicy, resourcesOf, type StackJson, synthConstructs } from '@platform/aws-core/testing';
import { fixtureEnvironment } from '@platform/config/testing';
import { AlertsTopic } from './alerts-topic';
import { GuardDutyFindingAlerts } from './guard-duty-finding-alerts';

let json: StackJson;
beforeAll(() => {
  json = synthConstructs((s) => {
    new AlertsTopic(s, 'alerts', {
      accountId: '111122223333',
      region: 'eu-west-1',
      clusterName: 'acme-test',
      topicName: 'acme-test-alerts',
      keyAliasName: 'alias/acme-test/alerts',
      subscriptions: [
        { protocol: 'email', endpoint: 'oncall@acme.example' },
        { protocol: 'https', endpoint: 'https://events.pager.example/sns' },
      ],
    });
    new GuardDutyFindingAlerts(s, 'guardduty-alerts', { clusterName: 'acme-test', alertsTopicArn: 'arn:aws:sns:eu-west-1:111122223333:acme-test-alerts' });
  });
});

describe('AlertsTopic', () => {
  it('is encrypted with its own CMK, which only the account, EventBridge and Budgets of this account may use', () => {
    expect(onlyResource(json, 'aws_sns_topic')).toMatchObject({ name: 'acme-test-alerts', kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.alerts_key/) });
    expect(onlyResource(json, 'aws_kms_alias').name).toBe('alias/acme-test/alerts');
    const key = parsePolicy(onlyResource(json, 'aws_kms_key').policy);
    const publishers = key.Statement.find((s) => s.Sid === 'AlertPublishersUseKey');
    expect(publishers).toMatchObject({ Principal: { Service: ['events.amazonaws.com', 'budgets.amazonaws.com'] }, Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } });
  });

  it('lets only the environment rules and the account budgets publish, over TLS', () => {
    const policy = parsePolicy(onlyResource(json, 'aws_sns_topic_policy').policy);
    const bySid = Object.fromEntries(policy.Statement.map((s) => [s.Sid, s]));
    expect(bySid['AccountBudgetsPublish'].Resource).toBe('arn:aws:sns:eu-west-1:111122223333:acme-test-alerts');
    expect(bySid['EnvironmentRulesPublish'].Condition).toEqual({ ArnLike: { 'aws:SourceArn': 'arn:aws:events:eu-west-1:111122223333:rule/acme-test-*' }, StringEquals: { 'aws:SourceAccount': '111122223333' } });
    expect(bySid['DenyPublishWithoutTls']).toMatchObject({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
  });

  it('subscribes every subscriptions entry, in order', () => {
    const subs = resourcesOf(json, 'aws_sns_topic_subscription').map(([, s]) => [s.protocol, s.endpoint]);
    expect(subs).toEqual([['email', 'oncall@acme.example'], ['https', 'https://events.pager.example/sns']]);
  });

  it('rejects an https subscription on http and an empty list, naming the field', () => {
    expect(() => fixtureEnvironment({ observability: { alertsTopic: { subscriptions: [{ protocol: 'https', endpoint: 'http://x.example' }] } } })).toThrow(/observability\.alertsTopic\.subscriptions\[0\]\.endpoint: must be an https:\/\/ URL/);
    expect(() => fixtureEnvironment({ observability: { alertsTopic: { subscriptions: [] } } })).toThrow(/observability\.alertsTopic\.subscriptions: needs at least one subscription/);
  });
});

describe('GuardDutyFindingAlerts', () => {
  it('sends GuardDuty findings of MEDIUM (4.0) or higher to the alerts topic', () => {
    const rule = onlyResource(json, 'aws_cloudwatch_event_rule');
    expect(rule.name).toBe('acme-test-guardduty-findings');
    expect(JSON.parse(rule.event_pattern as string)).toEqual({ source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'], detail: { severity: [{ numeric: ['>=', 4] }] } });
    expect(onlyResource(json, 'aws_cloudwatch_event_target').arn).toBe('arn:aws:sns:eu-west-1:111122223333:acme-test-alerts');
  });
});
