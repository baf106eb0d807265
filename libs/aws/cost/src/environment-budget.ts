import { BudgetsBudget } from '@cdktn/provider-aws/lib/budgets-budget';
import { alertsTopicArn, clusterName, type EnvironmentConfig } from '@platform/config';
import { Construct } from 'constructs';

/**
 * The cost allocation tag every resource carries through `default_tags` (`mandatoryTags`). It must
 * be activated once per payer account for the filter to see it.
 * @see https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/activating-tags.html
 */
export const ENVIRONMENT_COST_TAG = 'Environment';

/**
 * FORECASTED notification threshold, percent of the limit: AWS Budgets warns when the month's forecast spend
 * exceeds the whole budget, before any ACTUAL threshold is crossed.
 * @see https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-best-practices.html
 */
export const FORECAST_THRESHOLD_PERCENT = 100;

export interface EnvironmentBudgetProps {
  readonly env: EnvironmentConfig;
}

/**
 * A monthly COST budget of `budget.monthlyLimitUsd` USD filtered to the environment's
 * `Environment` cost allocation tag, with one ACTUAL-spend e-mail notification per
 * `budget.thresholdsPercent` entry, plus one FORECASTED notification at `FORECAST_THRESHOLD_PERCENT`, each to
 * `budget.recipients` and the environment's alerts topic (`alertsTopicArn`).
 * @throws Error naming `budget.thresholdsPercent` when a threshold repeats
 * @see https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-create.html
 */
export class EnvironmentBudget extends Construct {
  public readonly budget: BudgetsBudget;

  constructor(scope: Construct, id: string, props: EnvironmentBudgetProps) {
    super(scope, id);
    const { env } = props;
    const thresholds = [...env.budget.thresholdsPercent].sort((a, b) => a - b);
    this.budget = new BudgetsBudget(this, 'budget', {
      name: `${clusterName(env)}-monthly`,
      budgetType: 'COST',
      limitAmount: env.budget.monthlyLimitUsd.toFixed(2),
      limitUnit: 'USD',
      timeUnit: 'MONTHLY',
      costFilter: [{ name: 'TagKeyValue', values: [`user:${ENVIRONMENT_COST_TAG}$${env.name}`] }],
      notification: [
        ...thresholds.map((threshold) => ({ threshold, notificationType: 'ACTUAL' })),
        { threshold: FORECAST_THRESHOLD_PERCENT, notificationType: 'FORECASTED' },
      ].map((n) => ({
        comparisonOperator: 'GREATER_THAN',
        threshold: n.threshold,
        thresholdType: 'PERCENTAGE',
        notificationType: n.notificationType,
        subscriberEmailAddresses: [...env.budget.recipients],
        subscriberSnsTopicArns: [alertsTopicArn(env)],
      })),
    });
  }
}
