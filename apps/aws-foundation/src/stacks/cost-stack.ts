import { PlatformStack, type PlatformStackProps } from '@platform/aws-core';
import { CostAnomalyAlerts, EnvironmentBudget } from '@platform/aws-cost';
import type { Construct } from 'constructs';

/** State `cost`: the monthly budget and Cost Anomaly Detection for the environment's tag. */
export class CostStack extends PlatformStack {
  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    new EnvironmentBudget(this, 'budget', { env: props.env });
    new CostAnomalyAlerts(this, 'anomalies', { env: props.env });
  }
}
