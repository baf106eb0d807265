import { SnsTopic } from '@cdktn/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktn/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktn/provider-aws/lib/sns-topic-subscription';
import { accountRootArn, policyJson, type PolicyStatement, regionalArn } from '@platform/aws-core';
import { PlatformKmsKey } from '@platform/aws-kms';
import { Construct } from 'constructs';

/** Services that publish to the alerts topic: EventBridge (GuardDuty findings) and AWS Budgets. */
export const ALERT_PUBLISHER_SERVICES = ['events.amazonaws.com', 'budgets.amazonaws.com'] as const;

/**
 * What the publishing services call on the topic's key: SNS server-side encryption needs the publisher to create
 * a data key and decrypt it. @see https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
 */
export const ALERT_PUBLISHER_KEY_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'] as const;

/** One subscription of the topic (`observability.alertsTopic.subscriptions`). */
export interface AlertsTopicSubscription {
  readonly protocol: 'email' | 'https';
  /** E-mail address or https:// URL. */
  readonly endpoint: string;
}

export interface AlertsTopicProps {
  /** Account of the topic; its root manages it, and only its services may publish (`aws:SourceAccount`). */
  readonly accountId: string;
  /** Region of the topic (`aws.region`). */
  readonly region: string;
  /** The cluster name (`clusterName(env)`): EventBridge rules named `<clusterName>-*` may publish. */
  readonly clusterName: string;
  /** Topic name, `alertsTopicName(env)`; its ARN is the one `alertsTopicArn(env)` gives the other layers. */
  readonly topicName: string;
  /** Alias of the topic's CMK, `kmsAlias(env, KMS_KEY_PURPOSES.alerts)`. */
  readonly keyAliasName: string;
  /** Subscribers, in order (`observability.alertsTopic.subscriptions`); the schema requires at least one. */
  readonly subscriptions: readonly AlertsTopicSubscription[];
}

/**
 * The environment's alerts topic `topicName`: encrypted with its own customer-managed key (`keyAliasName`; the
 * AWS-managed SNS key cannot be used by EventBridge or Budgets), published to by the environment's EventBridge
 * rules (`<clusterName>-*`), AWS Budgets of the account and, through IAM, Alertmanager's Pod Identity; TLS-only
 * publishing. One subscription per `subscriptions` entry (e-mail subscriptions stay pending until the recipient
 * confirms).
 * @see https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html
 */
export class AlertsTopic extends Construct {
  public readonly topic: SnsTopic;
  public readonly key: PlatformKmsKey;

  constructor(scope: Construct, id: string, props: AlertsTopicProps) {
    super(scope, id);
    const sourceAccount = { StringEquals: { 'aws:SourceAccount': props.accountId } };
    this.key = new PlatformKmsKey(this, 'key', {
      accountId: props.accountId,
      aliasName: props.keyAliasName,
      description: `${props.clusterName} alerts topic (SNS server-side encryption)`,
      statements: [{ Sid: 'AlertPublishersUseKey', Effect: 'Allow', Principal: { Service: [...ALERT_PUBLISHER_SERVICES] }, Action: [...ALERT_PUBLISHER_KEY_ACTIONS], Condition: sourceAccount }],
    });
    this.topic = new SnsTopic(this, 'topic', { name: props.topicName, kmsMasterKeyId: this.key.arn });
    // The literal ARN (not the token) keeps the policy readable; it is what `alertsTopicArn(env)` gives the other layers.
    const topicArn = regionalArn(props, 'sns', props.topicName);
    const statements: PolicyStatement[] = [
      {
        Sid: 'AccountManagesAndPublishesThroughIam',
        Effect: 'Allow',
        Principal: { AWS: accountRootArn(props.accountId) },
        Action: ['sns:GetTopicAttributes', 'sns:SetTopicAttributes', 'sns:Subscribe', 'sns:ListSubscriptionsByTopic', 'sns:Publish'],
        Resource: topicArn,
      },
      {
        Sid: 'EnvironmentRulesPublish',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: topicArn,
        Condition: { ArnLike: { 'aws:SourceArn': regionalArn(props, 'events', `rule/${props.clusterName}-*`) }, ...sourceAccount },
      },
      { Sid: 'AccountBudgetsPublish', Effect: 'Allow', Principal: { Service: 'budgets.amazonaws.com' }, Action: 'sns:Publish', Resource: topicArn, Condition: sourceAccount },
      { Sid: 'DenyPublishWithoutTls', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: topicArn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    ];
    new SnsTopicPolicy(this, 'policy', { arn: this.topic.arn, policy: policyJson(statements, this.node.path) });
    props.subscriptions.forEach((s, i) => {
      new SnsTopicSubscription(this, `subscription-${i}`, { topicArn: this.topic.arn, protocol: s.protocol, endpoint: s.endpoint });
    });
  }
}
