import { DATA_SERVICES_FIXTURE, fixtureEnvironment } from '@platform/config/testing';
import { ClusterBaselineAddon } from '@platform/k8s-baseline';
import { Testing } from 'cdk8s';
import { parse } from 'yaml';
import { StrimziKafkaOperatorAddon } from '../strimzi-kafka-operator/strimzi-kafka-operator-addon';
import { KafkaCluster } from './kafka-cluster';
import { KafkaClustersAddon } from './kafka-clusters-addon';
import { KafkaTopic } from './kafka-topic';
import { KafkaUser } from './kafka-user';

type Obj = { kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec: Record<string, unknown>; data?: Record<string, string> };
const prod = DATA_SERVICES_FIXTURE.data.kafka[0];
const dev = { ...prod, nodePools: 'combined' as const, brokers: 1, controllers: 1, cruiseControl: false, topics: [{ ...prod.topics[0], replicationFactor: 1, minInsyncReplicas: 1 }] };

function compose(kafka: typeof DATA_SERVICES_FIXTURE.data.kafka = DATA_SERVICES_FIXTURE.data.kafka, highAvailability = true) {
  const env = fixtureEnvironment({ ...DATA_SERVICES_FIXTURE, data: { ...DATA_SERVICES_FIXTURE.data, highAvailability, kafka } });
  const app = Testing.app();
  const baseline = new ClusterBaselineAddon(app, 'baseline', { env });
  const operator = new StrimziKafkaOperatorAddon(app, 'strimzi-kafka-operator', { env, dependsOn: [baseline] });
  const kafkaClusters = new KafkaClustersAddon(app, 'kafka-clusters', { env, operator });
  baseline.secureNamespaces([baseline, operator, kafkaClusters]);
  const objects = kafkaClusters.manifestCharts.flatMap((c) => c.toJson() as Obj[]);
  const policies = baseline.manifestFile('network-policies').toJson() as Obj[];
  return { kafkaClusters, operator, objects, policies, of: (kind: string) => objects.filter((o) => o.kind === kind) };
}

describe('KafkaClustersAddon', () => {
  it('runs KRaft with 3 brokers + 3 controllers on encrypted gp3, spread across zones (prod sizing)', () => {
    const { of } = compose();
    const pools = of('KafkaNodePool');
    expect(pools.map((p) => [p.metadata.name, p.spec['roles'], p.spec['replicas']])).toEqual([
      ['app-events-controllers', ['controller'], 3],
      ['app-events-brokers', ['broker'], 3],
    ]);
    expect(pools[1].metadata.labels).toEqual({ 'strimzi.io/cluster': 'app-events' });
    expect(pools[1].spec['storage']).toEqual({ type: 'jbod', volumes: [{ id: 0, type: 'persistent-claim', size: '50Gi', class: 'gp3-encrypted', deleteClaim: false, kraftMetadata: 'shared' }] });
    expect(JSON.stringify(pools[1].spec['template'])).toContain('"topologyKey":"topology.kubernetes.io/zone"');
  });

  it('has one TLS listener with mTLS auth, simple authorization, rack awareness, Cruise Control and JMX metrics from the ConfigMap', () => {
    const { of } = compose();
    const [kafka] = of('Kafka');
    const spec = kafka.spec['kafka'] as Record<string, unknown>;
    expect(spec['listeners']).toEqual([{ name: 'tls', port: 9093, type: 'internal', tls: true, authentication: { type: 'tls' } }]);
    expect(spec['authorization']).toEqual({ type: 'simple' });
    expect(spec['rack']).toEqual({ type: 'topology-label', topologyKey: 'topology.kubernetes.io/zone' });
    expect(spec['config']).toMatchObject({ 'auto.create.topics.enable': false, 'offsets.topic.replication.factor': 3, 'min.insync.replicas': 2 });
    expect(spec['version']).toBe('4.3.1');
    expect(kafka.spec['cruiseControl']).toBeDefined();
    expect(spec['metricsConfig']).toEqual({ type: 'jmxPrometheusExporter', valueFrom: { configMapKeyRef: { name: 'app-events-kafka-metrics', key: 'kafka-metrics-config.yml' } } });
    const [cm] = of('ConfigMap');
    expect(parse(cm.data?.['kafka-metrics-config.yml'] ?? '')).toMatchObject({ lowercaseOutputName: true });
    expect(of('PodMonitor').map((p) => p.metadata.name)).toEqual(['app-events-kafka', 'app-events-kafka-exporter', 'app-events-entity-operator']);
  });

  it("runs Strimzi's Kafka Exporter for consumer-group lag, scraped once by its own PodMonitor and admitted from Alloy", () => {
    const { of, policies } = compose();
    const [kafka] = of('Kafka');
    expect(kafka.spec['kafkaExporter']).toMatchObject({ groupRegex: '.*', topicRegex: '.*', template: { pod: { priorityClassName: 'platform-high' } } });
    const monitors = Object.fromEntries(of('PodMonitor').map((p) => [p.metadata.name, p.spec['selector']]));
    expect(monitors['app-events-kafka-exporter']).toEqual({ matchLabels: { 'strimzi.io/cluster': 'app-events', 'strimzi.io/name': 'app-events-kafka-exporter' } });
    // the node monitor selects node-pool pods only: the exporter shares `strimzi.io/kind: Kafka` and the port name
    expect(monitors['app-events-kafka']).toMatchObject({ matchExpressions: [{ key: 'strimzi.io/pool-name', operator: 'Exists' }] });
    const exporterPolicy = policies.find((p) => p.metadata.namespace === 'kafka' && p.metadata.name === 'allow-ingress-app-events-kafka-exporter');
    expect(JSON.stringify(exporterPolicy?.spec)).toContain('"kubernetes.io/metadata.name":"alloy"');
    expect(JSON.stringify(exporterPolicy?.spec)).toContain('"port":9404');
  });

  it('alerts on under-replicated (warning) and offline (critical) partitions of exactly this cluster', () => {
    const { of } = compose();
    const [rule] = of('PrometheusRule');
    const rules = (rule.spec['groups'] as { rules: { alert: string; expr: string; labels: { severity: string } }[] }[])[0].rules;
    expect(rules.map((r) => [r.alert, r.labels.severity])).toEqual([
      ['KafkaUnderReplicatedPartitions', 'warning'],
      ['KafkaOfflinePartitions', 'critical'],
    ]);
    expect(rules[1].expr).toBe('max by (namespace) (kafka_controller_kafkacontroller_offlinepartitionscount{namespace="kafka",pod=~"app-events-.+"}) > 0');
  });

  it('runs one combined node without Cruise Control in dev', () => {
    const { of } = compose([dev], false);
    expect(of('KafkaNodePool').map((p) => [p.metadata.name, p.spec['roles'], p.spec['replicas']])).toEqual([['app-events-combined', ['controller', 'broker'], 1]]);
    const [kafka] = of('Kafka');
    expect(kafka.spec['cruiseControl']).toBeUndefined();
    expect((kafka.spec['kafka'] as { config: Record<string, unknown> }).config).toMatchObject({ 'offsets.topic.replication.factor': 1, 'transaction.state.log.min.isr': 1, 'min.insync.replicas': 1 });
  });

  it('renders topics with their replication, min.insync.replicas and retention, and users with ACLs on exactly their topics', () => {
    const { of } = compose();
    const [topic] = of('KafkaTopic');
    expect(topic.metadata).toEqual({ name: 'orders', namespace: 'kafka', labels: { 'strimzi.io/cluster': 'app-events' } });
    expect(topic.spec).toEqual({ topicName: 'orders', partitions: 6, replicas: 3, config: { 'min.insync.replicas': 2, 'retention.ms': 604_800_000 } });
    const [user] = of('KafkaUser');
    expect(user.spec).toEqual({
      authentication: { type: 'tls' },
      authorization: {
        type: 'simple',
        acls: [
          { type: 'allow', resource: { type: 'topic', name: 'orders', patternType: 'literal' }, operations: ['Read', 'Write', 'Describe'] },
          { type: 'allow', resource: { type: 'group', name: 'orders-app', patternType: 'prefix' }, operations: ['Read'] },
        ],
      },
    });
  });

  it('returns bootstrap servers, the user Secret and the cluster CA; names a missing cluster, topic or user', () => {
    const { kafkaClusters } = compose();
    expect(kafkaClusters.connection('app-events', 'orders', 'orders-app')).toEqual({
      kind: 'kafka',
      cluster: 'app-events',
      bootstrapServers: 'app-events-kafka-bootstrap.kafka.svc.cluster.local:9093',
      topic: 'orders',
      user: { name: 'orders-app', secret: 'orders-app', namespace: 'kafka' },
      caSecret: { namespace: 'kafka', name: 'app-events-cluster-ca-cert', key: 'ca.crt' },
      consumerGroupPrefix: 'orders-app',
    });
    expect(() => kafkaClusters.connection('events', 'orders', 'orders-app')).toThrow('test: no Kafka cluster "events" in data.kafka (declared: app-events)');
    expect(() => kafkaClusters.connection('app-events', 'payments', 'orders-app')).toThrow('test: KafkaCluster app-events: no topic "payments" (declared: orders)');
    expect(() => kafkaClusters.connection('app-events', 'orders', 'billing')).toThrow('test: KafkaCluster app-events: no user "billing" (declared: orders-app)');
  });

  it('admits the users namespaces to the TLS listener only, the operator to the node ports, and the metrics scrape', () => {
    const { policies } = compose();
    const ingress = (name: string) =>
      (policies.find((p) => p.metadata.namespace === 'kafka' && p.metadata.name === name)?.spec['ingress'] as { from: { namespaceSelector: { matchLabels: Record<string, string> } }[]; ports: { port: number }[] }[]).map(
        (r) => `${r.from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name']}:${r.ports.map((p) => p.port).join(',')}`,
      );
    expect(ingress('allow-ingress-app-events-brokers')).toEqual(['team-a:9093']);
    expect(ingress('allow-ingress-app-events-nodes').sort()).toEqual(['alloy:9404', 'strimzi:9090,9091,8443']);
  });

  it('runs the operator watching only the kafka namespace, without its permissive NetworkPolicies', () => {
    const { operator } = compose();
    expect(operator.chart?.values).toMatchObject({ watchNamespaces: ['kafka'], defaultImageRegistry: 'quay.io', defaultImageTag: '1.2.0', generateNetworkPolicy: false });
  });
});

describe('KafkaCluster with clientAuthentication "mesh" (dedicated cluster of a client without TLS, ADR 0034)', () => {
  const props = {
    name: 'traces',
    namespace: 'traces-kafka',
    nodePools: 'combined' as const,
    brokers: 1,
    controllers: 1,
    storageGiB: 10,
    controllerStorageGiB: 10,
    brokerResources: { cpu: 0.5, memoryMiB: 1024 },
    controllerResources: { cpu: 0.5, memoryMiB: 1024 },
    storageClass: 'gp3-encrypted',
    cruiseControl: false,
    priorityClassName: 'platform-high',
    topics: [{ name: 'tempo-traces', partitions: 1, replicationFactor: 1, minInsyncReplicas: 1, retentionHours: 6 }],
    users: [],
    clientAuthentication: 'mesh' as const,
    runbookBaseUrl: 'https://git.example/platform/-/blob/main/docs/runbooks',
  };

  it('has one plaintext listener without Kafka authentication or authorization, no user operator, and the Kafka Exporter on', () => {
    const chart = Testing.chart();
    const cluster = new KafkaCluster(chart, 'c', props);
    const [kafka] = (Testing.synth(chart) as Obj[]).filter((o) => o.kind === 'Kafka');
    const spec = kafka.spec['kafka'] as Record<string, unknown>;
    expect(spec['listeners']).toEqual([{ name: 'plain', port: 9092, type: 'internal', tls: false }]);
    expect(spec['authorization']).toBeUndefined();
    expect((kafka.spec['entityOperator'] as Record<string, unknown>)['userOperator']).toBeUndefined();
    expect(kafka.spec['kafkaExporter']).toBeDefined();
    expect(cluster.plaintextBootstrap).toEqual({ namespace: 'traces-kafka', service: 'traces-kafka-bootstrap', port: 9092, scheme: 'tcp' });
  });

  it('refuses users (nothing would authenticate them) and a plaintext bootstrap of a mutual-TLS cluster', () => {
    const users = [{ name: 'u', consumer: 'team-a', topics: [{ topic: 'tempo-traces', access: 'produce' as const }] }];
    expect(() => new KafkaCluster(Testing.chart(), 'c', { ...props, users })).toThrow('KafkaCluster traces: users (u) need Kafka authentication; a "mesh" cluster admits its clients by mesh identity and has no users');
    const tls = new KafkaCluster(Testing.chart(), 'c', { ...props, clientAuthentication: 'mutual-tls' });
    expect(() => tls.plaintextBootstrap).toThrow('KafkaCluster traces: has no plaintext listener (clientAuthentication "mutual-tls"); use connection(topic, user)');
  });
});

describe('KafkaTopic and KafkaUser', () => {
  it('exposes the consumer group prefix of its group ACL when the user consumes, none for a producer only', () => {
    const user = (name: string, access: 'consume' | 'produce' | 'produce-consume') => {
      const chart = Testing.chart();
      const u = new KafkaUser(chart, 'u', { cluster: 'c', namespace: 'kafka', name, consumer: 'team-a', topics: [{ topic: 'orders', access }], clusterTopics: ['orders'] });
      const acls = (Testing.synth(chart)[0] as { spec: { authorization: { acls: { resource: { type: string; name: string; patternType: string } }[] } } }).spec.authorization.acls;
      return { prefix: u.consumerGroupPrefix, groupAcls: acls.filter((a) => a.resource.type === 'group').map((a) => a.resource) };
    };
    for (const access of ['consume', 'produce-consume'] as const) expect(user('reader', access)).toEqual({ prefix: 'reader', groupAcls: [{ type: 'group', name: 'reader', patternType: 'prefix' }] });
    expect(user('writer', 'produce')).toEqual({ prefix: undefined, groupAcls: [] });
  });

  it('reject a replication factor above the brokers and a grant on an undeclared topic', () => {
    const t = { cluster: 'c', namespace: 'kafka', name: 'orders', partitions: 1, replicationFactor: 4, minInsyncReplicas: 2, retentionHours: 1, brokers: 3 };
    expect(() => new KafkaTopic(Testing.chart(), 't', t)).toThrow('KafkaTopic c/orders: replicationFactor 4 exceeds the 3 brokers');
    expect(() => new KafkaUser(Testing.chart(), 'u', { cluster: 'c', namespace: 'kafka', name: 'u', consumer: 'team-a', topics: [{ topic: 'payments', access: 'consume' }], clusterTopics: ['orders'] })).toThrow(
      'KafkaUser c/u: topic "payments" is not declared by cluster c (topics: orders)',
    );
  });
});
