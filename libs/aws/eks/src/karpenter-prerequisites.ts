import { CloudwatchEventRule } from '@cdktn/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktn/provider-aws/lib/cloudwatch-event-target';
import { Ec2Tag } from '@cdktn/provider-aws/lib/ec2-tag';
import { EksAccessEntry } from '@cdktn/provider-aws/lib/eks-access-entry';
import { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktn/provider-aws/lib/iam-role-policy-attachment';
import { SqsQueue } from '@cdktn/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktn/provider-aws/lib/sqs-queue-policy';
import { awsManagedPolicyArn, denyInsecureTransport, policyJson, regionalArn, serviceTrustPolicy } from '@platform/aws-core';
import { Construct } from 'constructs';
import { PullThroughCacheAccess, type PullThroughCacheScope } from './pull-through-cache-access';
import { NODE_ROLE_MANAGED_POLICIES } from './system-node-group';

/**
 * Seconds an interruption message is kept: a notice older than the 2-minute Spot warning is useless.
 * @see https://karpenter.sh/docs/reference/cloudformation/#interruption-handling
 */
export const INTERRUPTION_MESSAGE_RETENTION_SECONDS = 300;

/**
 * EventBridge patterns Karpenter's interruption controller consumes: the five rules of the pinned
 * release's CloudFormation template (v1.14 added the capacity reservation interruption warning).
 * @see https://karpenter.sh/docs/concepts/disruption/#interruption
 * @see https://github.com/aws/karpenter-provider-aws/blob/v1.14.1/website/content/en/v1.14/getting-started/getting-started-with-karpenter/cloudformation.yaml
 */
export const INTERRUPTION_EVENT_RULES = {
  'scheduled-change': { source: ['aws.health'], 'detail-type': ['AWS Health Event'] },
  'spot-interruption': { source: ['aws.ec2'], 'detail-type': ['EC2 Spot Instance Interruption Warning'] },
  'rebalance-recommendation': { source: ['aws.ec2'], 'detail-type': ['EC2 Instance Rebalance Recommendation'] },
  'instance-state-change': { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'] },
  'capacity-reservation-interruption': { source: ['aws.ec2'], 'detail-type': ['EC2 Capacity Reservation Instance Interruption Warning'] },
} as const;

/** @see https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html */
export const EVENT_RULE_NAME_MAX_LENGTH = 64;

export interface KarpenterPrerequisitesProps {
  /** Account of the queue and rules (`aws:SourceAccount`). */
  readonly accountId: string;
  /** Region of the queue and rules. */
  readonly region: string;
  /** The cluster resource's `name` attribute. */
  readonly clusterName: string;
  /**
   * The literal cluster name (`clusterName(env)`): prefix of the EventBridge rules
   * `<baseName>-karpenter-<event>`, which must stay within 64 characters.
   */
  readonly baseName: string;
  /** Name of the node role, `karpenterNodeRoleName(env)` (the EC2NodeClass names it). */
  readonly nodeRoleName: string;
  /** Name of the interruption queue, `interruptionQueueName(env)` (Karpenter's settings name it). */
  readonly interruptionQueueName: string;
  /** The discovery tag put on the cluster security group (`discoveryTag(env)`). */
  readonly discoveryTag: { readonly key: string; readonly value: string };
  /** The pull-through cache repositories the node role may import into. */
  readonly pullThroughCache: PullThroughCacheScope;
  /** The EKS-created cluster security group id (`vpc_config[0].cluster_security_group_id`). */
  readonly clusterSecurityGroupId: string;
}

/**
 * What Karpenter needs outside Kubernetes, except its controller permissions (those come through
 * EKS Pod Identity in the pod-iam stack): the node role `nodeRoleName` with the four
 * node policies and an EC2_LINUX access entry, the interruption queue `interruptionQueueName`
 * (SSE, 300 s retention, writable only by the five EventBridge rules below, TLS only) fed by the five
 * `INTERRUPTION_EVENT_RULES`, and the `discoveryTag` (`karpenter.sh/discovery=<cluster>`) on the cluster
 * security group (subnets are tagged by the network stack).
 * @throws Error naming `baseName` and the rule when an EventBridge rule name would exceed 64 characters
 *   (long organization + environment name); this construct is the one place of that rule
 * @see https://karpenter.sh/docs/reference/cloudformation/
 */
export class KarpenterPrerequisites extends Construct {
  public readonly nodeRole: IamRole;
  public readonly nodeAccessEntry: EksAccessEntry;
  public readonly queue: SqsQueue;

  constructor(scope: Construct, id: string, props: KarpenterPrerequisitesProps) {
    super(scope, id);
    const name = props.baseName;

    this.nodeRole = new IamRole(this, 'node-role', {
      name: props.nodeRoleName,
      description: `Nodes launched by Karpenter in ${name}`,
      assumeRolePolicy: serviceTrustPolicy('ec2.amazonaws.com'),
    });
    for (const policy of NODE_ROLE_MANAGED_POLICIES) {
      new IamRolePolicyAttachment(this, `node-role-${policy}`, { role: this.nodeRole.name, policyArn: awsManagedPolicyArn(policy) });
    }
    new PullThroughCacheAccess(this, 'node-role-pull-through-cache', { ...props.pullThroughCache, roleName: this.nodeRole.name });
    this.nodeAccessEntry = new EksAccessEntry(this, 'node-access-entry', {
      clusterName: props.clusterName,
      principalArn: this.nodeRole.arn,
      type: 'EC2_LINUX',
    });

    this.queue = new SqsQueue(this, 'interruption-queue', {
      name: props.interruptionQueueName,
      messageRetentionSeconds: INTERRUPTION_MESSAGE_RETENTION_SECONDS,
      sqsManagedSseEnabled: true,
    });
    const rules = Object.entries(INTERRUPTION_EVENT_RULES).map(([rule, pattern]) => {
      const ruleName = `${name}-karpenter-${rule}`;
      if (ruleName.length > EVENT_RULE_NAME_MAX_LENGTH) {
        throw new Error(
          `${this.node.path}: EventBridge rule name ${ruleName} exceeds ${EVENT_RULE_NAME_MAX_LENGTH} characters; shorten baseName "${name}" (tags.organization or the environment name)`,
        );
      }
      return { rule, pattern, ruleName, arn: regionalArn(props, 'events', `rule/${ruleName}`) };
    });
    new SqsQueuePolicy(this, 'interruption-queue-policy', {
      queueUrl: this.queue.url,
      policy: policyJson([
        {
          // Only this account's five interruption rules (confused-deputy guard). Upstream also
          // admits sqs.amazonaws.com; nothing here delivers through that principal, so it is left out.
          Sid: 'EventBridgeRulesSendMessage',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: ['sqs:SendMessage'],
          Resource: [this.queue.arn],
          Condition: {
            ArnEquals: { 'aws:SourceArn': rules.map((r) => r.arn) },
            StringEquals: { 'aws:SourceAccount': props.accountId },
          },
        },
        denyInsecureTransport(['sqs:*'], [this.queue.arn]),
      ], this.node.path),
    });
    for (const { rule, pattern, ruleName } of rules) {
      const eventRule = new CloudwatchEventRule(this, `rule-${rule}`, {
        name: ruleName,
        description: `Karpenter interruption handling for ${name}: ${pattern['detail-type'][0]}`,
        eventPattern: JSON.stringify(pattern),
      });
      new CloudwatchEventTarget(this, `rule-${rule}-target`, { rule: eventRule.name, targetId: 'KarpenterInterruptionQueue', arn: this.queue.arn });
    }

    const tag = props.discoveryTag;
    new Ec2Tag(this, 'cluster-security-group-discovery-tag', { resourceId: props.clusterSecurityGroupId, key: tag.key, value: tag.value });
  }
}
