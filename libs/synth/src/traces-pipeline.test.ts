import * as path from 'node:path';
import { type EnvironmentConfig, podIdentityContract } from '@platform/config';
import { buildClusterAddons } from '@platform/cluster-addons';
import { App } from 'cdk8s';
import { loadAllEnvironments } from './environment-loader';

/**
 * ADR 0034 in every sample environment: Tempo runs, queued in the dedicated traces Kafka whose bootstrap it is given,
 * which admits exactly Tempo's mesh identity on a listener without Kafka authentication, while the data layer's
 * clusters keep mutual TLS; every Kafka runs the Kafka Exporter and consumer lag alerts.
 */
type Obj = { kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec: Record<string, unknown> };
type Composed = ReturnType<typeof buildClusterAddons>['addons'][number];
/** The Tempo values this test reads (the engine sees the add-ons through the composition only). */
interface TempoValuesRead {
  readonly ingest: { readonly kafka: { readonly address: string; readonly topic: string; readonly auto_create_topic_enabled: boolean } };
  readonly blockBuilder: { readonly replicas: number };
  readonly liveStore: { readonly replicas: number };
}
const objectsOf = (addon: Composed | undefined): Obj[] => (addon ? addon.manifestCharts.flatMap((c) => c.toJson() as Obj[]) : []);

function compose(env: EnvironmentConfig) {
  const { addons } = buildClusterAddons(new App(), env);
  const named = (name: string): Composed | undefined => addons.find((a) => a.addonName === name);
  const tempo = named('tempo-distributed');
  return { named, tempo, tempoValues: tempo?.chart?.values as TempoValuesRead | undefined, tracesKafka: named('traces-kafka') };
}

describe('traces pipeline per environment (ADR 0034)', () => {
  const environments = loadAllEnvironments(path.resolve(__dirname, '../../../environments'));

  it.each(environments.map((e) => [e.name, e]))('%s: Tempo queues spans in the traces Kafka, reached through its bootstrap endpoint', (_name, env) => {
    const { tempo, tempoValues, tracesKafka } = compose(env);
    expect(tempo?.chart).toBeDefined();
    expect(tracesKafka).toBeDefined();
    const ingest = tempoValues?.ingest.kafka;
    // the bootstrap Service of the traces Kafka's plaintext listener (the Kafka CR `traces` in `traces-kafka`)
    const cluster = objectsOf(tracesKafka).find((o) => o.kind === 'Kafka');
    expect(ingest?.address).toBe(`${cluster?.metadata.name}-kafka-bootstrap.${cluster?.metadata.namespace}.svc.cluster.local:9092`);
    expect(ingest?.address).toBe('traces-kafka-bootstrap.traces-kafka.svc.cluster.local:9092');
    expect(ingest?.auto_create_topic_enabled).toBe(false);
    // one partition per block-builder and per live-store, and the topic has exactly that many
    const topic = objectsOf(tracesKafka).find((o) => o.kind === 'KafkaTopic' && o.metadata.name === ingest?.topic);
    expect([topic?.spec['partitions'], tempoValues?.blockBuilder.replicas, tempoValues?.liveStore.replicas]).toEqual(Array(3).fill(env.observability.tempo.partitions));
  });

  it.each(environments.map((e) => [e.name, e]))("%s: the listener admits exactly Tempo's ServiceAccount; only the traces Kafka goes without Kafka authentication", (_name, env) => {
    const { named, tracesKafka } = compose(env);
    const traces = objectsOf(tracesKafka);
    const principals = traces
      .filter((o) => o.kind === 'AuthorizationPolicy' && JSON.stringify(o.spec).includes('"9092"'))
      .flatMap((o) => (o.spec['rules'] as { from?: { source: { principals?: string[] } }[] }[]).flatMap((r) => (r.from ?? []).flatMap((f) => f.source.principals ?? [])));
    expect(principals).toEqual(['cluster.local/ns/tempo/sa/tempo']);
    const listeners = (o: Obj) => (o.spec['kafka'] as { listeners: { tls: boolean; authentication?: { type: string } }[] }).listeners;
    const [tracesCr] = traces.filter((o) => o.kind === 'Kafka');
    expect(listeners(tracesCr)).toEqual([{ name: 'plain', port: 9092, type: 'internal', tls: false }]);
    const dataKafkas = objectsOf(named('kafka-clusters')).filter((o) => o.kind === 'Kafka');
    expect(dataKafkas.length).toBeGreaterThan(0);
    for (const k of dataKafkas) {
      expect(listeners(k)).toEqual([{ name: 'tls', port: 9093, type: 'internal', tls: true, authentication: { type: 'tls' } }]);
      expect((k.spec['kafka'] as { authorization?: unknown }).authorization).toEqual({ type: 'simple' });
    }
    for (const k of [tracesCr, ...dataKafkas]) expect(k.spec['kafkaExporter']).toBeDefined();
  });

  it.each(environments.map((e) => [e.name, e]))('%s: tempo and traces-kafka are in the ambient mesh; consumer lag alerts; Alloy exports traces to Tempo', (_name, env) => {
    const { named } = compose(env);
    const namespaces = named('baseline')?.manifestFile('namespaces').toJson() as Obj[];
    for (const ns of ['tempo', 'traces-kafka']) expect(namespaces.find((o) => o.metadata.name === ns)?.metadata.labels?.['istio.io/dataplane-mode']).toBe('ambient');
    const rules = named('kube-prometheus-stack')?.manifestFile('platform-rules').toJson() as Obj[];
    const alerts = rules.flatMap((r) => (r.spec['groups'] as { rules: { alert?: string }[] }[]).flatMap((g) => g.rules.map((x) => x.alert)));
    expect(alerts).toContain('KafkaConsumerGroupLagHigh');
    expect(JSON.stringify(named('alloy')?.chart?.values)).toContain('tempo-distributor.tempo.svc.cluster.local:4317');
  });

  it.each(environments.map((e) => [e.name, e]))("%s: Grafana queries Tempo with trace-to-logs and trace-to-metrics links; Tempo's Pod Identity entry exists (role and association)", (_name, env) => {
    const { named } = compose(env);
    const values = named('grafana')?.chart?.values as { datasources: { 'datasources.yaml': { datasources: { uid: string; url: string; jsonData: Record<string, unknown> }[] } } };
    const tempo = values.datasources['datasources.yaml'].datasources.find((d) => d.uid === 'tempo');
    expect(tempo?.url).toBe('http://tempo-query-frontend.tempo.svc.cluster.local:3200');
    expect(Object.keys(tempo?.jsonData ?? {})).toEqual(expect.arrayContaining(['tracesToLogsV2', 'tracesToMetrics']));
    expect(podIdentityContract(env).find((e) => e.id === 'tempo')).toMatchObject({ namespace: 'tempo', serviceAccount: 'tempo' });
  });

  it('sizes the traces Kafka per environment: one node in dev, three across zones with replication 3 and min.insync 2 in prod', () => {
    const byName = new Map(environments.map((e) => [e.name, e]));
    const sizing = (name: string) => {
      const env = byName.get(name);
      if (!env) throw new Error(`no environment ${name}`);
      const objects = objectsOf(compose(env).tracesKafka);
      const pool = objects.find((o) => o.kind === 'KafkaNodePool');
      const topic = objects.find((o) => o.kind === 'KafkaTopic');
      return { nodes: pool?.spec['replicas'], replicas: topic?.spec['replicas'], minIsr: (topic?.spec['config'] as Record<string, unknown>)['min.insync.replicas'] };
    };
    expect(sizing('dev')).toEqual({ nodes: 1, replicas: 1, minIsr: 1 });
    expect(sizing('prod')).toEqual({ nodes: 3, replicas: 3, minIsr: 2 });
  });
});
