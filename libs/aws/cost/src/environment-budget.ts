import { BudgetsBudget } from '@cdktn/provider-aws/lib/budgets-budget';
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
  /** The cluster name (`clusterName(env)`); the budget is `<clusterName>-monthly`. */
  readonly clusterName: string;
  /** Value of the `Environment` cost allocation tag the budget filters on (the environment name). */
  readonly environmentName: string;
  /** Monthly limit, USD (`budget.monthlyLimitUsd`); rendered with two decimals. */
  readonly monthlyLimitUsd: number;
  /**
   * ACTUAL-spend notification thresholds, percent of the limit (`budget.thresholdsPercent`), in any
   * order; rendered ascending. The schema caps them at 4 (AWS allows 5 notifications per budget and
   * one is the FORECASTED one) and refuses repeats.
   */
  readonly thresholdsPercent: readonly number[];
  /** E-mail addresses notified (`budget.recipients`). */
  readonly recipients: readonly string[];
  /** ARN of the environment's alerts SNS topic (`alertsTopicArn(env)`), notified with the e-mails. */
  readonly alertsTopicArn: string;
}

/**
 * A monthly COST budget of `monthlyLimitUsd` USD filtered to the `Environment=<environmentName>`
 * cost allocation tag, with one ACTUAL-spend e-mail notification per `thresholdsPercent` entry,
 * plus one FORECASTED notification at `FORECAST_THRESHOLD_PERCENT`, each to `recipients` and the
 * alerts topic `alertsTopicArn`.
 * @see https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-create.html
 */
export class EnvironmentBudget extends Construct {
  public readonly budget: BudgetsBudget;

  constructor(scope: Construct, id: string, props: EnvironmentBudgetProps) {
    super(scope, id);
    const thresholds = [...props.thresholdsPercent].sort((a, b) => a - b);
    this.budget = new BudgetsBudget(this, 'budget', {
      name: `${props.clusterName}-monthly`,
      budgetType: 'COST',
      limitAmount: props.monthlyLimitUsd.toFixed(2),
      limitUnit: 'USD',
      timeUnit: 'MONTHLY',
      costFilter: [{ name: 'TagKeyValue', values: [`user:${ENVIRONMENT_COST_TAG}$${props.environmentName}`] }],
      notification: [
        ...thresholds.map((threshold) => ({ threshold, notificationType: 'ACTUAL' })),
        { threshold: FORECAST_THRESHOLD_PERCENT, notificationType: 'FORECASTED' },
      ].map((n) => ({
        comparisonOperator: 'GREATER_THAN',
        threshold: n.threshold,
        thresholdType: 'PERCENTAGE',
        notificationType: n.notificationType,
        subscriberEmailAddresses: [...props.recipients],
        subscriberSnsTopicArns: [props.alertsTopicArn],
      })),
    });
  }
}
