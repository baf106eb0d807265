import { fixtureInput, MESH_ADDONS_ENABLED, SECURITY_ADDONS_ENABLED } from '../testing/fixture-environment';
import { FIXTURE_ORDERS, FIXTURE_STOREFRONT, goldenPathPatch } from '../testing/golden-path-fixture';
import { parseEnvironment } from '../validate-environment';
import { DEFAULT_MAX_RAM_PERCENT, DEFAULT_NON_HEAP_MIB, type ServiceDeclarationInput, serviceDeclarationIssues, type ServiceCheckContext } from './golden-path';
import { issuesOf } from '../testing/config-issues';

const withServices = (...services: unknown[]) => fixtureInput(goldenPathPatch(services));
const orders = (over: Partial<ServiceDeclarationInput>): ServiceDeclarationInput => ({ ...FIXTURE_ORDERS, ...over });
const storefront = (over: Partial<ServiceDeclarationInput>): ServiceDeclarationInput => ({ ...FIXTURE_STOREFRONT, ...over });

describe('service declarations (tenants[].services)', () => {
  it('accepts the fixture tenant and fills the JVM defaults', () => {
    const env = parseEnvironment('test', withServices(FIXTURE_STOREFRONT, FIXTURE_ORDERS));
    const [front] = env.tenants[1]?.services ?? [];
    expect(front?.jvm).toEqual({ maxRamPercent: DEFAULT_MAX_RAM_PERCENT, nonHeapMiB: DEFAULT_NON_HEAP_MIB });
    expect(front?.route?.timeoutSeconds).toBe(30);
  });

  it('names the environment, tenant, service and field of an unknown caller', () => {
    expect(issuesOf(withServices(FIXTURE_STOREFRONT, orders({ callers: ['storefront', 'billing'] })))).toEqual([
      'test: tenants[1].services[1].callers[1]: tenant "shop" service "orders-api" callers: unknown caller "billing"; callers are services of tenant "shop" (storefront, orders-api) or "gateway"',
    ]);
  });

  it('refuses a duplicate service name', () => {
    expect(issuesOf(withServices(FIXTURE_STOREFRONT, FIXTURE_ORDERS, orders({ description: 'A second orders service by mistake.' })))).toEqual([
      'test: tenants[1].services[2].name: tenant "shop" service "orders-api" name: duplicate service name (also services[1]); service names are unique within a tenant',
    ]);
  });

  it('refuses privileged, reserved and actuator ports, naming the tenant and service of the field', () => {
    const issues = issuesOf(withServices(FIXTURE_STOREFRONT, orders({ ports: [{ name: 'http', port: 80, protocol: 'http' }, { name: 'admin', port: 15008, protocol: 'http' }, { name: 'mgmt', port: 8081, protocol: 'http' }] })));
    expect(issues).toEqual([
      'test: tenants[1].services[1].ports[0].port (tenant "shop", service "orders-api"): must be >= 1024 (pods run as non-root and cannot bind privileged ports)',
      'test: tenants[1].services[1].ports[1].port (tenant "shop", service "orders-api"): must be outside 15000-15090 (reserved by the mesh proxies)',
      'test: tenants[1].services[1].ports[2].port (tenant "shop", service "orders-api"): must not be 8081 (the actuator port of the spring-boot profile)',
    ]);
  });

  it('refuses a container bigger than the tenant LimitRange admits (8 GiB)', () => {
    expect(issuesOf(withServices(FIXTURE_STOREFRONT, orders({ resources: { cpuMillicores: 250, memoryMiB: 8193 } })))).toEqual([
      'test: tenants[1].services[1].resources.memoryMiB (tenant "shop", service "orders-api"): must be <= 8192 (MiB): the tenant LimitRange refuses a bigger container; split the service or scale out',
    ]);
  });

  it('refuses a heap that does not fit the memory limit and names the largest percentage that does', () => {
    expect(issuesOf(withServices(FIXTURE_STOREFRONT, orders({ jvm: { maxRamPercent: 80, nonHeapMiB: 256 } })))).toEqual([
      'test: tenants[1].services[1].jvm.maxRamPercent: tenant "shop" service "orders-api" jvm.maxRamPercent: heap 614 MiB (80% of 768 MiB) + non-heap 256 MiB exceeds the memory limit 768 MiB; lower jvm.maxRamPercent to at most 66 or raise resources.memoryMiB',
    ]);
  });

  it('requires an SLO for a public route, the gateway as caller, and a mesh flow for the gateway', () => {
    const noSlo = { ...FIXTURE_STOREFRONT, slo: undefined };
    expect(issuesOf(withServices(noSlo, FIXTURE_ORDERS))).toEqual(['test: tenants[1].services[0].slo: tenant "shop" service "storefront" slo: a service with a public route needs an SLO (availabilityPercent and latency); add slo']);
    expect(issuesOf(withServices(storefront({ callers: [] }), FIXTURE_ORDERS))).toEqual(['test: tenants[1].services[0].callers: tenant "shop" service "storefront" callers: has a route but "gateway" is not a caller; add "gateway" to callers']);
    const input = withServices(storefront({ ports: [{ name: 'http', port: 9000, protocol: 'http' }] }), FIXTURE_ORDERS);
    expect(issuesOf(input)).toEqual([
      `test: tenants[1].services[0].route: tenant "shop" service "storefront" route: no mesh.flows entry lets the ingress gateway (istio-ingress) reach port 9000 of the service; add { from: { namespace: 'istio-ingress', serviceAccount: 'platform-gateway-istio' }, to: { namespace: 'shop', podLabels: { 'app.kubernetes.io/name': 'storefront' }, ports: [9000] } } to mesh.flows`,
    ]);
  });

  it('refuses a canary without a route, and a gateway caller without a route', () => {
    expect(issuesOf(withServices(FIXTURE_STOREFRONT, orders({ rollout: 'canary', callers: ['storefront', 'gateway'] })))).toEqual([
      'test: tenants[1].services[1].route: tenant "shop" service "orders-api" route: "gateway" is a caller but the service has no route; add a route or remove the caller',
      'test: tenants[1].services[1].rollout: tenant "shop" service "orders-api" rollout: "canary" shifts the traffic of the service\'s route and needs one; add a route or use "rolling"',
    ]);
  });

  it('refuses a canary when Argo Rollouts is off, and an image repository the build does not know', () => {
    const input = fixtureInput({ ...goldenPathPatch(), addons: { enabled: { ...MESH_ADDONS_ENABLED, ...SECURITY_ADDONS_ENABLED, 'argo-rollouts': false } }, ecr: { repositories: ['orders', 'storefront'] } });
    expect(issuesOf(input)).toEqual([
      'test: tenants[1].services[0].rollout: tenant "shop" service "storefront" rollout: "canary" needs Argo Rollouts; set addons.enabled.argo-rollouts to true or use "rolling"',
      'test: tenants[1].services[1].image.repository: tenant "shop" service "orders-api" image.repository: "orders-api" is not an ecr.repositories entry (orders, storefront); add it there so the build pipeline can push it',
    ]);
  });

  it('refuses a secret whose Secret name <service>-<name> would exceed 63 characters', () => {
    const secret = { name: 'x'.repeat(60), keys: [{ key: 'k', env: 'K' }] };
    expect(issuesOf(withServices(FIXTURE_STOREFRONT, orders({ secrets: [secret] })))).toEqual([
      `test: tenants[1].services[1].secrets[0].name: tenant "shop" service "orders-api" secrets[0].name: "orders-api-${'x'.repeat(60)}" (the Secret and OpenBao path segment) is longer than 63 characters; shorten the secret name to at most 52`,
    ]);
  });

  it('refuses secrets without External Secrets, and one environment variable set by two keys', () => {
    const input = fixtureInput({ ...goldenPathPatch(), addons: { enabled: MESH_ADDONS_ENABLED } });
    expect(issuesOf(input)).toEqual([
      'test: tenants[1].services[1].secrets: tenant "shop" service "orders-api" secrets: delivered by External Secrets from OpenBao; set addons.enabled.external-secrets to true or remove the secrets',
    ]);
    const twice = [{ name: 'payment', keys: [{ key: 'apiKey', env: 'API_KEY' }] }, { name: 'mail', keys: [{ key: 'password', env: 'MAIL_PASSWORD' }, { key: 'apiKey', env: 'API_KEY' }] }];
    expect(issuesOf(withServices(FIXTURE_STOREFRONT, orders({ secrets: twice })))).toEqual([
      'test: tenants[1].services[1].secrets[1].keys[1].env: tenant "shop" service "orders-api" secrets[].keys[].env: environment variable "API_KEY" is set by two secret keys; each key needs its own variable',
    ]);
  });

  it('refuses duplicate secret names and replica bounds upside down', () => {
    const secret = { name: 'db', keys: [{ key: 'password', env: 'DB_PASSWORD' }] };
    expect(issuesOf(withServices(FIXTURE_STOREFRONT, orders({ secrets: [secret, secret], replicas: { min: 3, max: 2 } })))).toEqual([
      'test: tenants[1].services[1].replicas.max: tenant "shop" service "orders-api" replicas.max: 2 is below replicas.min 3',
      'test: tenants[1].services[1].secrets[1].name: tenant "shop" service "orders-api" secrets[1].name: duplicate secret "db"',
    ]);
  });
});

describe('serviceDeclarationIssues against the data layer declarations', () => {
  const context: ServiceCheckContext = {
    ecrRepositories: ['orders-api'],
    enabled: { 'istio-ingress': true, 'argo-rollouts': true, 'external-secrets': true },
    gatewayFlows: [],
    data: {
      postgres: [{ name: 'shop-pg', databases: [{ name: 'orders', consumers: ['shop'] }] }],
      redis: [{ name: 'shop-cache', consumers: ['other'] }],
      kafka: [{ name: 'shop-events', topics: [{ name: 'orders.placed' }, { name: 'orders.audit' }], users: [{ name: 'shop-app', consumer: 'shop', topics: [{ topic: 'orders.placed', access: 'produce-consume' }, { topic: 'orders.audit', access: 'consume' }] }] }],
    },
  };

  const orders = (over: Partial<ServiceDeclarationInput>): ServiceDeclarationInput => ({
    ...FIXTURE_ORDERS,
    callers: [],
    database: { cluster: 'shop-pg', database: 'orders', access: 'readWrite' },
    cache: { instance: 'shop-cache' },
    topics: [{ cluster: 'shop-events', topic: 'orders.placed', access: 'produce' }],
    ...over,
  });

  it('accepts references the data layer declares for the tenant', () => {
    expect(serviceDeclarationIssues('shop', [orders({ cache: undefined })], context)).toEqual([]);
  });

  it('requires a KafkaUser ACL of the tenant covering each topic access', () => {
    const s = orders({ cache: undefined, topics: [{ cluster: 'shop-events', topic: 'orders.audit', access: 'produce' }, { cluster: 'shop-events', topic: 'orders.audit', access: 'consume' }] });
    expect(serviceDeclarationIssues('shop', [s], context).map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      `services.0.topics.0.access: tenant "shop" service "orders-api" topics[0].access: no KafkaUser of tenant "shop" in cluster "shop-events" may produce topic "orders.audit"; add { topic: 'orders.audit', access: 'produce' } to the topics of a data.kafka[].users entry with consumer 'shop'`,
    ]);
  });

  it('names an unknown database, cluster, topic and a cache the tenant may not use', () => {
    const s = orders({ database: { cluster: 'shop-pg', database: 'billing', access: 'readOnly' }, topics: [{ cluster: 'shop-events', topic: 'orders.shipped', access: 'consume' }, { cluster: 'events', topic: 'x', access: 'produce' }] });
    expect(serviceDeclarationIssues('shop', [s], context).map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'services.0.database.database: tenant "shop" service "orders-api" database.database: unknown database "billing" in cluster "shop-pg" (orders); declare it in data.postgres[].databases',
      'services.0.cache.instance: tenant "shop" service "orders-api" cache.instance: cache "shop-cache" does not list "shop" in consumers; add it there',
      'services.0.topics.0.topic: tenant "shop" service "orders-api" topics[0].topic: unknown topic "orders.shipped" in Kafka cluster "shop-events" (orders.placed, orders.audit); declare it in data.kafka[].topics',
      'services.0.topics.1.cluster: tenant "shop" service "orders-api" topics[1].cluster: unknown Kafka cluster "events"; declare it in data.kafka (shop-events)',
    ]);
    expect(serviceDeclarationIssues('shop', [orders({ database: { cluster: 'pg', database: 'orders', access: 'readOnly' }, cache: undefined, topics: [] })], context)[0]?.message).toBe(
      'tenant "shop" service "orders-api" database.cluster: unknown Postgres cluster "pg"; declare it in data.postgres (shop-pg)',
    );
  });
});
