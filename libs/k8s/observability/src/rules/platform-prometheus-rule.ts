import { PrometheusRule, PrometheusRuleSpecGroupsRulesExpr } from '@platform/k8s-imports/monitoring.coreos.com';
import { Construct } from 'constructs';
import { type AlertRule, isAlertRule, PROMETHEUS_DURATION, type RecordingRule, type RuleGroup } from './alert-rules';

export interface PlatformPrometheusRuleProps {
  /** Object name, DNS-1123. */
  readonly name: string;
  readonly namespace: string;
  readonly groups: readonly RuleGroup[];
  /** Prefix of every `runbook_url`: the `docs/runbooks` folder of the platform repository (`observability.runbookBaseUrl`). */
  readonly runbookBaseUrl: string;
}

/**
 * One prometheus-operator `PrometheusRule` from typed groups: every alert gets `severity`, `summary`,
 * `description` and `runbook_url` (`<runbookBaseUrl>/<file>#<section>`).
 * @throws Error naming the group and rule for a duplicate group name, an empty group, a bad `for`/`interval` duration,
 * or an alert declared twice with the same labels in one group
 */
export class PlatformPrometheusRule extends Construct {
  public readonly rule: PrometheusRule;

  constructor(scope: Construct, id: string, props: PlatformPrometheusRuleProps) {
    super(scope, id);
    const seen = new Set<string>();
    for (const g of props.groups) {
      if (seen.has(g.name)) throw new Error(`PrometheusRule ${props.name}: group "${g.name}" is declared twice`);
      seen.add(g.name);
      if (g.rules.length === 0) throw new Error(`PrometheusRule ${props.name}: group "${g.name}" has no rules`);
      if (g.interval !== undefined && !PROMETHEUS_DURATION.test(g.interval)) throw new Error(`PrometheusRule ${props.name}: group "${g.name}" interval "${g.interval}" is not a Prometheus duration such as 1m`);
      const alerts = new Set<string>();
      for (const r of g.rules.filter(isAlertRule)) {
        if (!PROMETHEUS_DURATION.test(r.for)) throw new Error(`PrometheusRule ${props.name}: alert ${r.alert} in group "${g.name}" has for "${r.for}"; use a Prometheus duration such as 15m`);
        // one alert name may repeat with other labels (the two burn-rate pairs of an SLO), not with the same ones
        const key = `${r.alert}${JSON.stringify(r.labels ?? {})}`;
        if (alerts.has(key)) throw new Error(`PrometheusRule ${props.name}: alert ${r.alert} is declared twice with the same labels in group "${g.name}"`);
        alerts.add(key);
      }
    }
    this.rule = new PrometheusRule(this, 'rule', {
      metadata: { name: props.name, namespace: props.namespace },
      spec: {
        groups: props.groups.map((g) => ({
          name: g.name,
          ...(g.interval ? { interval: g.interval } : {}),
          rules: g.rules.map((r) => (isAlertRule(r) ? alertRule(r, props.runbookBaseUrl) : recordingRule(r))),
        })),
      },
    });
  }
}

function alertRule(r: AlertRule, runbookBaseUrl: string) {
  return {
    alert: r.alert,
    expr: PrometheusRuleSpecGroupsRulesExpr.fromString(r.expr),
    for: r.for,
    labels: { ...r.labels, severity: r.severity },
    annotations: { summary: r.summary, description: r.description, runbook_url: `${runbookBaseUrl}/${r.runbook.file}#${r.runbook.section}` },
  };
}

function recordingRule(r: RecordingRule) {
  return { record: r.record, expr: PrometheusRuleSpecGroupsRulesExpr.fromString(r.expr), ...(r.labels ? { labels: { ...r.labels } } : {}) };
}
