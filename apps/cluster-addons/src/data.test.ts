import { DATA_SERVICES_FIXTURE, fixtureEnvironment } from '@platform/config/testing';
import { App } from 'cdk8s';
import { buildClusterAddons } from './addons-app';
import { type Application, applicationNamed, chartSourceOf, renderTree } from './testing/rendered-cluster-addons';

const env = fixtureEnvironment(DATA_SERVICES_FIXTURE);
const tree = renderTree(env);
const wave = (a: Application | undefined): number => Number(a?.metadata.annotations?.['argocd.argoproj.io/sync-wave']);
const app = (name: string): Application | undefined => applicationNamed(name, tree.applications);

describe('data layer add-ons', () => {
  it('renders an Application per operator from its pinned chart, and the instances after their operator', () => {
    expect(['cloudnative-pg', 'plugin-barman-cloud', 'redis-operator', 'strimzi-kafka-operator'].map((n) => [n, chartSourceOf(app(n))?.chart, chartSourceOf(app(n))?.targetRevision])).toEqual([
      ['cloudnative-pg', 'cloudnative-pg', '0.29.0'],
      ['plugin-barman-cloud', 'plugin-barman-cloud', '0.7.0'],
      ['redis-operator', 'redis-operator', '0.26.1'],
      ['strimzi-kafka-operator', 'strimzi-kafka-operator', '1.2.0'],
    ]);
    expect(wave(app('plugin-barman-cloud'))).toBeGreaterThan(Math.max(wave(app('cloudnative-pg')), wave(app('cert-manager'))));
    expect(wave(app('postgres-clusters'))).toBeGreaterThan(wave(app('plugin-barman-cloud')));
    expect(wave(app('redis-caches'))).toBeGreaterThan(wave(app('redis-operator')));
    expect(wave(app('kafka-clusters'))).toBeGreaterThan(wave(app('strimzi-kafka-operator')));
  });

  it('exposes the consumption contract: typed connections, and a synth-time error naming a missing topic', () => {
    const { dataServices } = buildClusterAddons(new App({ outdir: '/tmp/cluster-addons-data-test' }), env);
    expect(dataServices.connect('team-a', { topics: [{ cluster: 'app-events', topic: 'orders', user: 'orders-app' }] }).topics[0].bootstrapServers).toBe('app-events-kafka-bootstrap.kafka.svc.cluster.local:9093');
    expect(() => dataServices.connect('team-a', { topics: [{ cluster: 'app-events', topic: 'invoices', user: 'orders-app' }] })).toThrow('test: KafkaCluster app-events: no topic "invoices" (declared: orders)');
  });
});
