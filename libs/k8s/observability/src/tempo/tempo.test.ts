import { fixtureEnvironment, TRACES_ADDONS_ENABLED } from '@platform/config/testing';
import { Addon, serviceAddress, serviceUrl } from '@platform/k8s-core';
import { testDeclaration } from '@platform/k8s-core/testing';
import { Testing } from 'cdk8s';
import { MIMIR_TENANT, MimirAddon } from '../mimir/mimir-addon';
import { TempoAddon } from './tempo-addon';

const kafka = { namespace: 'traces-kafka', service: 'traces-kafka-bootstrap', port: 9092 };
const mimir = { namespace: 'mimir', service: 'mimir-distributor', port: 8080, path: '/api/v1/push' };

type Patch = Parameters<typeof fixtureEnvironment>[0];

function render(patch: Patch = {}) {
  const env = fixtureEnvironment({ ...patch, addons: { enabled: TRACES_ADDONS_ENABLED } } as Patch);
  const app = Testing.app();
  const base = new Addon(app, 'base', { env, declaration: testDeclaration('base'), namespace: { name: 'base' } });
  const tempo = new TempoAddon(app, 'tempo-distributed', { env, dependsOn: [base], ingest: { bootstrap: kafka }, metricsRemoteWrite: mimir });
  if (!tempo.chart) throw new Error('no chart');
  return { tempo, values: tempo.chart.values };
}

describe('TempoAddon', () => {
  it('stores in the traces bucket under its contract prefix through Pod Identity: no keys, no MinIO', () => {
    const { values } = render();
    expect(values.serviceAccount).toEqual({ create: false, name: 'tempo' });
    expect(values.storage.trace).toEqual({ backend: 's3', s3: { bucket: 'acme-test-traces-111122223333', prefix: 'tempo', endpoint: 's3.eu-west-1.amazonaws.com', region: 'eu-west-1' } });
    expect(JSON.stringify(values)).not.toMatch(/access_?key|secret_?key|minio/i);
    expect(values.reportingEnabled).toBe(false);
  });

  it('enforces observability.tempo.retentionDays through the backend scheduler', () => {
    const { values } = render({ observability: { tempo: { retentionDays: 5 } } });
    expect(values.backendScheduler.config.provider.compaction.compaction.block_retention).toBe('120h');
  });

  it('queues spans in the given Kafka with one block-builder and one live-store per partition, never creating the topic (cluster-wide AlterConfigs)', () => {
    const { values } = render({ observability: { tempo: { partitions: 6 } } });
    expect(values.ingest.kafka).toEqual({ address: serviceAddress(kafka), topic: 'tempo-traces', auto_create_topic_enabled: false, auto_create_topic_default_partitions: 6 });
    expect([values.blockBuilder.replicas, values.liveStore.replicas]).toEqual([6, 6]);
  });

  it('small: one replica per stateless component, no cache; distributed: replicated with memcached', () => {
    const small = render({ observability: { tempo: { mode: 'small', partitions: 1 } } }).values;
    expect([small.distributor.replicas, small.querier.replicas, small.queryFrontend.replicas, small.backendWorker.replicas, small.blockBuilder.replicas]).toEqual([1, 1, 1, 1, 1]);
    expect(small.memcached.enabled).toBe(false);
    const big = render().values;
    expect([big.distributor.replicas, big.querier.replicas, big.queryFrontend.replicas, big.backendWorker.replicas]).toEqual([3, 3, 2, 2]);
    expect([big.memcached.enabled, big.memcachedExporter.enabled]).toEqual([true, true]);
  });

  it('exposes OTLP gRPC/HTTP on the distributor and the query API on the query-frontend', () => {
    const { tempo, values } = render();
    expect(values.traces.otlp).toEqual({ grpc: { enabled: true }, http: { enabled: true } });
    expect(serviceAddress(tempo.otlpGrpcEndpoint)).toBe('tempo-distributor.tempo.svc.cluster.local:4317');
    expect(serviceUrl(tempo.otlpHttpEndpoint)).toBe('http://tempo-distributor.tempo.svc.cluster.local:4318');
    expect(serviceUrl(tempo.queryEndpoint)).toBe('http://tempo-query-frontend.tempo.svc.cluster.local:3200');
  });

  it('pulls every Docker Hub image through the ECR pull-through cache', () => {
    const { values } = render();
    expect(values.global.image.registry).toBe('111122223333.dkr.ecr.eu-west-1.amazonaws.com');
    for (const image of [values.tempo.image, values.memcached.image, values.memcachedExporter.image]) {
      expect(image.registry).toBe('111122223333.dkr.ecr.eu-west-1.amazonaws.com');
      expect(image.repository).toMatch(/^test\/dockerhub\//);
    }
  });

  it('joins the ambient mesh: default deny, its components admitted by identity, only the OTLP and query ports for Alloy and Grafana outside the mesh', () => {
    const { tempo } = render();
    expect(tempo.namespace.labels).toEqual({ 'istio.io/dataplane-mode': 'ambient' });
    type Obj = { kind: string; metadata: { name: string; namespace: string }; spec: Record<string, unknown> };
    const objects = tempo.manifestFile('mesh-policies').toJson() as Obj[];
    const authz = Object.fromEntries(objects.filter((o) => o.kind === 'AuthorizationPolicy').map((o) => [o.metadata.name, o.spec]));
    expect(authz['default-deny']).toEqual({});
    expect(authz['allow-tempo-components']).toEqual({ action: 'ALLOW', rules: [{ from: [{ source: { principals: ['cluster.local/ns/tempo/sa/tempo'] } }] }] });
    expect(authz['allow-observability-clients']).toEqual({ action: 'ALLOW', rules: [{ to: [{ operation: { ports: ['4317', '4318', '3200'] } }] }] });
    expect(objects.find((o) => o.kind === 'PeerAuthentication')?.spec).toEqual({ mtls: { mode: 'PERMISSIVE' } });
    // HBONE to and from the traces Kafka's namespace: Tempo's connections there are ztunnel mTLS tunnels
    const hbone = objects.find((o) => o.metadata.name === 'mesh-allow-hbone');
    expect(JSON.stringify(hbone?.spec)).toContain('"kubernetes.io/metadata.name":"traces-kafka"');
  });

  it("generates span metrics and service graphs into Mimir, scaled back by Alloy's sample ratio (Grafana's trace-to-metrics links and service map)", () => {
    const { tempo, values } = render({ observability: { tempo: { mode: 'distributed' } } });
    expect(values.metricsGenerator).toMatchObject({ enabled: true, replicas: 2, config: { storage: { remote_write: [{ url: serviceUrl(mimir), send_exemplars: true }] } } });
    expect(values.overrides.defaults.metrics_generator).toEqual({
      processors: ['service-graphs', 'span-metrics'],
      processor: { service_graphs: { span_multiplier_key: 'X-SampleRatio' }, span_metrics: { span_multiplier_key: 'X-SampleRatio' } },
    });
    expect(tempo.namespace.egress?.find((r) => typeof r.peer === 'object' && 'namespace' in r.peer && r.peer.namespace === 'mimir')?.ports).toEqual([{ port: 8080 }]);
  });

  it("writes to Mimir's one tenant: no X-Scope-OrgID is sent, which Mimir serves only because it runs with multitenancy off", () => {
    const { values } = render();
    expect(values.metricsGenerator.config.storage.remote_write_add_org_id_header).toBe(false);
    expect(values.metricsGenerator.config.storage.remote_write.map((w) => Object.keys(w).sort())).toEqual([['send_exemplars', 'url']]);
    const env = fixtureEnvironment();
    const app = Testing.app();
    const base = new Addon(app, 'base', { env, declaration: testDeclaration('base'), namespace: { name: 'base' } });
    const mimirAddon = new MimirAddon(app, 'mimir-distributed', { env, dependsOn: [base], alertmanager: { namespace: 'monitoring', service: 'alertmanager', port: 9093 } });
    expect(mimirAddon.chart?.values.mimir.structuredConfig['multitenancy_enabled']).toBe(false);
    expect(mimirAddon.tenant).toBe(MIMIR_TENANT);
  });

  it('rejects a partition count of 0, naming the field', () => {
    expect(() => fixtureEnvironment({ observability: { tempo: { partitions: 0 } } })).toThrow(/observability\.tempo\.partitions/);
  });
});
