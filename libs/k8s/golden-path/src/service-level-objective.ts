import { PrometheusRule, PrometheusRuleSpecGroupsRulesExpr } from '@platform/k8s-imports/monitoring.coreos.com';
import { Construct } from 'constructs';

/** Window the objectives are defined over, days (the error budget period). */
export const SLO_PERIOD_DAYS = 28;

/**
 * Multiwindow, multi-burn-rate alerts: each fires when the budget burns `burnRate` times too fast
 * over both the long and the short window (the short one stops the alert soon after recovery).
 * 14.4x over 1 h spends 2 % of a 30-day budget; 6x over 6 h spends 5 %.
 * @see https://sre.google/workbook/alerting-on-slos/#6-multiwindow-multi-burn-rate-alerts
 */
export const BURN_RATE_ALERTS = [
  { severity: 'critical', burnRate: 14.4, longWindow: '1h', shortWindow: '5m' },
  { severity: 'warning', burnRate: 6, longWindow: '6h', shortWindow: '30m' },
] as const;

/** Rate windows the SLIs are recorded over (every window an alert uses). */
export const SLI_WINDOWS = [...new Set(BURN_RATE_ALERTS.flatMap((a) => [a.shortWindow, a.longWindow]))].sort();

/**
 * Micrometer's HTTP server timer as Prometheus exposes it (Spring Boot `http.server.requests`):
 * `_count` per `status`, `_bucket` per `le` when a bucket boundary (the SLO threshold) is published.
 * @see https://docs.spring.io/spring-boot/reference/actuator/metrics.html#actuator.metrics.supported.spring-mvc
 */
export const HTTP_SERVER_REQUESTS = 'http_server_requests_seconds';

/** Rule evaluation interval of the SLO group. */
export const SLO_RULE_INTERVAL = '1m';

export interface ServiceLevelObjectiveProps {
  readonly namespace: string;
  /** Service name: the `service` label the ServiceMonitor puts on the series. */
  readonly service: string;
  /** Share of non-5xx responses, percent. */
  readonly availabilityPercent: number;
  /** `percent` of the requests faster than `thresholdMs`. */
  readonly latency: { readonly thresholdMs: number; readonly percent: number };
  /** Labels of the PrometheusRule object. */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * The `le` label value of a bucket boundary in milliseconds, as Micrometer writes it (and Prometheus
 * 3 normalizes it): seconds as a float, `0.3`, `2.0`.
 */
export function bucketLe(thresholdMs: number): string {
  const seconds = thresholdMs / 1000;
  return Number.isInteger(seconds) ? `${seconds}.0` : String(seconds);
}

/** Recorded series name of an SLI's bad-event ratio over a window: `slo:<sli>_errors:ratio_rate<window>`. */
export function sliRecord(sli: 'availability' | 'latency', window: string): string {
  return `slo:${sli}_errors:ratio_rate${window}`;
}

/**
 * The SLO rules of one service as a `PrometheusRule` (the collector sends every PrometheusRule to the
 * Mimir ruler): bad-event ratios of availability (5xx) and latency (slower than the threshold bucket)
 * recorded per window, and the two burn-rate alerts per objective.
 * @throws Error naming the service when an objective is not within (0, 100) percent
 */
export class ServiceLevelObjective extends Construct {
  public readonly rule: PrometheusRule;

  constructor(scope: Construct, id: string, props: ServiceLevelObjectiveProps) {
    super(scope, id);
    const where = `ServiceLevelObjective ${props.namespace}/${props.service}`;
    for (const [field, v] of [['availabilityPercent', props.availabilityPercent], ['latency.percent', props.latency.percent]] as const) {
      if (!(v > 0 && v < 100)) throw new Error(`${where}: ${field} ${v} must be within (0, 100) percent`);
    }
    const sel = `namespace="${props.namespace}",service="${props.service}",uri!~"/actuator.*"`;
    const total = (w: string) => `sum(rate(${HTTP_SERVER_REQUESTS}_count{${sel}}[${w}]))`;
    const sliExpr = {
      availability: (w: string) => `sum(rate(${HTTP_SERVER_REQUESTS}_count{${sel},status=~"5.."}[${w}])) / ${total(w)}`,
      latency: (w: string) => `1 - (sum(rate(${HTTP_SERVER_REQUESTS}_bucket{${sel},le="${bucketLe(props.latency.thresholdMs)}"}[${w}])) / ${total(w)})`,
    };
    const objectives = { availability: props.availabilityPercent, latency: props.latency.percent };
    const seriesLabels = { namespace: props.namespace, service: props.service };
    const records = (['availability', 'latency'] as const).flatMap((sli) =>
      SLI_WINDOWS.map((w) => ({ record: sliRecord(sli, w), expr: PrometheusRuleSpecGroupsRulesExpr.fromString(sliExpr[sli](w)), labels: seriesLabels })),
    );
    const alerts = (['availability', 'latency'] as const).flatMap((sli) =>
      BURN_RATE_ALERTS.map((a) => {
        const budget = (100 - objectives[sli]) / 100;
        const threshold = Number((a.burnRate * budget).toPrecision(6));
        const match = `{namespace="${props.namespace}",service="${props.service}"}`;
        return {
          alert: `SLO${sli === 'availability' ? 'Availability' : 'Latency'}BurnRate${a.severity === 'critical' ? 'Critical' : 'High'}`,
          expr: PrometheusRuleSpecGroupsRulesExpr.fromString(`${sliRecord(sli, a.longWindow)}${match} > ${threshold} and ${sliRecord(sli, a.shortWindow)}${match} > ${threshold}`),
          labels: { severity: a.severity, ...seriesLabels, slo: sli },
          annotations: {
            summary: `${props.service} burns its ${sli} error budget ${a.burnRate}x too fast`,
            description:
              sli === 'availability'
                ? `More than ${threshold * 100}% of requests to ${props.namespace}/${props.service} failed (5xx) over ${a.longWindow} and ${a.shortWindow}; objective ${objectives[sli]}% over ${SLO_PERIOD_DAYS} days.`
                : `More than ${threshold * 100}% of requests to ${props.namespace}/${props.service} took longer than ${props.latency.thresholdMs} ms over ${a.longWindow} and ${a.shortWindow}; objective ${objectives[sli]}% over ${SLO_PERIOD_DAYS} days.`,
            runbook_url: 'docs/golden-path.md#roll-back-a-canary',
          },
        };
      }),
    );
    this.rule = new PrometheusRule(this, 'rule', {
      metadata: { name: `${props.service}-slo`, namespace: props.namespace, labels: { ...(props.labels ?? {}) } },
      spec: { groups: [{ name: `slo-${props.service}`, interval: SLO_RULE_INTERVAL, rules: [...records, ...alerts] }] },
    });
  }
}
