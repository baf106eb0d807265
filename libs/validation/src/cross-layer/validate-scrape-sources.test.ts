import type { K8sDocument } from '../dist-tree';
import { METRIC_SCRAPE_SOURCES } from './metric-scrape-sources';
import { metricNames, SCRAPE_SOURCE_RULES, validateScrapeSources } from './validate-scrape-sources';

const doc = (relPath: string, object: Record<string, unknown>): K8sDocument => ({ file: `dist/dev/${relPath}`, relPath, index: 0, object });
const rules = (entries: readonly Record<string, string>[]): K8sDocument =>
  doc('kubernetes/addons/kube-prometheus-stack/platform-rules.yaml', {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: 'platform-rules', namespace: 'monitoring' },
    spec: { groups: [{ name: 'platform', rules: entries }] },
  });
const chartApp = (name: string, valuesObject: Record<string, unknown>): K8sDocument =>
  doc(`kubernetes/apps/${name}.yaml`, {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd' },
    spec: { sources: [{ repoURL: 'https://charts.example', chart: name, targetRevision: '1.0.0', helm: { valuesObject } }] },
  });
const podMonitor = (namespace: string, port: string, path = '/metrics', matchLabels: Record<string, string> = { app: 'x' }): K8sDocument =>
  doc(`kubernetes/addons/${namespace}/monitoring.yaml`, {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    metadata: { name: 'm', namespace },
    spec: { selector: { matchLabels }, podMetricsEndpoints: [{ port, path }] },
  });

const karpenterAlert = { alert: 'KarpenterNodePoolNearLimit', expr: 'max by (nodepool) (karpenter_nodepools_usage / karpenter_nodepools_limit) > 0.9' };
const gatewayAlert = { alert: 'IngressGatewayHigh5xx', expr: 'sum(rate(istio_requests_total{response_code=~"5.."}[5m])) / sum(rate(istio_requests_total[5m])) > 0.05' };

describe('XL-OBS-005: every metric a PrometheusRule reads has a rendered scrape source', () => {
  it('reads the metric names of the vector selectors only (not functions, labels, strings or template placeholders)', () => {
    expect(metricNames('max by (nodepool) (karpenter_nodepools_usage{a="b_total"} / on(x) karpenter_nodepools_limit) > 0.9').sort()).toEqual(['karpenter_nodepools_limit', 'karpenter_nodepools_usage']);
    expect(metricNames('absent(up{job="kubelet"} == 1)')).toEqual(['up']);
    expect(metricNames('sum(rate(x_total[{{window}}]))')).toEqual(['x_total']);
  });

  it('passes when the chart value turns the chart monitor on, or a monitor on the exporter port is rendered', () => {
    const docs = [rules([karpenterAlert, gatewayAlert]), chartApp('karpenter', { serviceMonitor: { enabled: true } }), podMonitor('istio-ingress', 'http-envoy-prom', '/stats/prometheus')];
    expect(validateScrapeSources(docs)).toEqual([]);
  });

  it('fails on the broken fixture: the chart monitor is off, or no monitor serves the exporter port, naming the rule, the metric and the evidence', () => {
    const findings = validateScrapeSources([rules([karpenterAlert, gatewayAlert]), chartApp('karpenter', { serviceMonitor: { enabled: false } }), podMonitor('istio-ingress', 'http-envoy-prom', '/metrics')]);
    expect(findings.map((f) => [f.rule, f.path, f.message])).toEqual([
      [SCRAPE_SOURCE_RULES.source, 'spec.groups[0].rules[0].expr', 'KarpenterNodePoolNearLimit reads karpenter_nodepools_limit from Karpenter controller, which nothing scrapes: expected Application karpenter with chart value serviceMonitor.enabled: true (is false)'],
      [SCRAPE_SOURCE_RULES.source, 'spec.groups[0].rules[0].expr', 'KarpenterNodePoolNearLimit reads karpenter_nodepools_usage from Karpenter controller, which nothing scrapes: expected Application karpenter with chart value serviceMonitor.enabled: true (is false)'],
      [SCRAPE_SOURCE_RULES.source, 'spec.groups[0].rules[1].expr', 'IngressGatewayHigh5xx reads istio_requests_total from Envoy of the ingress gateway, which nothing scrapes: expected a ServiceMonitor or PodMonitor with port http-envoy-prom, path /stats/prometheus'],
    ]);
    // the upstream default counts when the values leave the key out (the karpenter chart's is off)
    expect(validateScrapeSources([rules([karpenterAlert]), chartApp('karpenter', {})])).toHaveLength(2);
    expect(validateScrapeSources([rules([karpenterAlert])])[0]?.message).toContain('(not rendered)');
  });

  it('fails on a metric no exporter declares; recorded series and the evaluator\'s own series need none', () => {
    const findings = validateScrapeSources([
      rules([
        { record: 'slo:sli_error:ratio_rate5m', expr: 'sum(rate(my_app_errors_total[5m]))' },
        { alert: 'Burn', expr: 'slo:sli_error:ratio_rate5m > 0.1 and absent(up) == 0 or ALERTS{alertstate="firing"} > 0' },
        { alert: 'Orphan', expr: 'slo:never_recorded:ratio > 1' },
      ]),
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'slo:sli_error:ratio_rate5m reads my_app_errors_total, which has no declared scrape source: add its exporter and the monitor that scrapes it to METRIC_SCRAPE_SOURCES (libs/validation/src/cross-layer/metric-scrape-sources.ts)',
      'Orphan reads slo:never_recorded:ratio, which has no declared scrape source: add its exporter and the monitor that scrapes it to METRIC_SCRAPE_SOURCES (libs/validation/src/cross-layer/metric-scrape-sources.ts), or render the recording rule that produces it',
    ]);
  });

  it('matches monitors by selector label and path too (CloudNativePG, OpenBao)', () => {
    const cnpg = { alert: 'PostgresInstanceDown', expr: 'cnpg_collector_up == 0' };
    const bao = { alert: 'OpenBaoSealed', expr: 'vault_core_unsealed == 0' };
    expect(validateScrapeSources([rules([cnpg, bao]), podMonitor('databases', 'metrics', '/metrics', { 'cnpg.io/cluster': 'pg' }), podMonitor('openbao', 'https', '/v1/sys/metrics')])).toEqual([]);
    expect(validateScrapeSources([rules([cnpg, bao]), podMonitor('databases', 'metrics')])).toHaveLength(2);
  });

  it("the stores' own metrics: Mimir's and Loki's chart ServiceMonitors, and the broken fixture without them", () => {
    const mimirAlert = { alert: 'MimirSamplesDiscardedByLimit', expr: 'sum by (user, reason) (rate(cortex_discarded_samples_total{namespace="mimir"}[5m])) > 0' };
    const lokiAlert = { alert: 'LokiLogsDiscardedByLimit', expr: 'sum by (tenant, reason) (rate(loki_discarded_bytes_total{namespace="loki"}[5m])) > 0' };
    const scraped = [chartApp('mimir-distributed', { metaMonitoring: { serviceMonitor: { enabled: true } } }), chartApp('loki', { monitoring: { serviceMonitor: { enabled: true } } })];
    expect(validateScrapeSources([rules([mimirAlert, lokiAlert]), ...scraped])).toEqual([]);
    // both charts ship their ServiceMonitors off
    const unscraped = validateScrapeSources([rules([mimirAlert, lokiAlert]), chartApp('mimir-distributed', {}), chartApp('loki', { monitoring: { serviceMonitor: { enabled: false } } })]);
    expect(unscraped.map((f) => [f.rule, f.path, f.message])).toEqual([
      [SCRAPE_SOURCE_RULES.source, 'spec.groups[0].rules[0].expr', 'MimirSamplesDiscardedByLimit reads cortex_discarded_samples_total from Mimir components, which nothing scrapes: expected Application mimir-distributed with chart value metaMonitoring.serviceMonitor.enabled: true (is false)'],
      [SCRAPE_SOURCE_RULES.source, 'spec.groups[0].rules[1].expr', 'LokiLogsDiscardedByLimit reads loki_discarded_bytes_total from Loki components, which nothing scrapes: expected Application loki with chart value monitoring.serviceMonitor.enabled: true (is false)'],
    ]);
  });

  it('declares each prefix once', () => {
    const prefixes = METRIC_SCRAPE_SOURCES.flatMap((s) => s.prefixes);
    expect(prefixes.filter((p, i) => prefixes.indexOf(p) !== i)).toEqual([]);
  });
});
