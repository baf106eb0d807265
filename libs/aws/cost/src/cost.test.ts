import { onlyResource, type StackJson, synthConstructs } from '@platform/aws-core/testing';
import { fixtureEnvironment } from '@platform/config/testing';
import { CostAnomalyAlerts } from './cost-anomaly-alerts';
import { EnvironmentBudget } from './environment-budget';

const recipients = ['a@acme.example', 'b@acme.example'];
let json: StackJson;
beforeAll(() => {
  json = synthConstructs((s) => {
    new EnvironmentBudget(s, 'budget', {
      clusterName: 'acme-test',
      environmentName: 'test',
      monthlyLimitUsd: 2500,
      thresholdsPercent: [100, 50, 80],
      recipients,
      alertsTopicArn: 'arn:aws:sns:eu-west-1:111122223333:acme-test-alerts',
    });
    new CostAnomalyAlerts(s, 'anomalies', { clusterName: 'acme-test', environmentName: 'test', anomalyThresholdUsd: 150, recipients });
  });
});

describe('EnvironmentBudget', () => {
  it('is a monthly COST budget of monthlyLimitUsd filtered by the Environment tag', () => {
    expect(onlyResource(json, 'aws_budgets_budget')).toMatchObject({
      name: 'acme-test-monthly',
      budget_type: 'COST',
      time_unit: 'MONTHLY',
      limit_amount: '2500.00',
      limit_unit: 'USD',
      cost_filter: [{ name: 'TagKeyValue', values: ['user:Environment$test'] }],
    });
  });

  it('notifies the recipients and the alerts topic once per ACTUAL threshold and once on FORECASTED spend above the limit', () => {
    const notifications = onlyResource(json, 'aws_budgets_budget').notification as Record<string, unknown>[];
    expect(notifications.map((n) => [n.notification_type, n.threshold])).toEqual([['ACTUAL', 50], ['ACTUAL', 80], ['ACTUAL', 100], ['FORECASTED', 100]]);
    for (const n of notifications) {
      expect(n).toMatchObject({
        threshold_type: 'PERCENTAGE',
        comparison_operator: 'GREATER_THAN',
        subscriber_email_addresses: ['a@acme.example', 'b@acme.example'],
        subscriber_sns_topic_arns: ['arn:aws:sns:eu-west-1:111122223333:acme-test-alerts'],
      });
    }
  });

  it('rejects more than 4 ACTUAL thresholds (AWS Budgets allows 5 notifications, one is FORECASTED), naming the field', () => {
    expect(() => fixtureEnvironment({ budget: { thresholdsPercent: [50, 60, 70, 80, 90] } })).toThrow(/budget\.thresholdsPercent: at most 4 thresholds/);
  });

});

describe('CostAnomalyAlerts', () => {
  it('monitors the Environment tag and alerts above anomalyThresholdUsd', () => {
    const monitor = onlyResource(json, 'aws_ce_anomaly_monitor');
    expect(monitor.name).toBe('acme-test-environment');
    expect(monitor.monitor_type).toBe('CUSTOM');
    expect(JSON.parse(monitor.monitor_specification as string)).toEqual({ Tags: { Key: 'Environment', Values: ['test'], MatchOptions: ['EQUALS'] } });
    const sub = onlyResource(json, 'aws_ce_anomaly_subscription');
    expect(sub.threshold_expression).toEqual({ dimension: { key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE', match_options: ['GREATER_THAN_OR_EQUAL'], values: ['150'] } });
    expect(sub.subscriber).toEqual([
      { type: 'EMAIL', address: 'a@acme.example' },
      { type: 'EMAIL', address: 'b@acme.example' },
    ]);
  });
});
