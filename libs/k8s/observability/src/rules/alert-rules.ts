/**
 * Typed Prometheus rules: what the platform's PrometheusRule groups and SLOs are made of. The rendered
 * object is a prometheus-operator `PrometheusRule` (loaded into the Mimir ruler by Alloy, ADR 0030).
 * @see https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/
 */

/** Alert severities the Alertmanager routes on (`severity` label). */
export type AlertSeverity = 'critical' | 'warning' | 'info';

/** A section of a runbook in `docs/runbooks/`: the file name and the Markdown heading's anchor. */
export interface RunbookRef {
  /** File name in `docs/runbooks/`, e.g. `observability-argocd.md`. */
  readonly file: string;
  /** Anchor of the section heading (GitHub slug: lower-case, spaces to `-`), e.g. `argocdappdegraded`. */
  readonly section: string;
}

/** One alerting rule. */
export interface AlertRule {
  readonly alert: string;
  /** PromQL; fires while the result is non-empty (checked offline by XL-OBS-002). */
  readonly expr: string;
  /** How long the condition must hold before firing, a Prometheus duration (`15m`). */
  readonly for: string;
  readonly severity: AlertSeverity;
  /** One line for the notification (may use `{{ $labels.x }}`). */
  readonly summary: string;
  readonly description: string;
  /** Rendered as the `runbook_url` annotation. */
  readonly runbook: RunbookRef;
  /** Extra labels (e.g. `slo`). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/** One recording rule. */
export interface RecordingRule {
  /** Metric name, `level:metric:operations` (Prometheus naming practice). */
  readonly record: string;
  readonly expr: string;
  readonly labels?: Readonly<Record<string, string>>;
}

/** A rule group: evaluated together, at one interval. */
export interface RuleGroup {
  /** Unique in the cluster (the Mimir ruler namespaces groups by PrometheusRule). */
  readonly name: string;
  /** Evaluation interval. @default the ruler's (1m) */
  readonly interval?: string;
  readonly rules: readonly (AlertRule | RecordingRule)[];
}

/** Type guard: an alerting rule. */
export function isAlertRule(rule: AlertRule | RecordingRule): rule is AlertRule {
  return 'alert' in rule;
}

/** Prometheus duration (`30s`, `5m`, `1h30m`, `3d`). */
export const PROMETHEUS_DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;

/** The GitHub heading anchor of a Markdown heading text: lower-case, punctuation dropped, spaces to `-`. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
