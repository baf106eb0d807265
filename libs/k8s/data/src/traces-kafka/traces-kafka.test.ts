import { fixtureEnvironment, TRACES_ADDONS_ENABLED } from '@platform/config/testing';
import { ClusterBaselineAddon } from '@platform/k8s-baseline';
import { serviceAddress } from '@platform/k8s-core';
import { Testing } from 'cdk8s';
import { StrimziKafkaOperatorAddon } from '../strimzi-kafka-operator/strimzi-kafka-operator-addon';
import { TracesKafkaAddon } from './traces-kafka-addon';

type Obj = { kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec: Record<string, unknown> };
type Patch = Parameters<typeof fixtureEnvironment>[0];
const TEMPO = { namespace: 'tempo', serviceAccount: 'tempo', description: 'Tempo' };

function compose(patch: Patch = {}) {
  const env = fixtureEnvironment({ ...patch, addons: { enabled: TRACES_ADDONS_ENABLED } } as Patch);
  const app = Testing.app();
  const baseline = new ClusterBaselineAddon(app, 'baseline', { env });
  const operator = new StrimziKafkaOperatorAddon(app, 'strimzi-kafka-operator', { env, dependsOn: [baseline] });
  const traces = new TracesKafkaAddon(app, 'traces-kafka', { env, operator, clients: [TEMPO] });
  baseline.secureNamespaces([baseline, operator, traces]);
  const objects = traces.manifestCharts.flatMap((c) => c.toJson() as Obj[]);
  const policies = baseline.manifestFile('network-policies').toJson() as Obj[];
  return { traces, objects, policies, of: (kind: string) => objects.filter((o) => o.kind === kind) };
}

describe('TracesKafkaAddon (Tempo-only Kafka guarded by the ambient mesh, ADR 0034)', () => {
  it('has a plaintext listener without Kafka authentication or authorization (Tempo has no TLS client), and the Kafka Exporter', () => {
    const { of } = compose();
    const [kafka] = of('Kafka');
    const spec = kafka.spec['kafka'] as Record<string, unknown>;
    expect(spec['listeners']).toEqual([{ name: 'plain', port: 9092, type: 'internal', tls: false }]);
    expect(spec['authorization']).toBeUndefined();
    expect(kafka.spec['kafkaExporter']).toBeDefined();
    expect(of('KafkaUser')).toEqual([]);
  });

  it('sizes the nodes from observability.tempo.kafka (3 combined nodes across zones on encrypted gp3) and the topic from observability.tempo', () => {
    const { of } = compose({ observability: { tempo: { partitions: 6 } } });
    const [pool] = of('KafkaNodePool');
    expect([pool.metadata.name, pool.spec['roles'], pool.spec['replicas']]).toEqual(['traces-combined', ['controller', 'broker'], 3]);
    expect(JSON.stringify(pool.spec['storage'])).toContain('"class":"gp3-encrypted"');
    expect(JSON.stringify(pool.spec['template'])).toContain('"topologyKey":"topology.kubernetes.io/zone"');
    const [topic] = of('KafkaTopic');
    expect(topic.spec).toEqual({ topicName: 'tempo-traces', partitions: 6, replicas: 3, config: { 'min.insync.replicas': 2, 'retention.ms': 6 * 3_600_000 } });
  });

  it("gives Tempo its ingest seam: the cluster's plaintext bootstrap Service and the topic", () => {
    const { traces } = compose();
    expect(traces.ingest).toEqual({ bootstrap: { namespace: 'traces-kafka', service: 'traces-kafka-bootstrap', port: 9092, scheme: 'tcp' }, topic: 'tempo-traces' });
    expect(serviceAddress(traces.ingest.bootstrap)).toBe('traces-kafka-bootstrap.traces-kafka.svc.cluster.local:9092');
  });

  it("is in the ambient mesh with default deny, and admits exactly Tempo's ServiceAccount on the listener port", () => {
    const { traces, of } = compose();
    expect(traces.namespace.labels).toEqual({ 'istio.io/dataplane-mode': 'ambient' });
    const authz = Object.fromEntries(of('AuthorizationPolicy').map((o) => [o.metadata.name, o.spec]));
    expect(authz['default-deny']).toEqual({});
    const listener = Object.values(authz).filter((spec) => JSON.stringify(spec).includes('"9092"'));
    expect(listener).toEqual([
      {
        selector: { matchLabels: { 'strimzi.io/cluster': 'traces', 'strimzi.io/broker-role': 'true' } },
        action: 'ALLOW',
        rules: [{ from: [{ source: { principals: ['cluster.local/ns/tempo/sa/tempo'] } }], to: [{ operation: { ports: ['9092'] } }] }],
      },
    ]);
    // the Strimzi ports are open at L4 only to what NetworkPolicy admits (the operator is outside the mesh) and carry Strimzi's own mTLS
    expect(authz['allow-strimzi-internal']).toMatchObject({ rules: [{ to: [{ operation: { ports: ['9090', '9091', '8443'] } }] }] });
    expect(of('PeerAuthentication').map((o) => o.spec)).toEqual([{ mtls: { mode: 'PERMISSIVE' } }]);
  });

  it('admits Tempo, the operator and the Alloy scrape in its NetworkPolicies, nothing else on the listener', () => {
    const { objects, policies } = compose();
    const all = [...objects, ...policies].filter((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === 'traces-kafka');
    type Rule = { from?: { namespaceSelector?: { matchLabels: Record<string, string> } }[]; ports?: { port: number }[] };
    const admitted = all.flatMap((p) => ((p.spec['ingress'] ?? []) as Rule[]).filter((r) => r.ports?.some((x) => x.port === 9092)).flatMap((r) => (r.from ?? []).map((f) => f.namespaceSelector?.matchLabels['kubernetes.io/metadata.name'])));
    expect(admitted).toEqual(['tempo']);
    const operator = policies.find((p) => p.metadata.namespace === 'traces-kafka' && p.metadata.name === 'allow-ingress-traces-nodes');
    expect(JSON.stringify(operator?.spec)).toContain('"kubernetes.io/metadata.name":"strimzi"');
  });

  it('refuses the sidecar data plane (no ztunnel to authenticate Tempo), naming the field', () => {
    const env = fixtureEnvironment({ addons: { enabled: TRACES_ADDONS_ENABLED }, mesh: { dataplaneMode: 'sidecar' } } as Patch);
    const app = Testing.app();
    const operator = new StrimziKafkaOperatorAddon(app, 'strimzi-kafka-operator', { env, dependsOn: [] });
    expect(() => new TracesKafkaAddon(app, 'traces-kafka', { env, operator, clients: [TEMPO] })).toThrow('test: traces-kafka needs the ambient mesh (ztunnel authenticates its clients) but mesh.dataplaneMode is "sidecar"; set it to "ambient"');
  });
});
