import { type AlertRule, headingAnchor, PlatformPrometheusRule } from '@platform/k8s-observability';
import { Construct } from 'constructs';

/** Runbook of every data-service alert, in `docs/runbooks/`: one section per alert, headed by the alert name. */
export const DATA_ALERTS_RUNBOOK = 'data-alerts.md';

/** One alert on a data service instance. */
export interface DataAlert {
  /** Alert name, PascalCase; also the heading of its section in `docs/runbooks/data-alerts.md`. */
  readonly alert: string;
  /** PromQL; must select only the instance's series (namespace and pod/service matchers). */
  readonly expr: string;
  /** How long the condition holds before firing, Prometheus duration. */
  readonly for: string;
  /** `critical` pages, `warning` goes to the team channel (Alertmanager inhibits warnings under a critical). */
  readonly severity: 'critical' | 'warning';
  /** One line for the notification; `{{ $labels.x }}` templates allowed. */
  readonly summary: string;
  /** What it means and what to check first (the notification body). */
  readonly description: string;
}

export interface DataAlertsProps {
  /** Rule (and group) name: the instance name. */
  readonly name: string;
  readonly namespace: string;
  readonly alerts: readonly DataAlert[];
  /** Prefix of every `runbook_url`: the `docs/runbooks` folder of the platform repository (`observability.runbookBaseUrl`). */
  readonly runbookBaseUrl: string;
}

/**
 * A `PrometheusRule` with one group of alerts for one data service instance (loaded into the Mimir
 * ruler by the observability layer's Alloy), in the observability layer's shape (`PlatformPrometheusRule`):
 * every alert carries `severity`, `summary`, `description` and
 * `runbook_url: <runbookBaseUrl>/data-alerts.md#<alert name, lower-case>`, the link the Alertmanager receivers render.
 * @throws Error (from `PlatformPrometheusRule`) for a bad `for` duration or an alert declared twice
 */
export class DataAlerts extends Construct {
  constructor(scope: Construct, id: string, props: DataAlertsProps) {
    super(scope, id);
    const rules: AlertRule[] = props.alerts.map((a) => ({ ...a, runbook: { file: DATA_ALERTS_RUNBOOK, section: headingAnchor(a.alert) } }));
    new PlatformPrometheusRule(this, 'rule', { name: props.name, namespace: props.namespace, runbookBaseUrl: props.runbookBaseUrl, groups: [{ name: props.name, rules }] });
  }
}
