import * as path from 'node:path';
import { clusterName, type EnvironmentConfig } from '@platform/config';
import { buildClusterAddons } from '@platform/cluster-addons';
import { App } from 'cdk8s';
import { loadAllEnvironments } from './environment-loader';

/**
 * ADR 0057 in every sample environment: Mimir and Loki are scraped through their charts' ServiceMonitors, their
 * namespaces admit exactly the collector's pods on the ports those monitors scrape, and the platform alerts compare
 * their own metrics with the environment's limits.
 */
type Obj = { kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string> }; spec: Record<string, unknown> };
type Rule = { alert?: string; expr: string; for?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
type Composed = ReturnType<typeof buildClusterAddons>['addons'][number];
/** The chart values this test reads. */
interface MimirValuesRead {
  readonly metaMonitoring: { readonly serviceMonitor: unknown };
  readonly ingester: { readonly replicas: number };
  readonly mimir: { readonly structuredConfig: { readonly ingester: { readonly ring: { readonly replication_factor: number } }; readonly limits: { readonly max_global_series_per_user: number; readonly ingestion_rate: number } } };
}
interface LokiValuesRead {
  readonly monitoring: { readonly serviceMonitor: unknown };
  readonly deploymentMode: 'Monolithic' | 'Distributed';
  readonly ingester: { readonly replicas: number };
  readonly singleBinary: { readonly replicas: number };
  readonly loki: { readonly commonConfig: { readonly replication_factor: number }; readonly limits_config: { readonly max_global_streams_per_user: number; readonly ingestion_rate_mb: number } };
}

const objectsOf = (addon: Composed | undefined): Obj[] => (addon ? addon.manifestCharts.flatMap((c) => c.toJson() as Obj[]) : []);

function compose(env: EnvironmentConfig) {
  const { addons } = buildClusterAddons(new App(), env);
  const named = (name: string): Composed => {
    const found = addons.find((a) => a.addonName === name);
    if (!found) throw new Error(`${env.name}: add-on ${name} not composed`);
    return found;
  };
  const policies = objectsOf(named('baseline')).filter((o) => o.kind === 'NetworkPolicy');
  /** Ports of the ingress rules of `namespace` admitting exactly the collector's pods (namespace alloy, instance alloy). */
  const collectorPorts = (namespace: string): number[] =>
    policies
      .filter((p) => p.metadata.namespace === namespace)
      .flatMap((p) => (p.spec['ingress'] as { from: Record<string, { matchLabels: Record<string, string> }>[]; ports?: { port: number }[] }[] | undefined) ?? [])
      .filter((r) => r.from.some((f) => f['namespaceSelector']?.matchLabels['kubernetes.io/metadata.name'] === 'alloy' && f['podSelector']?.matchLabels['app.kubernetes.io/instance'] === 'alloy'))
      .flatMap((r) => (r.ports ?? []).map((p) => p.port))
      .sort((a, b) => a - b);
  /** Ports the collector's pods may open (its egress policies). */
  const collectorEgressPorts = (): number[] =>
    policies
      .filter((p) => p.metadata.namespace === 'alloy' && (p.spec['podSelector'] as { matchLabels: Record<string, string> }).matchLabels['app.kubernetes.io/instance'] === 'alloy')
      .flatMap((p) => (p.spec['egress'] as { ports?: { port: number }[] }[] | undefined) ?? [])
      .flatMap((r) => (r.ports ?? []).map((p) => p.port));
  const rules = objectsOf(named('kube-prometheus-stack')).find((o) => o.kind === 'PrometheusRule' && o.metadata.name === 'platform-rules');
  const groups = (rules?.spec['groups'] ?? []) as { name: string; rules: Rule[] }[];
  const alert = (group: string, name: string): Rule => {
    const found = groups.find((g) => g.name === group)?.rules.find((r) => r.alert === name);
    if (!found) throw new Error(`${env.name}: no alert ${name} in ${group}`);
    return found;
  };
  return { named, collectorPorts, collectorEgressPorts, groups, alert };
}

describe("the stores' own metrics per environment (ADR 0057)", () => {
  const environments = loadAllEnvironments(path.resolve(__dirname, '../../../environments'));

  it.each(environments.map((e) => [e.name, e]))("%s: the charts' ServiceMonitors are on, after the monitor CRDs, and the collector is admitted on exactly their ports", (_name, env) => {
    const { named, collectorPorts, collectorEgressPorts } = compose(env);
    const mimir = named('mimir-distributed');
    const loki = named('loki');
    expect((mimir.chart?.values as MimirValuesRead).metaMonitoring.serviceMonitor).toEqual({ enabled: true, clusterLabel: clusterName(env), interval: '30s' });
    expect((loki.chart?.values as LokiValuesRead).monitoring.serviceMonitor).toEqual({ enabled: true, interval: '30s' });
    // the caches (and their memcached exporters on 9150) run in the distributed modes only
    expect(collectorPorts('mimir')).toEqual(env.observability.mimir.mode === 'distributed' ? [8080, 9150] : [8080]);
    expect(collectorPorts('loki')).toEqual(env.observability.loki.mode === 'distributed' ? [3100, 9150] : [3100]);
    // and the collector may open them
    expect(collectorEgressPorts()).toEqual(expect.arrayContaining([8080, 3100, 9150]));
    const crds = named('kube-prometheus-stack');
    expect([mimir.dependsOn.includes(crds), loki.dependsOn.includes(crds)]).toEqual([true, true]);
  });

  it.each(environments.map((e) => [e.name, e]))("%s: the limit alerts compare with the limits the rendered values configure, with a runbook", (_name, env) => {
    const { named, alert, groups } = compose(env);
    const m = named('mimir-distributed').chart?.values as MimirValuesRead;
    const l = named('loki').chart?.values as LokiValuesRead;
    // what one ingester accepts: the global limit x replication factor / ingesters, from the values the stores run with
    const seriesPerIngester = Math.floor((m.mimir.structuredConfig.limits.max_global_series_per_user * m.mimir.structuredConfig.ingester.ring.replication_factor) / m.ingester.replicas);
    const lokiIngesters = l.deploymentMode === 'Distributed' ? l.ingester.replicas : l.singleBinary.replicas;
    const streamsPerIngester = Math.floor((l.loki.limits_config.max_global_streams_per_user * l.loki.commonConfig.replication_factor) / lokiIngesters);
    expect(m.mimir.structuredConfig.limits.max_global_series_per_user).toBe(env.observability.mimir.limits.maxGlobalSeries);
    expect(alert('platform-mimir', 'MimirTenantNearSeriesLimit').expr).toMatch(new RegExp(`cortex_ingester_memory_series_created_total\\{namespace="mimir"\\}.* > 0\\.8 \\* ${seriesPerIngester}$`));
    expect(alert('platform-mimir', 'MimirTenantNearIngestionRateLimit').expr).toMatch(new RegExp(` > 0\\.8 \\* ${m.mimir.structuredConfig.limits.ingestion_rate}$`));
    expect(alert('platform-loki', 'LokiTenantNearStreamLimit').expr).toMatch(new RegExp(`loki_ingester_memory_streams\\{namespace="loki"\\}.* > 0\\.8 \\* ${streamsPerIngester}$`));
    expect(alert('platform-loki', 'LokiTenantNearIngestionRateLimit').expr).toMatch(new RegExp(` > 0\\.8 \\* ${l.loki.limits_config.ingestion_rate_mb * 2 ** 20}$`));
    expect(alert('platform-mimir', 'MimirSamplesDiscardedByLimit').expr).toContain('cortex_discarded_samples_total{namespace="mimir",reason=~"rate_limited|per_user_series_limit|per_metric_series_limit"}');
    expect(alert('platform-loki', 'LokiLogsDiscardedByLimit').expr).toContain('loki_discarded_bytes_total{namespace="loki",reason=~"rate_limited|stream_limit|per_stream_rate_limit"}');
    for (const group of ['platform-mimir', 'platform-loki']) {
      const file = group === 'platform-mimir' ? 'observability-mimir.md' : 'observability-loki.md';
      for (const r of groups.find((g) => g.name === group)?.rules ?? []) {
        expect([r.alert, r.annotations?.['runbook_url']]).toEqual([r.alert, `${env.observability.runbookBaseUrl}/${file}#${r.alert?.toLowerCase()}`]);
        expect([r.alert, (r.annotations?.['description'] ?? '').length > 40, r.labels?.['severity']]).toEqual([r.alert, true, expect.stringMatching(/^(critical|warning)$/)]);
      }
    }
  });
});
