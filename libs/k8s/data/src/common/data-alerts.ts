import { PrometheusRule, PrometheusRuleSpecGroupsRulesExpr } from '@platform/k8s-imports/monitoring.coreos.com';
import { Construct } from 'constructs';

/** One alert on a data service instance. */
export interface DataAlert {
  /** Alert name, PascalCase. */
  readonly alert: string;
  /** PromQL; must select only the instance's series (namespace and pod/service matchers). */
  readonly expr: string;
  /** How long the condition holds before firing, Prometheus duration. */
  readonly for: string;
  /** `critical` pages, `warning` goes to the team channel (Alertmanager inhibits warnings under a critical). */
  readonly severity: 'critical' | 'warning';
  /** One line for the notification; `{{ $labels.x }}` templates allowed. */
  readonly summary: string;
  /** Runbook in docs/runbooks/. */
  readonly runbook: string;
}

export interface DataAlertsProps {
  /** Rule (and group) name: the instance name. */
  readonly name: string;
  readonly namespace: string;
  readonly alerts: readonly DataAlert[];
}

/**
 * A `PrometheusRule` with one group of alerts for one data service instance (loaded into the Mimir
 * ruler by the observability layer's Alloy).
 */
export class DataAlerts extends Construct {
  constructor(scope: Construct, id: string, props: DataAlertsProps) {
    super(scope, id);
    new PrometheusRule(this, 'rule', {
      metadata: { name: props.name, namespace: props.namespace },
      spec: {
        groups: [
          {
            name: props.name,
            rules: props.alerts.map((a) => ({
              alert: a.alert,
              expr: PrometheusRuleSpecGroupsRulesExpr.fromString(a.expr),
              for: a.for,
              labels: { severity: a.severity },
              annotations: { summary: a.summary, runbook: a.runbook },
            })),
          },
        ],
      },
    });
  }
}
