import type { K8sDocument } from '../dist-tree';
import { alloyTopLevelBlocks, validateMimirTenancy } from './validate-mimir-tenancy';

const doc = (object: Record<string, unknown>, file = 'dist/dev/kubernetes/apps/x.yaml'): K8sDocument => ({ file, relPath: file.replace('dist/dev/', ''), index: 0, object });

function application(name: string, chart: string, valuesObject: Record<string, unknown>, namespace = name): Record<string, unknown> {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd' },
    spec: { project: 'platform', destination: { server: 'https://kubernetes.default.svc', namespace }, source: { repoURL: 'https://x.example', chart, targetRevision: '1.0.0', helm: { valuesObject } } },
  };
}

const mimir = (structuredConfig: Record<string, unknown>) => doc(application('mimir-distributed', 'mimir-distributed', { mimir: { structuredConfig } }, 'mimir'));
const push = 'http://mimir-distributor.mimir.svc.cluster.local:8080/api/v1/push';
const query = 'http://mimir-query-frontend.mimir.svc.cluster.local:8080/prometheus';
const alloyConfig = (remoteWriteExtra: string, rulesExtra: string): string =>
  [
    'prometheus.remote_write "mimir" {',
    '  external_labels = { "cluster" = "acme-dev" }',
    '  endpoint {',
    `    url = "${push}"`,
    remoteWriteExtra,
    '  }',
    '}',
    'mimir.rules.kubernetes "default" {',
    '  address = "http://mimir-ruler.mimir.svc.cluster.local:8080"',
    rulesExtra,
    '}',
    'loki.write "default" {',
    '  endpoint { url = "http://loki-gateway.loki.svc.cluster.local/loki/api/v1/push" }',
    '}',
  ].join('\n');
const alloy = (remoteWriteExtra = '', rulesExtra = '') => doc(application('alloy', 'alloy', { alloy: { configMap: { content: alloyConfig(remoteWriteExtra, rulesExtra) } } }), 'dist/dev/kubernetes/apps/alloy.yaml');
const analysis = (headers?: unknown) =>
  doc(
    { apiVersion: 'argoproj.io/v1alpha1', kind: 'ClusterAnalysisTemplate', metadata: { name: 'canary' }, spec: { metrics: [{ name: 'success-rate', provider: { prometheus: { address: query, query: 'up', ...(headers ? { headers } : {}) } } }] } },
    'dist/dev/kubernetes/addons/argo-rollouts/analysis.yaml',
  );
const grafana = (jsonData: Record<string, unknown>) => doc(application('grafana', 'grafana', { datasources: { 'datasources.yaml': { datasources: [{ name: 'Mimir', type: 'prometheus', url: query, jsonData }] } } }));
const tempo = (addOrgIdHeader: boolean) => doc(application('tempo-distributed', 'tempo-distributed', { metricsGenerator: { config: { storage: { remote_write: [{ url: push }], remote_write_add_org_id_header: addOrgIdHeader } } } }));

describe('validateMimirTenancy (XL-OBS-004)', () => {
  it('accepts every client without a tenant while Mimir runs one tenant (multitenancy_enabled: false)', () => {
    expect(validateMimirTenancy([mimir({ multitenancy_enabled: false }), alloy(), analysis(), grafana({}), tempo(false)])).toEqual([]);
  });

  it('flags each client without a tenant while Mimir is multi-tenant (its default), naming the client and its path', () => {
    const findings = validateMimirTenancy([mimir({}), alloy(), analysis(), grafana({ httpMethod: 'POST' }), tempo(false)]);
    expect(findings.map((f) => [f.rule, f.path, f.message.split(' reaches')[0]])).toEqual([
      ['XL-OBS-004', 'spec.source.helm.valuesObject.alloy.configMap.content', 'Alloy block prometheus.remote_write "mimir"'],
      ['XL-OBS-004', 'spec.source.helm.valuesObject.alloy.configMap.content', 'Alloy block mimir.rules.kubernetes "default"'],
      ['XL-OBS-004', 'spec.metrics[0].provider.prometheus.address', 'the client holding this URL'],
      ['XL-OBS-004', 'spec.source.helm.valuesObject.datasources["datasources.yaml"].datasources[0].url', 'the client holding this URL'],
      ['XL-OBS-004', 'spec.source.helm.valuesObject.metricsGenerator.config.storage.remote_write[0].url', 'the client holding this URL'],
    ]);
    expect(findings[0].message).toMatch(/multitenancy_enabled: false .* or send X-Scope-OrgID/);
    // an explicit multitenancy_enabled: true is the same
    expect(validateMimirTenancy([mimir({ multitenancy_enabled: true }), analysis()])).toHaveLength(1);
  });

  it('accepts clients that send the tenant, in each client shape', () => {
    const findings = validateMimirTenancy([
      mimir({}),
      alloy('    headers = { "X-Scope-OrgID" = "platform" }', '  tenant_id = "platform"'),
      analysis([{ key: 'X-Scope-OrgID', value: 'platform' }]),
      grafana({ httpHeaderName1: 'X-Scope-OrgID' }),
      tempo(true),
    ]);
    expect(findings).toEqual([]);
  });

  it('ignores clients of other stores, and trees without Mimir', () => {
    expect(validateMimirTenancy([alloy(), analysis()])).toEqual([]);
    expect(validateMimirTenancy([mimir({}), doc(application('loki', 'loki', { url: 'http://loki-gateway.loki.svc.cluster.local' }))])).toEqual([]);
  });

  it('splits Alloy configuration into top-level blocks, skipping braces in strings and comments', () => {
    const blocks = alloyTopLevelBlocks('// a { comment\nfoo.bar "x" {\n  regex = "a{2}"\n  inner { }\n}\nbaz "y" { raw = `}` }\n');
    expect(blocks.map((b) => b.header)).toEqual(['foo.bar "x"', 'baz "y"']);
  });
});
