import { CeAnomalyMonitor } from '@cdktn/provider-aws/lib/ce-anomaly-monitor';
import { CeAnomalySubscription } from '@cdktn/provider-aws/lib/ce-anomaly-subscription';
import { Construct } from 'constructs';
import { ENVIRONMENT_COST_TAG } from './environment-budget';

/**
 * E-mail subscribers get a daily digest (IMMEDIATE requires an SNS topic).
 * @see https://docs.aws.amazon.com/cost-management/latest/userguide/manage-ad.html
 */
export const ANOMALY_ALERT_FREQUENCY = 'DAILY';

export interface CostAnomalyAlertsProps {
  /** The cluster name (`clusterName(env)`); the monitor is `<clusterName>-environment`, the subscription `<clusterName>-anomalies`. */
  readonly clusterName: string;
  /** Value of the `Environment` cost allocation tag the monitor watches (the environment name). */
  readonly environmentName: string;
  /** Smallest absolute impact of an anomaly that alerts, USD (`budget.anomalyThresholdUsd`). */
  readonly anomalyThresholdUsd: number;
  /** E-mail addresses of the daily digest (`budget.recipients`). */
  readonly recipients: readonly string[];
}

/**
 * Cost Anomaly Detection for the environment: a CUSTOM monitor over resources tagged
 * `Environment=<environmentName>` (a DIMENSIONAL SERVICE monitor is one per account, and dev and
 * staging may share one) and a daily e-mail subscription to `recipients` for anomalies whose
 * absolute impact reaches `anomalyThresholdUsd` USD.
 * @see https://docs.aws.amazon.com/cost-management/latest/userguide/getting-started-ad.html
 */
export class CostAnomalyAlerts extends Construct {
  public readonly monitor: CeAnomalyMonitor;
  public readonly subscription: CeAnomalySubscription;

  constructor(scope: Construct, id: string, props: CostAnomalyAlertsProps) {
    super(scope, id);
    const name = props.clusterName;
    this.monitor = new CeAnomalyMonitor(this, 'monitor', {
      name: `${name}-environment`,
      monitorType: 'CUSTOM',
      monitorSpecification: JSON.stringify({ Tags: { Key: ENVIRONMENT_COST_TAG, Values: [props.environmentName], MatchOptions: ['EQUALS'] } }),
    });
    this.subscription = new CeAnomalySubscription(this, 'subscription', {
      name: `${name}-anomalies`,
      frequency: ANOMALY_ALERT_FREQUENCY,
      monitorArnList: [this.monitor.arn],
      subscriber: props.recipients.map((address) => ({ type: 'EMAIL', address })),
      thresholdExpression: {
        dimension: { key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE', matchOptions: ['GREATER_THAN_OR_EQUAL'], values: [String(props.anomalyThresholdUsd)] },
      },
    });
  }
}
