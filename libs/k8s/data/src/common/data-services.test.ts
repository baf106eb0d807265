import { DATA_SERVICES_FIXTURE, fixtureEnvironment } from '@platform/config/testing';
import { ClusterBaselineAddon } from '@platform/k8s-baseline';
import { CertManagerAddon } from '@platform/k8s-security';
import { Testing } from 'cdk8s';
import { CloudnativePgAddon } from '../cloudnative-pg/cloudnative-pg-addon';
import { KafkaClustersAddon } from '../kafka-clusters/kafka-clusters-addon';
import { PluginBarmanCloudAddon } from '../plugin-barman-cloud/plugin-barman-cloud-addon';
import { PostgresClustersAddon } from '../postgres-clusters/postgres-clusters-addon';
import { RedisCachesAddon } from '../redis-caches/redis-caches-addon';
import { RedisOperatorAddon } from '../redis-operator/redis-operator-addon';
import { StrimziKafkaOperatorAddon } from '../strimzi-kafka-operator/strimzi-kafka-operator-addon';
import { DataServices } from './data-services';

function compose(withRedis = true) {
  const env = fixtureEnvironment(DATA_SERVICES_FIXTURE);
  const app = Testing.app();
  const baseline = new ClusterBaselineAddon(app, 'baseline', { env });
  const cnpg = new CloudnativePgAddon(app, 'cloudnative-pg', { env, dependsOn: [baseline] });
  const certManager = new CertManagerAddon(app, 'cert-manager', { env, dependsOn: [baseline] });
  const barmanCloud = new PluginBarmanCloudAddon(app, 'plugin-barman-cloud', { env, operator: cnpg, certManager });
  const postgres = new PostgresClustersAddon(app, 'postgres-clusters', { env, operator: cnpg, barmanCloud });
  const redis = withRedis ? new RedisCachesAddon(app, 'redis-caches', { env, operator: new RedisOperatorAddon(app, 'redis-operator', { env, dependsOn: [baseline] }) }) : undefined;
  const kafka = new KafkaClustersAddon(app, 'kafka-clusters', { env, operator: new StrimziKafkaOperatorAddon(app, 'strimzi-kafka-operator', { env, dependsOn: [baseline] }) });
  return new DataServices({ envName: env.name, postgres, redis, kafka });
}

describe('DataServices', () => {
  it('resolves the database, cache and topics a service claims into typed connections', () => {
    const out = compose().connect('team-a', { database: { cluster: 'app-pg', database: 'app' }, cache: 'app-cache', topics: [{ cluster: 'app-events', topic: 'orders', user: 'orders-app' }] });
    expect(out.database?.host).toBe('app-pg-pooler-rw.databases.svc.cluster.local');
    expect(out.cache?.password).toEqual({ namespace: 'caches', name: 'app-cache-auth', key: 'password' });
    expect(out.topics.map((t) => [t.bootstrapServers, t.caSecret.name, t.user.secret])).toEqual([['app-events-kafka-bootstrap.kafka.svc.cluster.local:9093', 'app-events-cluster-ca-cert', 'orders-app']]);
  });

  it('names a missing database, cache, topic or user, a namespace that is not a consumer, and a disabled add-on', () => {
    const ds = compose();
    expect(() => ds.connect('team-a', { database: { cluster: 'app-pg', database: 'billing' } })).toThrow('test: PostgresCluster app-pg: no database "billing" (declared: app)');
    expect(() => ds.connect('team-a', { cache: 'sessions' })).toThrow('test: no Redis cache "sessions" in data.redis (declared: app-cache)');
    expect(() => ds.connect('team-a', { topics: [{ cluster: 'app-events', topic: 'payments', user: 'orders-app' }] })).toThrow('test: KafkaCluster app-events: no topic "payments" (declared: orders)');
    expect(() => ds.connect('team-b', { database: { cluster: 'app-pg', database: 'app' } })).toThrow(
      'test: consumer team-b: is not a consumer of database app-pg/app (consumers: team-a); add it to data.postgres[].databases[].consumers',
    );
    expect(() => ds.connect('team-b', { topics: [{ cluster: 'app-events', topic: 'orders', user: 'orders-app' }] })).toThrow(
      "test: consumer team-b: uses KafkaUser app-events/orders-app, which belongs to namespace team-a; declare a user with consumer: 'team-b'",
    );
    expect(() => compose(false).connect('team-a', { cache: 'app-cache' })).toThrow('test: consumer team-a: claims cache app-cache but addons.enabled.redis-caches is not true');
  });
});
