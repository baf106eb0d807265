import { MIMIR_LIMITS_DEFAULTS, mimirLimitsSchema, podIdentityContract } from '@platform/config';
import { fixtureEnvironment } from '@platform/config/testing';
import { Addon, serviceUrl } from '@platform/k8s-core';
import { testDeclaration } from '@platform/k8s-core/testing';
import { Testing } from 'cdk8s';
import { MIMIR_STORAGE_PREFIXES, MIMIR_TENANT, MimirAddon } from './mimir-addon';

const alertmanager = { namespace: 'monitoring', service: 'kube-prometheus-stack-alertmanager', port: 9093 };

function render(patch: Parameters<typeof fixtureEnvironment>[0] = {}) {
  const env = fixtureEnvironment(patch);
  const app = Testing.app();
  const base = new Addon(app, 'base', { env, declaration: testDeclaration('base'), namespace: { name: 'base' } });
  const mimir = new MimirAddon(app, 'mimir-distributed', { env, dependsOn: [base], alertmanager });
  if (!mimir.chart) throw new Error('no chart');
  // the collector as the add-ons exposing metrics take it (`AlloyCollectorAddon.scraper`), with the monitor CRDs' add-on
  const crds = new Addon(app, 'crds', { env, declaration: testDeclaration('crds'), namespace: { name: 'monitoring' } });
  const scraper = { namespace: 'alloy', podLabels: { 'app.kubernetes.io/instance': 'alloy' }, monitoringCrds: crds };
  return { env, base, mimir, crds, scraper, values: mimir.chart.values, config: mimir.chart.values.mimir.structuredConfig as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('MimirAddon', () => {
  it('stores blocks and rules in the metrics bucket under the prefixes the contract entry owns, no keys, no MinIO', () => {
    const { env, values, config } = render();
    expect(values.serviceAccount).toEqual({ create: false, name: 'mimir' });
    expect(values.minio.enabled).toBe(false);
    expect(config['common']).toEqual({ storage: { backend: 's3', s3: { bucket_name: 'acme-test-metrics-111122223333', endpoint: 's3.eu-west-1.amazonaws.com', region: 'eu-west-1' } } });
    expect([config['blocks_storage'].storage_prefix, config['ruler_storage'].storage_prefix]).toEqual(['mimir', 'mimirruler']);
    // the prefixes are exactly what the Pod Identity role may touch
    const entry = podIdentityContract(env).find((e) => e.id === 'mimir');
    expect(entry?.permissions).toEqual([{ kind: 's3-bucket', bucket: 'metrics', extraPrefixes: [`${MIMIR_STORAGE_PREFIXES.ruler}/`] }]);
    expect(JSON.stringify(values)).not.toMatch(/access_key|secret_access/);
  });

  it('enforces observability.mimir.retentionDays and sends ruler alerts to the given Alertmanager', () => {
    const { config } = render({ observability: { mimir: { retentionDays: 30 } } });
    expect(config['limits']).toMatchObject({ compactor_blocks_retention_period: '720h' });
    expect(config['ruler']).toEqual({ alertmanager_url: 'http://kube-prometheus-stack-alertmanager.monitoring.svc.cluster.local:9093' });
  });

  it('renders observability.mimir.limits as the per-tenant limits (the cluster is one tenant)', () => {
    const { config } = render({ observability: { mimir: { limits: { maxGlobalSeries: 500_000, ingestionRateSamplesPerSecond: 100_000, ingestionBurstSizeSamples: 1_000_000, maxGlobalExemplars: 100_000 } } } });
    expect(config['limits']).toEqual({ compactor_blocks_retention_period: '2160h', max_global_series_per_user: 500_000, ingestion_rate: 100_000, ingestion_burst_size: 1_000_000, max_global_exemplars_per_user: 100_000 });
  });

  it('defaults the limits to the upstream values, and rejects a burst below the rate, naming the field', () => {
    expect(mimirLimitsSchema.parse({})).toEqual(MIMIR_LIMITS_DEFAULTS);
    expect(MIMIR_LIMITS_DEFAULTS).toEqual({ maxGlobalSeries: 150_000, ingestionRateSamplesPerSecond: 10_000, ingestionBurstSizeSamples: 200_000, maxGlobalExemplars: 0 });
    expect(() => fixtureEnvironment({ observability: { mimir: { limits: { ingestionRateSamplesPerSecond: 50_000, ingestionBurstSizeSamples: 20_000 } } } })).toThrow(/observability\.mimir\.limits\.ingestionBurstSizeSamples: 20000 is below ingestionRateSamplesPerSecond 50000/);
  });

  it('refuses more series than the ingesters hold at the replication factor, naming the field and the bound', () => {
    // 3 ingesters x 4 GiB / (2.5 GB per 300k series) / replication factor 3
    expect(() => render({ observability: { mimir: { limits: { maxGlobalSeries: 600_000 } } } })).toThrow(/observability\.mimir\.limits\.maxGlobalSeries: 600000 series exceed what the 3 ingester\(s\) of 4 GiB hold at replication factor 3 \(about 515396\); lower it to at most 515396/);
    expect(() => render({ observability: { mimir: { mode: 'small', zoneAware: false, limits: { maxGlobalSeries: 515_000 } } } })).not.toThrow();
  });

  it('small: one replica each, replication factor 1, no caches, no zones', () => {
    const { values, config } = render({ observability: { mimir: { mode: 'small', zoneAware: false } } });
    expect([values.ingester.replicas, values.store_gateway.replicas, values.distributor.replicas, values.querier.replicas]).toEqual([1, 1, 1, 1]);
    expect(config['ingester']).toEqual({ ring: { replication_factor: 1 } });
    expect([values.ingester.zoneAwareReplication.enabled, values.rollout_operator.enabled, values['chunks-cache'].enabled]).toEqual([false, false, false]);
  });

  it('distributed + zoneAware: 3 ingesters and store-gateways across zones, replication factor 3, caches on', () => {
    const { values, config } = render();
    // each zone in its own availability zone: the chart's required anti-affinity between zones on the AZ label
    expect(values.ingester).toMatchObject({ replicas: 3, zoneAwareReplication: { enabled: true, topologyKey: 'topology.kubernetes.io/zone' } });
    expect(values.store_gateway).toMatchObject({ replicas: 3, zoneAwareReplication: { enabled: true, topologyKey: 'topology.kubernetes.io/zone' } });
    expect(config['store_gateway']).toEqual({ sharding_ring: { replication_factor: 3 } });
    expect([values['chunks-cache'].enabled, values['index-cache'].enabled, values['metadata-cache'].enabled, values['results-cache'].enabled]).toEqual([true, true, true, true]);
  });

  it('exports typed endpoints and pulls Docker Hub images through ECR', () => {
    const { mimir, values } = render();
    expect(serviceUrl(mimir.remoteWriteEndpoint)).toBe('http://mimir-distributor.mimir.svc.cluster.local:8080/api/v1/push');
    expect(serviceUrl(mimir.queryEndpoint)).toBe('http://mimir-query-frontend.mimir.svc.cluster.local:8080/prometheus');
    expect(values.image.repository).toBe('111122223333.dkr.ecr.eu-west-1.amazonaws.com/test/dockerhub/grafana/mimir');
  });

  it('runs one tenant (multitenancy off, tenant "anonymous"): no client sends X-Scope-OrgID and the nginx gateway that would add it is off', () => {
    const { mimir, values, config } = render();
    expect(config['multitenancy_enabled']).toBe(false);
    expect(values.nginx.enabled).toBe(false);
    expect([mimir.tenant, MIMIR_TENANT]).toEqual(['anonymous', 'anonymous']);
  });

  it('admits the queriers it is given to the query-frontend pods only, on the query port', () => {
    const { mimir, base } = render();
    const before = mimir.namespace.ingress?.length ?? 0;
    mimir.admitQueriers([{ addon: base, description: 'canary analysis' }]);
    expect(mimir.namespace.ingress?.slice(before)).toEqual([
      { description: 'canary analysis', peer: { namespace: 'base' }, ports: [{ port: 8080 }], pods: { name: 'query-frontend', labels: { 'app.kubernetes.io/component': 'query-frontend' } } },
    ]);
  });

  it('scrapeMetrics: the chart ServiceMonitors on (cluster label, interval), the collector admitted on 8080 and the cache exporters, after the monitor CRDs', () => {
    const { mimir, values, base, crds, scraper } = render();
    expect(values.metaMonitoring.serviceMonitor).toEqual({ enabled: false, clusterLabel: 'acme-test', interval: '30s' });
    const before = mimir.namespace.ingress?.length ?? 0;
    const source = mimir.scrapeMetrics(scraper);
    // the values object the Application renders
    expect(mimir.chart?.values.metaMonitoring.serviceMonitor).toEqual({ enabled: true, clusterLabel: 'acme-test', interval: '30s' });
    const peer = { namespace: 'alloy', podLabels: { 'app.kubernetes.io/instance': 'alloy' } };
    expect(mimir.namespace.ingress?.slice(before)).toEqual([
      { description: 'metrics scrape: Mimir components (chart ServiceMonitors, port http-metrics)', peer, ports: [{ port: 8080 }] },
      { description: 'metrics scrape: memcached exporters of the Mimir caches (chart ServiceMonitors, port http-metrics)', peer, ports: [{ port: 9150 }] },
    ]);
    expect(mimir.dependsOn).toEqual([base, crds]);
    // fixture limits: 300k series, 20k samples/s; 3 ingesters at replication factor 3 hold the global limit each
    expect(source).toEqual({ namespace: 'mimir', maxGlobalSeries: 300_000, maxSeriesPerIngester: 300_000, ingestionRateSamplesPerSecond: 20_000 });
    expect(() => mimir.scrapeMetrics(scraper)).toThrow('test: mimir-distributed: the metrics scrape is already enabled');
  });

  it('scrapeMetrics in small mode: no caches, so no exporter port; one ingester at replication factor 1 holds the global limit', () => {
    const { mimir, scraper } = render({ observability: { mimir: { mode: 'small', zoneAware: false, limits: { maxGlobalSeries: 150_000, ingestionRateSamplesPerSecond: 10_000 } } } });
    const source = mimir.scrapeMetrics(scraper);
    expect(mimir.namespace.ingress?.filter((r) => r.description.startsWith('metrics scrape')).flatMap((r) => r.ports.map((p) => p.port))).toEqual([8080]);
    expect(source).toMatchObject({ maxGlobalSeries: 150_000, maxSeriesPerIngester: 150_000, ingestionRateSamplesPerSecond: 10_000 });
  });

  it('refuses zone-aware replication without three availability zones, naming the field', () => {
    expect(() => fixtureEnvironment({ network: { azCount: 2 }, observability: { loki: { zoneAware: false } } })).toThrow(/observability\.mimir\.zoneAware: is true but network\.azCount is 2/);
  });

  it('rejects zone-aware replication in small mode', () => {
    expect(() => fixtureEnvironment({ observability: { mimir: { mode: 'small', zoneAware: true } } })).toThrow(/observability\.mimir\.zoneAware: is true but mode is "small"/);
  });
});
