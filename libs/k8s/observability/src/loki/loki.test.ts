import { LOKI_LIMITS_DEFAULTS, lokiLimitsSchema } from '@platform/config';
import { fixtureEnvironment } from '@platform/config/testing';
import { Addon, serviceUrl } from '@platform/k8s-core';
import { testDeclaration } from '@platform/k8s-core/testing';
import { Testing } from 'cdk8s';
import { LokiAddon } from './loki-addon';

function render(patch: Parameters<typeof fixtureEnvironment>[0] = {}) {
  const env = fixtureEnvironment(patch);
  const app = Testing.app();
  const base = new Addon(app, 'base', { env, declaration: testDeclaration('base'), namespace: { name: 'base' } });
  const loki = new LokiAddon(app, 'loki', { env, dependsOn: [base] });
  if (!loki.chart) throw new Error('no chart');
  const crds = new Addon(app, 'crds', { env, declaration: testDeclaration('crds'), namespace: { name: 'monitoring' } });
  const scraper = { namespace: 'alloy', podLabels: { 'app.kubernetes.io/instance': 'alloy' }, monitoringCrds: crds };
  return { loki, values: loki.chart.values, base, crds, scraper };
}

describe('LokiAddon', () => {
  it('stores in the logs bucket under its contract prefix through Pod Identity: no keys, no MinIO', () => {
    const { values } = render();
    expect(values.serviceAccount).toEqual({ create: false, name: 'loki' });
    expect(values.loki.storage).toEqual({
      type: 's3',
      use_thanos_objstore: true,
      bucketNames: { chunks: 'acme-test-logs-111122223333', ruler: 'acme-test-logs-111122223333', admin: 'acme-test-logs-111122223333' },
      object_store: { type: 's3', storage_prefix: 'loki', s3: { endpoint: 's3.eu-west-1.amazonaws.com', region: 'eu-west-1' } },
    });
    expect(JSON.stringify(values)).not.toMatch(/access_?key|secret_?access|minio/i);
  });

  it('enforces observability.loki.retentionDays through the compactor', () => {
    const { values } = render({ observability: { loki: { retentionDays: 14 } } });
    expect(values.loki.limits_config.retention_period).toBe('336h');
    expect(values.loki.compactor).toEqual({ retention_enabled: true, delete_request_store: 's3' });
  });

  it('scrapeMetrics: the chart ServiceMonitor on at 30s, the collector admitted on 3100 and the cache exporters, after the monitor CRDs', () => {
    const { loki, values, base, crds, scraper } = render();
    expect(values.monitoring.serviceMonitor).toEqual({ enabled: false, interval: '30s' });
    const before = loki.namespace.ingress?.length ?? 0;
    const source = loki.scrapeMetrics(scraper);
    expect(loki.chart?.values.monitoring.serviceMonitor).toEqual({ enabled: true, interval: '30s' });
    const peer = { namespace: 'alloy', podLabels: { 'app.kubernetes.io/instance': 'alloy' } };
    expect(loki.namespace.ingress?.slice(before)).toEqual([
      { description: 'metrics scrape: Loki components (chart ServiceMonitor, port http-metrics)', peer, ports: [{ port: 3100 }] },
      { description: 'metrics scrape: memcached exporters of the Loki caches (chart ServiceMonitor, port http-metrics)', peer, ports: [{ port: 9150 }] },
    ]);
    expect(loki.dependsOn).toEqual([base, crds]);
    // fixture limits: 8 MiB/s, 10k streams; 3 ingesters at replication factor 3 hold the global limit each
    expect(source).toEqual({ namespace: 'loki', maxGlobalStreams: 10_000, maxStreamsPerIngester: 10_000, ingestionRateBytesPerSecond: 8 * 1024 * 1024 });
    expect(() => loki.scrapeMetrics(scraper)).toThrow('test: loki: the metrics scrape is already enabled');
  });

  it('scrapeMetrics in monolithic mode: the single binary on 3100 only (no caches)', () => {
    const { loki, scraper } = render({ observability: { loki: { mode: 'monolithic', zoneAware: false, limits: { ingestionRateMiBPerSecond: 4, ingestionBurstSizeMiB: 6, maxGlobalStreams: 5000 } } } });
    const source = loki.scrapeMetrics(scraper);
    expect(loki.namespace.ingress?.filter((r) => r.description.startsWith('metrics scrape')).flatMap((r) => r.ports.map((p) => p.port))).toEqual([3100]);
    expect(source).toMatchObject({ maxGlobalStreams: 5000, maxStreamsPerIngester: 5000, ingestionRateBytesPerSecond: 4 * 1024 * 1024 });
  });

  it('renders observability.loki.limits as the per-tenant limits_config (the cluster is one tenant)', () => {
    const { values } = render({ observability: { loki: { limits: { ingestionRateMiBPerSecond: 16, ingestionBurstSizeMiB: 32, maxGlobalStreams: 25_000 } } } });
    expect(values.loki.limits_config).toEqual({ retention_period: '720h', ingestion_rate_mb: 16, ingestion_burst_size_mb: 32, max_global_streams_per_user: 25_000 });
  });

  it('defaults the limits to the upstream values, and rejects a burst below the rate or too few streams, naming the field', () => {
    expect(lokiLimitsSchema.parse({})).toEqual(LOKI_LIMITS_DEFAULTS);
    expect(LOKI_LIMITS_DEFAULTS).toEqual({ ingestionRateMiBPerSecond: 4, ingestionBurstSizeMiB: 6, maxGlobalStreams: 5000 });
    expect(() => fixtureEnvironment({ observability: { loki: { limits: { ingestionRateMiBPerSecond: 10, ingestionBurstSizeMiB: 5 } } } })).toThrow(/observability\.loki\.limits\.ingestionBurstSizeMiB: 5 is below ingestionRateMiBPerSecond 10.*use at least 10/);
    expect(() => fixtureEnvironment({ observability: { loki: { limits: { ingestionRateMiBPerSecond: 0 } } } })).toThrow(/observability\.loki\.limits\.ingestionRateMiBPerSecond/);
  });

  it('monolithic: one single binary, replication factor 1, no caches; push and query on the same Service', () => {
    const { loki, values } = render({ observability: { loki: { mode: 'monolithic', zoneAware: false } } });
    expect(values.deploymentMode).toBe('Monolithic');
    expect(values.singleBinary.replicas).toBe(1);
    expect([values.ingester.replicas, values.distributor.replicas, values.write.replicas, values.read.replicas, values.backend.replicas]).toEqual([0, 0, 0, 0, 0]);
    expect(values.loki.commonConfig.replication_factor).toBe(1);
    expect([values.chunksCache.enabled, values.resultsCache.enabled]).toEqual([false, false]);
    expect(serviceUrl(loki.pushEndpoint)).toBe('http://loki.loki.svc.cluster.local:3100/loki/api/v1/push');
  });

  it('distributed: replicated components, replication factor 3, zone-aware ingesters with the rollout-operator', () => {
    const { loki, values } = render();
    expect(values.deploymentMode).toBe('Distributed');
    expect(values.singleBinary.replicas).toBe(0);
    expect(values.ingester).toMatchObject({ replicas: 3, zoneAwareReplication: { enabled: true } });
    expect(values.rollout_operator.enabled).toBe(true);
    // one ingester per zone StatefulSet, spread one per availability zone: the three zones sit in three AZs
    expect(values.ingester.topologySpreadConstraints).toEqual([
      { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { 'app.kubernetes.io/component': 'ingester', 'app.kubernetes.io/instance': '{{ .Release.Name }}' } } },
    ]);
    expect(values.loki.commonConfig.replication_factor).toBe(3);
    expect(serviceUrl(loki.pushEndpoint)).toBe('http://loki-distributor.loki.svc.cluster.local:3100/loki/api/v1/push');
    expect(serviceUrl(loki.queryEndpoint)).toBe('http://loki-query-frontend.loki.svc.cluster.local:3100');
  });

  it('pulls every Docker Hub image through the ECR pull-through cache', () => {
    const { values } = render();
    for (const image of [values.loki.image, values.memcached.image, values.memcachedExporter.image, values.sidecar.image]) {
      expect(image.registry).toBe('111122223333.dkr.ecr.eu-west-1.amazonaws.com');
      expect(image.repository).toMatch(/^test\/dockerhub\//);
    }
    expect(values.rollout_operator.image.repository).toBe('111122223333.dkr.ecr.eu-west-1.amazonaws.com/test/dockerhub/grafana/rollout-operator');
  });

  it('keeps the chart spread when not zone-aware, and refuses zone-aware ingesters without three AZs, naming the fields', () => {
    expect(render({ observability: { loki: { zoneAware: false } } }).values.ingester.topologySpreadConstraints).toBeUndefined();
    expect(() => fixtureEnvironment({ network: { azCount: 2 } })).toThrow(/observability\.loki\.zoneAware: is true but network\.azCount is 2; its 3 zones each need an availability zone of their own/);
  });

  it('rejects zone-aware replication in monolithic mode, naming the field and the fix', () => {
    expect(() => fixtureEnvironment({ observability: { loki: { mode: 'monolithic', zoneAware: true } } })).toThrow(
      /observability\.loki\.zoneAware: is true but mode is "monolithic"; zone-aware replication needs mode "distributed"/,
    );
  });
});
