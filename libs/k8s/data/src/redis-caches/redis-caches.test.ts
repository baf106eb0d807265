import { DATA_SERVICES_FIXTURE, fixtureEnvironment } from '@platform/config/testing';
import { ClusterBaselineAddon } from '@platform/k8s-baseline';
import { Testing } from 'cdk8s';
import { RedisOperatorAddon } from '../redis-operator/redis-operator-addon';
import { RedisCache } from './redis-cache';
import { RedisCachesAddon } from './redis-caches-addon';

type Obj = { kind: string; metadata: { name: string; namespace?: string }; spec: Record<string, unknown> };

function compose(redis: typeof DATA_SERVICES_FIXTURE.data.redis = DATA_SERVICES_FIXTURE.data.redis, highAvailability = true) {
  const env = fixtureEnvironment({ ...DATA_SERVICES_FIXTURE, data: { ...DATA_SERVICES_FIXTURE.data, highAvailability, redis } });
  const app = Testing.app();
  const baseline = new ClusterBaselineAddon(app, 'baseline', { env });
  const operator = new RedisOperatorAddon(app, 'redis-operator', { env, dependsOn: [baseline] });
  const caches = new RedisCachesAddon(app, 'redis-caches', { env, operator });
  baseline.secureNamespaces([baseline, operator, caches]);
  const objects = caches.manifestCharts.flatMap((c) => c.toJson() as Obj[]);
  const policies = baseline.manifestFile('network-policies').toJson() as Obj[];
  return { caches, operator, objects, policies, of: (kind: string) => objects.filter((o) => o.kind === kind) };
}

const replication = DATA_SERVICES_FIXTURE.data.redis[0];
const standalone = { ...replication, mode: 'standalone' as const, replicas: 1, sentinels: 0, persistence: false as const };

describe('RedisCachesAddon', () => {
  it('runs replication + sentinel across zones with AUTH from the cache Secret, persistence and a PDB', () => {
    const { of } = compose();
    expect(of('Redis')).toEqual([]);
    const [rr] = of('RedisReplication');
    expect(rr.metadata).toEqual({ name: 'app-cache', namespace: 'caches' });
    expect(rr.spec).toMatchObject({
      clusterSize: 3,
      kubernetesConfig: { image: 'quay.io/opstree/redis:v7.0.15', redisSecret: { name: 'app-cache-auth', key: 'password' }, resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '512Mi' } } },
      storage: { volumeClaimTemplate: { spec: { storageClassName: 'gp3-encrypted', resources: { requests: { storage: '5Gi' } } } } },
      redisExporter: { enabled: true, image: 'quay.io/opstree/redis-exporter:v1.44.0', port: 9121 },
      topologySpreadConstraints: [{ topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'app-cache', redis_setup_type: 'replication', role: 'replication' } } }],
      pdb: { enabled: true, maxUnavailable: 1 },
      podSecurityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
    });
    const [sentinel] = of('RedisSentinel');
    expect(sentinel.spec).toMatchObject({
      clusterSize: 3,
      redisSentinelConfig: { redisReplicationName: 'app-cache', quorum: '2', redisReplicationPassword: { secretKeyRef: { name: 'app-cache-auth', key: 'password' } } },
      kubernetesConfig: { image: 'quay.io/opstree/redis-sentinel:v7.0.15', redisSecret: { name: 'app-cache-auth', key: 'password' } },
    });
    // never a literal password anywhere
    expect(JSON.stringify(of('RedisReplication'))).not.toMatch(/"password":"[^"]/);
  });

  it('runs a standalone Redis without a volume when persistence is off, and scrapes the exporter', () => {
    const { of } = compose([standalone], false);
    expect(of('RedisReplication')).toEqual([]);
    expect(of('RedisSentinel')).toEqual([]);
    const [redis] = of('Redis');
    expect(redis.spec['storage']).toBeUndefined();
    expect(redis.spec).toMatchObject({ kubernetesConfig: { redisSecret: { name: 'app-cache-auth', key: 'password' } }, redisExporter: { enabled: true } });
    const [sm] = of('ServiceMonitor');
    expect(sm.spec).toEqual({
      selector: { matchLabels: { app: 'app-cache', redis_setup_type: 'standalone', role: 'standalone', 'app.kubernetes.io/component': 'metrics' } },
      endpoints: [{ port: 'redis-exporter', interval: '30s' }],
    });
  });

  it('returns the primary and sentinel of a replication, and names a missing cache', () => {
    const { caches } = compose();
    expect(caches.connection('app-cache')).toEqual({
      kind: 'redis',
      cache: 'app-cache',
      host: 'app-cache-master.caches.svc.cluster.local',
      port: 6379,
      sentinel: { host: 'app-cache-sentinel.caches.svc.cluster.local', port: 26379, masterName: 'myMaster' },
      password: { namespace: 'caches', name: 'app-cache-auth', key: 'password' },
      consumers: ['team-a'],
    });
    expect(() => caches.connection('sessions')).toThrow('test: no Redis cache "sessions" in data.redis (declared: app-cache)');
  });

  it('admits only the declared consumers, the operator and the metrics scrape', () => {
    const { policies } = compose();
    const inCaches = policies.filter((p) => p.metadata.namespace === 'caches');
    const froms = (name: string) =>
      (inCaches.find((p) => p.metadata.name === name)?.spec['ingress'] as { from: { namespaceSelector: { matchLabels: Record<string, string> } }[]; ports: { port: number }[] }[]).map(
        (r) => `${r.from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name']}:${r.ports.map((p) => p.port).join(',')}`,
      );
    expect(froms('allow-ingress-app-cache').sort()).toEqual(['alloy:9121', 'redis-operator:6379', 'team-a:6379']);
    expect(froms('allow-ingress-app-cache-sentinel').sort()).toEqual(['redis-operator:26379', 'team-a:26379']);
  });

  it('asks the secrets layer for each cache password Secret when it is composed', () => {
    const env = fixtureEnvironment(DATA_SERVICES_FIXTURE);
    const app = Testing.app();
    const operator = new RedisOperatorAddon(app, 'redis-operator', { env, dependsOn: [] });
    const delivered: unknown[] = [];
    new RedisCachesAddon(app, 'redis-caches', { env, operator, secrets: { deliver: (p) => delivered.push(p) } });
    expect(delivered).toEqual([{ namespace: 'caches', name: 'app-cache-auth', keys: [{ secretKey: 'password' }] }]);
  });

  it('runs the operator on pinned quay.io images, watching only the caches namespace, without webhook', () => {
    const { operator } = compose();
    expect(operator.chart?.values).toMatchObject({ redisOperator: { imageName: 'quay.io/opstree/redis-operator', imageTag: 'v0.26.0', watchNamespace: 'caches', webhook: false } });
  });
});

describe('RedisCache', () => {
  const base = {
    name: 'c',
    namespace: 'caches',
    storageClass: 'gp3-encrypted',
    resources: { cpu: 0.1, memoryMiB: 128 },
    priorityClassName: 'platform-high',
    password: { namespace: 'caches', name: 'c-auth', key: 'password' },
    consumers: ['team-a'],
    persistence: false as const,
    runbookBaseUrl: 'https://git.example/platform/-/blob/main/docs/runbooks',
  };
  it('rejects a replication without sentinel quorum and a password Secret in another namespace', () => {
    expect(() => new RedisCache(Testing.chart(), 'a', { ...base, mode: 'replication', replicas: 3, sentinels: 2 })).toThrow('RedisCache c: replication needs replicas >= 2 and an odd sentinels >= 3 (replicas 3, sentinels 2)');
    expect(() => new RedisCache(Testing.chart(), 'b', { ...base, mode: 'standalone', replicas: 1, sentinels: 0, password: { ...base.password, namespace: 'team-a' } })).toThrow(
      "RedisCache c: password Secret team-a/c-auth must be in the cache's namespace caches",
    );
  });
});
