import { fixtureEnvironment } from '@platform/config/testing';
import { Addon, serviceAddress, serviceUrl } from '@platform/k8s-core';
import { testDeclaration } from '@platform/k8s-core/testing';
import { Testing } from 'cdk8s';
import { AlloyCollectorAddon } from './alloy-collector-addon';
import { AlloyLogsAddon } from './alloy-logs-addon';
import { collectorPipeline, singletonPipeline } from './alloy-pipelines';
import { AlloySingletonAddon } from './alloy-singleton-addon';
import { expr, ref, renderAlloy } from './alloy-syntax';

const mimir = { namespace: 'mimir', service: 'mimir-distributor', port: 8080, path: '/api/v1/push' };
const ruler = { namespace: 'mimir', service: 'mimir-ruler', port: 8080 };
const loki = { namespace: 'loki', service: 'loki-distributor', port: 3100, path: '/loki/api/v1/push' };
const tempo = { namespace: 'tempo', service: 'tempo-distributor', port: 4317 };

function setup(patch: Parameters<typeof fixtureEnvironment>[0] = {}) {
  const env = fixtureEnvironment(patch);
  const app = Testing.app();
  const base = new Addon(app, 'base', { env, declaration: testDeclaration('base'), namespace: { name: 'base' } });
  return { env, app, base };
}

describe('Alloy configuration syntax', () => {
  it('quotes and escapes strings, renders references verbatim, nests blocks', () => {
    const text = renderAlloy([{ name: 'loki.write', label: 'default', attributes: { external_labels: { cluster: 'a "b"' } }, blocks: [{ name: 'endpoint', attributes: { url: 'http://x:1/p' } }] }, { name: 'loki.process', label: 'p', attributes: { forward_to: [ref('loki.write', 'default', 'receiver')] }, blocks: [{ name: 'stage.cri' }] }]);
    expect(text).toBe(
      'loki.write "default" {\n  external_labels = {\n    cluster = "a \\"b\\"",\n  }\n  endpoint {\n    url = "http://x:1/p"\n  }\n}\n\nloki.process "p" {\n  forward_to = [loki.write.default.receiver]\n  stage.cri { }\n}\n',
    );
  });

  it('rejects a duplicate component, a non-identifier label and an arbitrary expression', () => {
    expect(() => renderAlloy([{ name: 'a.b', label: 'x' }, { name: 'a.b', label: 'x' }])).toThrow('Alloy component a.b "x" is declared twice');
    expect(() => renderAlloy([{ name: 'a.b', label: 'x-y' }])).toThrow('Alloy label "x-y" of a.b must be an identifier');
    expect(() => expr('foo; bar')).toThrow('is not a dotted reference or a simple call');
    expect(expr('"spec.nodeName=" + sys.env("NODE_NAME")').expr).toBe('"spec.nodeName=" + sys.env("NODE_NAME")');
  });

  it('every reference in the generated pipelines points at a component they declare', () => {
    const pipelines = [collectorPipeline({ cluster: 'c', mimirRemoteWrite: mimir, tempoOtlpGrpc: tempo, traceSamplingPercent: 10 }), singletonPipeline({ cluster: 'c', lokiPush: loki, mimirRuler: ruler })];
    for (const blocks of pipelines) {
      const text = renderAlloy(blocks);
      const declared = new Set(blocks.map((b) => `${b.name}.${b.label}`));
      for (const [, component] of text.matchAll(/= \[?((?:otelcol|prometheus|loki|discovery|local)\.[a-z_.]+)\.(?:input|receiver|targets|output)/g)) expect([component, declared.has(component)]).toEqual([component, true]);
    }
  });
});

describe('Alloy add-ons', () => {
  it('collector: clustered Deployment spread over zones, OTLP gRPC + HTTP, traces sampled to Tempo, metrics and scrapes to Mimir', () => {
    const { env, app, base } = setup({ observability: { alloy: { collectorReplicas: 3, traceSamplingPercent: 20 } } });
    const a = new AlloyCollectorAddon(app, 'alloy', { env, dependsOn: [base], mimirRemoteWrite: mimir, tempoOtlpGrpc: tempo });
    const v = a.chart?.values;
    expect(v?.controller).toMatchObject({ type: 'deployment', replicas: 3, podDisruptionBudget: { enabled: true, maxUnavailable: 1 } });
    expect(v?.alloy.clustering.enabled).toBe(true);
    expect(v?.alloy.extraPorts.map((p) => p.port)).toEqual([4317, 4318]);
    const config = v?.alloy.configMap.content ?? '';
    expect(config).toContain('sampling_percentage = 20');
    // the kept share rides on every kept span, so Tempo's span metrics scale back by 1/0.2
    expect(config).toMatch(/otelcol\.processor\.attributes "sample_ratio" \{\s*action \{\s*key\s*= "X-SampleRatio"\s*value\s*= 0\.2\s*action = "upsert"/);
    expect(config).toMatch(/otelcol\.processor\.probabilistic_sampler "traces" \{[^}]*output \{\s*traces = \[otelcol\.processor\.attributes\.sample_ratio\.input\]/);
    expect(config).toContain(`endpoint = "${serviceAddress(tempo)}"`);
    expect(config).toContain(`url = "${serviceUrl(mimir)}"`);
    for (const kind of ['servicemonitors', 'podmonitors', 'probes']) expect(config).toContain(`prometheus.operator.${kind} "default"`);
    expect(serviceAddress(a.otlpGrpcEndpoint)).toBe('alloy.alloy.svc.cluster.local:4317');
    expect(serviceUrl(a.otlpHttpEndpoint)).toBe('http://alloy.alloy.svc.cluster.local:4318');
    // least privilege: the chart's default rules read every Secret; ours never do
    expect(JSON.stringify(v?.rbac)).not.toContain('secrets');
    // kubelet/cAdvisor scrapes (kube-prometheus-stack's kubelet ServiceMonitor) are authorized on nodes/metrics
    expect(v?.rbac.clusterRules).toContainEqual({ apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] });
    expect(v?.image.repository).toBe('test/dockerhub/grafana/alloy');
  });

  it('collector without Tempo accepts metrics only', () => {
    const { env, app, base } = setup();
    const config = new AlloyCollectorAddon(app, 'alloy', { env, dependsOn: [base], mimirRemoteWrite: mimir }).chart?.values.alloy.configMap.content ?? '';
    expect(config).not.toContain('traces');
  });

  it('logs: a DaemonSet on every node reading /var/log in its own privileged namespace', () => {
    const { env, app, base } = setup();
    const a = new AlloyLogsAddon(app, 'alloy-logs', { env, dependsOn: [base], lokiPush: loki });
    expect(a.chart?.values.controller).toMatchObject({ type: 'daemonset', tolerations: [{ operator: 'Exists' }] });
    expect(a.chart?.values.alloy.mounts.varlog).toBe(true);
    expect(a.namespace).toMatchObject({ name: 'alloy-logs', podSecurity: { level: 'privileged' } });
    expect(a.chart?.values.alloy.configMap.content).toContain('replacement = "/var/log/pods/*$1/*.log"');
  });

  it('singleton: exactly one replica for events and rule sync', () => {
    const { env, app, base } = setup();
    const a = new AlloySingletonAddon(app, 'alloy-singleton', { env, dependsOn: [base], lokiPush: loki, mimirRuler: ruler });
    expect(a.chart?.values.controller).toMatchObject({ type: 'deployment', replicas: 1 });
    expect(a.chart?.values.alloy.configMap.content).toContain('loki.source.kubernetes_events "cluster"');
    expect(a.chart?.values.alloy.configMap.content).toContain('address = "http://mimir-ruler.mimir.svc.cluster.local:8080"');
  });

  it('rejects a 0 % trace sampling with the fix', () => {
    expect(() => fixtureEnvironment({ observability: { alloy: { traceSamplingPercent: 0 } } })).toThrow(/observability\.alloy\.traceSamplingPercent: must be above 0/);
  });
});
