import { SnsTopic } from '@cdktn/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktn/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktn/provider-aws/lib/sns-topic-subscription';
import { accountRootArn, policyJson, type PolicyStatement, regionalArn } from '@platform/aws-core';
import { KMS_KEY_PURPOSES, PlatformKmsKey } from '@platform/aws-kms';
import { alertsTopicArn, alertsTopicName, clusterName, type EnvironmentConfig, kmsAlias } from '@platform/config';
import { Construct } from 'constructs';

/** Services that publish to the alerts topic: EventBridge (GuardDuty findings) and AWS Budgets. */
export const ALERT_PUBLISHER_SERVICES = ['events.amazonaws.com', 'budgets.amazonaws.com'] as const;

/**
 * What the publishing services call on the topic's key: SNS server-side encryption needs the publisher to create
 * a data key and decrypt it. @see https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
 */
export const ALERT_PUBLISHER_KEY_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'] as const;

export interface AlertsTopicProps {
  readonly env: EnvironmentConfig;
}

/**
 * The environment's alerts topic `<cluster>-alerts` (`alertsTopicName`): encrypted with its own customer-managed
 * key (`alias/<cluster>/alerts`; the AWS-managed SNS key cannot be used by EventBridge or Budgets), published to by
 * the environment's EventBridge rules (`<cluster>-*`), AWS Budgets of the account and, through IAM, Alertmanager's
 * Pod Identity; TLS-only publishing. Subscriptions come from `observability.alertsTopic.subscriptions`
 * (e-mail subscriptions stay pending until the recipient confirms).
 * @see https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html
 */
export class AlertsTopic extends Construct {
  public readonly topic: SnsTopic;
  public readonly key: PlatformKmsKey;

  constructor(scope: Construct, id: string, props: AlertsTopicProps) {
    super(scope, id);
    const { env } = props;
    const sourceAccount = { StringEquals: { 'aws:SourceAccount': env.aws.accountId } };
    this.key = new PlatformKmsKey(this, 'key', {
      accountId: env.aws.accountId,
      aliasName: kmsAlias(env, KMS_KEY_PURPOSES.alerts),
      description: `${clusterName(env)} alerts topic (SNS server-side encryption)`,
      statements: [{ Sid: 'AlertPublishersUseKey', Effect: 'Allow', Principal: { Service: [...ALERT_PUBLISHER_SERVICES] }, Action: [...ALERT_PUBLISHER_KEY_ACTIONS], Condition: sourceAccount }],
    });
    this.topic = new SnsTopic(this, 'topic', { name: alertsTopicName(env), kmsMasterKeyId: this.key.arn });
    const topicArn = alertsTopicArn(env);
    const statements: PolicyStatement[] = [
      {
        Sid: 'AccountManagesAndPublishesThroughIam',
        Effect: 'Allow',
        Principal: { AWS: accountRootArn(env.aws.accountId) },
        Action: ['sns:GetTopicAttributes', 'sns:SetTopicAttributes', 'sns:Subscribe', 'sns:ListSubscriptionsByTopic', 'sns:Publish'],
        Resource: topicArn,
      },
      {
        Sid: 'EnvironmentRulesPublish',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: topicArn,
        Condition: { ArnLike: { 'aws:SourceArn': regionalArn(env.aws, 'events', `rule/${clusterName(env)}-*`) }, ...sourceAccount },
      },
      { Sid: 'AccountBudgetsPublish', Effect: 'Allow', Principal: { Service: 'budgets.amazonaws.com' }, Action: 'sns:Publish', Resource: topicArn, Condition: sourceAccount },
      { Sid: 'DenyPublishWithoutTls', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: topicArn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    ];
    new SnsTopicPolicy(this, 'policy', { arn: this.topic.arn, policy: policyJson(statements, env.name) });
    env.observability.alertsTopic.subscriptions.forEach((s, i) => {
      new SnsTopicSubscription(this, `subscription-${i}`, { topicArn: this.topic.arn, protocol: s.protocol, endpoint: s.endpoint });
    });
  }
}
