import { loadDistTree } from '../dist-tree';
import { type FixtureFile, writeFixtureTree } from '../testing/fixture-tree';
import { promqlSyntaxErrors, withoutTemplatePlaceholders } from './promql-syntax';
import { validatePromql } from './validate-promql';

const ENV = 'dev';
const tree = (files: Record<string, FixtureFile>) => loadDistTree(writeFixtureTree(ENV, files), ENV, 'dist');

const rule = (exprs: readonly string[]) => ({
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'PrometheusRule',
  metadata: { name: 'platform-argocd', namespace: 'monitoring' },
  spec: { groups: [{ name: 'argocd', rules: exprs.map((expr, i) => ({ alert: `A${i}`, expr })) }] },
});
const analysis = (query: string) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'ClusterAnalysisTemplate',
  metadata: { name: 'canary' },
  spec: { metrics: [{ name: 'success-rate', provider: { prometheus: { address: 'http://mimir', query } } }] },
});
const dashboard = (exprs: readonly { expr: string; type?: string }[]) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'dashboard-cluster', namespace: 'grafana', labels: { grafana_dashboard: '1' } },
  data: {
    'cluster.json': JSON.stringify({
      title: 'Cluster',
      panels: [{ type: 'row', panels: exprs.map((e) => ({ type: 'timeseries', targets: [{ expr: e.expr, datasource: e.type ? { type: e.type, uid: e.type } : undefined }] })) }],
    }),
  },
});

describe('PromQL syntax (lezer-promql)', () => {
  it('accepts valid expressions and reports the offset of an error', () => {
    expect(promqlSyntaxErrors('sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05')).toEqual([]);
    expect(promqlSyntaxErrors('sum(rate(x[5m]) by')[0]).toEqual({ offset: 16, near: 'by' });
    expect(promqlSyntaxErrors('   ')).toEqual([{ offset: 0, near: '<end>' }]);
  });

  it('replaces Grafana and Argo placeholders outside strings only: a duration in ranges, an identifier elsewhere', () => {
    expect(withoutTemplatePlaceholders('rate(x{ns="$namespace"}[$__rate_interval]) by ($groupBy)')).toBe('rate(x{ns="$namespace"}[5m]) by (template_placeholder)');
    expect(withoutTemplatePlaceholders('rate(x{s="{{args.service}}"}[{{args.window}}])')).toBe('rate(x{s="{{args.service}}"}[5m])');
    expect(promqlSyntaxErrors('sum by (${group:raw}) (rate(x[$__rate_interval]))')).toEqual([]);
  });
});

describe('validatePromql (XL-OBS-002)', () => {
  it('passes rules, analysis queries and dashboards that parse; skips LogQL panels', () => {
    const t = tree({
      'kubernetes/addons/a/rules.yaml': { yaml: [rule(['up == 0', 'histogram_quantile(0.99, sum by (le) (rate(a_bucket[5m]))) > 1'])] },
      'kubernetes/addons/a/analysis.yaml': { yaml: [analysis('sum(rate(x{s="{{args.service}}"}[2m]))')] },
      'kubernetes/addons/a/dash.yaml': { yaml: [dashboard([{ expr: 'sum(rate(x[$__rate_interval]))', type: 'prometheus' }, { expr: '{namespace="a"} |= "error" | json', type: 'loki' }])] },
    });
    expect(validatePromql(t.objects)).toEqual([]);
  });

  it('broken fixture: names file, object and JSON path of every expression that does not parse', () => {
    const t = tree({
      'kubernetes/addons/a/rules.yaml': { yaml: [rule(['up == 0', 'sum(rate(x[5m]) by'])] },
      'kubernetes/addons/a/analysis.yaml': { yaml: [analysis('sum(rate(x[2m])')] },
      'kubernetes/addons/a/dash.yaml': { yaml: [dashboard([{ expr: 'rate(x[5m]) >' }])] },
    });
    const findings = validatePromql(t.objects);
    expect(findings.map((f) => `${f.rule}  ${f.file}  ${f.object}  ${f.path}`)).toEqual([
      'XL-OBS-002  dist/dev/kubernetes/addons/a/analysis.yaml  argoproj.io/v1alpha1/ClusterAnalysisTemplate canary  spec.metrics[0].provider.prometheus.query',
      'XL-OBS-002  dist/dev/kubernetes/addons/a/dash.yaml  v1/ConfigMap grafana/dashboard-cluster  data["cluster.json"].panels[0].panels[0].targets[0].expr',
      'XL-OBS-002  dist/dev/kubernetes/addons/a/rules.yaml  monitoring.coreos.com/v1/PrometheusRule monitoring/platform-argocd  spec.groups[0].rules[1].expr',
    ]);
    expect(findings[2].message).toBe('PromQL syntax error at offset 16 near "by" in: sum(rate(x[5m]) by');
  });
});
