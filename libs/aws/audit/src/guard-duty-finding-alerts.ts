import { CloudwatchEventRule } from '@cdktn/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktn/provider-aws/lib/cloudwatch-event-target';
import { Construct } from 'constructs';

/**
 * Lowest GuardDuty severity sent to the alerts topic: 4.0, the start of MEDIUM (LOW is 1.0-3.9, MEDIUM 4.0-6.9,
 * HIGH 7.0-8.9, CRITICAL 9.0-10.0). @see https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings-severity.html
 */
export const GUARDDUTY_ALERT_MIN_SEVERITY = 4;

/** The EventBridge event pattern of GuardDuty findings of at least MEDIUM severity. @see https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_eventbridge.html */
export function guardDutyFindingPattern(): Record<string, unknown> {
  return { source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'], detail: { severity: [{ numeric: ['>=', GUARDDUTY_ALERT_MIN_SEVERITY] }] } };
}

export interface GuardDutyFindingAlertsProps {
  /** The cluster name (`clusterName(env)`); the rule is `<clusterName>-guardduty-findings`. */
  readonly clusterName: string;
  /** ARN of the alerts topic (`alertsTopicArn(env)`), created by the storage stack. */
  readonly alertsTopicArn: string;
}

/**
 * EventBridge rule `<clusterName>-guardduty-findings` sending every GuardDuty finding of MEDIUM severity or higher
 * to the environment's alerts topic (KMS-encrypted, `AlertsTopic`, created by the storage stack and found by its
 * deterministic ARN).
 */
export class GuardDutyFindingAlerts extends Construct {
  public readonly rule: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: GuardDutyFindingAlertsProps) {
    super(scope, id);
    this.rule = new CloudwatchEventRule(this, 'rule', {
      name: `${props.clusterName}-guardduty-findings`,
      description: `GuardDuty findings of severity ${GUARDDUTY_ALERT_MIN_SEVERITY} (MEDIUM) or higher to the alerts topic`,
      eventPattern: JSON.stringify(guardDutyFindingPattern()),
    });
    new CloudwatchEventTarget(this, 'target', { rule: this.rule.name, targetId: 'alerts-topic', arn: props.alertsTopicArn });
  }
}
