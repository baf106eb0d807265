import { PlatformStack, type PlatformStackProps } from '@platform/aws-core';
import { CostAnomalyAlerts, EnvironmentBudget } from '@platform/aws-cost';
import { alertsTopicArn, clusterName } from '@platform/config';
import type { Construct } from 'constructs';

/** State `cost`: the monthly budget and Cost Anomaly Detection for the environment's tag. */
export class CostStack extends PlatformStack {
  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    const { env } = props;
    const name = clusterName(env);
    new EnvironmentBudget(this, 'budget', {
      clusterName: name,
      environmentName: env.name,
      monthlyLimitUsd: env.budget.monthlyLimitUsd,
      thresholdsPercent: env.budget.thresholdsPercent,
      recipients: env.budget.recipients,
      alertsTopicArn: alertsTopicArn(env),
    });
    new CostAnomalyAlerts(this, 'anomalies', {
      clusterName: name,
      environmentName: env.name,
      anomalyThresholdUsd: env.budget.anomalyThresholdUsd,
      recipients: env.budget.recipients,
    });
  }
}
