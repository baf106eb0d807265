import { parser } from '@prometheus-io/lezer-promql';
import { fixtureEnvironment, goldenPathPatch } from '@platform/config/testing';
import { INGRESS_GATEWAY_NAME } from '@platform/k8s-mesh';
import { Testing } from 'cdk8s';
import { DataSecretRequests } from './data-secret-requests';
import { Microservice, type MicroserviceProps, ROLLING_UPDATE } from './microservice';
import { SERVICE_RUN_AS_USER } from './microservice-pod';
import type { ServiceDeclaration } from './service-declaration';
import { bucketLe } from './service-slos';
import { ACTUATOR_PORT, LIVENESS_PATH, OTEL_JAVA_AGENT, PRESTOP_SLEEP_SECONDS, PROMETHEUS_PATH, READINESS_PATH, SHUTDOWN_PHASE_TIMEOUT_SECONDS, TERMINATION_GRACE_PERIOD_SECONDS } from './spring-boot-profile';

/** Synthesized manifests: untyped JSON read along known paths. */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Obj = { kind: string; apiVersion: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec: Json } & Json;

const env = fixtureEnvironment(goldenPathPatch() as never);
const shop = env.tenants.find((t) => t.namespace === 'shop');
const service = (name: string): ServiceDeclaration => {
  const s = shop?.services.find((x) => x.name === name);
  if (!s) throw new Error(`fixture has no ${name}`);
  return s;
};
const ingress: MicroserviceProps['ingress'] = {
  parentRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'istio-ingress', name: INGRESS_GATEWAY_NAME, sectionName: 'http' },
  wildcardHost: '*.apps.test.acme.example',
  pods: { namespace: 'istio-ingress', podLabels: { 'gateway.networking.k8s.io/gateway-name': INGRESS_GATEWAY_NAME } },
  serviceAccount: { namespace: 'istio-ingress', name: 'platform-gateway-istio' },
};
const otlp = { namespace: 'alloy', service: 'alloy', port: 4318 };
const RUNBOOKS = 'https://git.acme.example/platform/blob/main/docs/runbooks';

function render(name: string, over: Partial<MicroserviceProps> = {}): Obj[] {
  const chart = Testing.chart();
  new Microservice(chart, 'svc', {
    environment: 'test',
    namespace: 'shop',
    service: service(name),
    image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/acme/test/orders-api:0123abc@sha256:' + 'a'.repeat(64),
    ingress,
    scraper: { namespace: 'alloy', podLabels: { 'app.kubernetes.io/instance': 'alloy' } },
    otlpHttpEndpoint: otlp,
    meshHbonePort: 15008,
    runbookBaseUrl: RUNBOOKS,
    ...over,
  });
  return Testing.synth(chart) as Obj[];
}
const find = (objs: Obj[], kind: string, name?: string): Obj => {
  const o = objs.find((x) => x.kind === kind && (name === undefined || x.metadata.name === name));
  if (!o) throw new Error(`no ${kind} ${name ?? ''}`);
  return o;
};
const envOf = (pod: Json): Record<string, string> => Object.fromEntries(pod.containers[0].env.map((e: { name: string; value: string }) => [e.name, e.value]));

describe('Microservice (rolling)', () => {
  const objs = render('orders-api');
  const deployment = find(objs, 'Deployment');
  const pod = deployment.spec.template.spec;
  const app = pod.containers[0];

  it('renders a Deployment that never drops below its replicas, with its ServiceAccount and the restricted security context', () => {
    expect(deployment.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: ROLLING_UPDATE.maxSurge, maxUnavailable: 0 } });
    expect(deployment.spec.replicas).toBe(1);
    expect(pod.serviceAccountName).toBe('orders-api');
    expect(find(objs, 'ServiceAccount', 'orders-api').automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: SERVICE_RUN_AS_USER, runAsGroup: SERVICE_RUN_AS_USER, fsGroup: SERVICE_RUN_AS_USER, seccompProfile: { type: 'RuntimeDefault' } });
    for (const c of [...pod.containers, ...pod.initContainers]) {
      expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } });
      expect(c.resources.requests.cpu).toBeDefined();
      expect(c.resources.limits.memory).toBeDefined();
    }
  });

  it('sets memory request = limit and derives MaxRAMPercentage from the declaration', () => {
    expect(app.resources).toEqual({ requests: { cpu: '250m', memory: '768Mi' }, limits: { memory: '768Mi' } });
    // the heap rule of nx validate (XL-GP-003) reads the declared non-heap from the pod template
    expect(deployment.spec.template.metadata.annotations).toEqual({ 'platform.io/jvm-non-heap-mib': '256' });
    expect(envOf(pod)['JAVA_TOOL_OPTIONS']).toBe(`-XX:MaxRAMPercentage=60 -XX:InitialRAMPercentage=60 -XX:+ExitOnOutOfMemoryError -javaagent:${OTEL_JAVA_AGENT.jarPath}`);
  });

  it('probes the actuator groups on the management port, with a startup probe', () => {
    expect(app.startupProbe.httpGet).toEqual({ path: LIVENESS_PATH, port: ACTUATOR_PORT });
    expect(app.livenessProbe.httpGet).toEqual({ path: LIVENESS_PATH, port: ACTUATOR_PORT });
    expect(app.readinessProbe.httpGet).toEqual({ path: READINESS_PATH, port: ACTUATOR_PORT });
    expect(app.startupProbe.failureThreshold * app.startupProbe.periodSeconds).toBe(150);
    expect(envOf(pod)['MANAGEMENT_SERVER_PORT']).toBe(String(ACTUATOR_PORT));
  });

  it('drains gracefully within the grace period: preStop sleep + Spring shutdown phase < terminationGracePeriodSeconds', () => {
    expect(app.lifecycle.preStop).toEqual({ sleep: { seconds: PRESTOP_SLEEP_SECONDS } });
    expect(envOf(pod)['SERVER_SHUTDOWN']).toBe('graceful');
    expect(envOf(pod)['SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE']).toBe(`${SHUTDOWN_PHASE_TIMEOUT_SECONDS}s`);
    expect(pod.terminationGracePeriodSeconds).toBe(TERMINATION_GRACE_PERIOD_SECONDS);
    expect(PRESTOP_SLEEP_SECONDS + SHUTDOWN_PHASE_TIMEOUT_SECONDS).toBeLessThan(TERMINATION_GRACE_PERIOD_SECONDS);
  });

  it('loads the OTel Java agent with the collector endpoint from its ServiceEndpoint', () => {
    expect(pod.initContainers[0]).toMatchObject({ name: 'otel-agent', image: OTEL_JAVA_AGENT.image, command: ['cp', OTEL_JAVA_AGENT.sourcePath, OTEL_JAVA_AGENT.jarPath] });
    expect(envOf(pod)['OTEL_EXPORTER_OTLP_ENDPOINT']).toBe('http://alloy.alloy.svc.cluster.local:4318');
    expect(envOf(pod)['OTEL_SERVICE_NAME']).toBe('orders-api');
    const egress = find(objs, 'NetworkPolicy', 'orders-api-egress');
    expect(egress.spec.egress).toEqual([{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'alloy' } } }], ports: [{ port: 4318, protocol: 'TCP' }] }]);
  });

  it('loads no agent without an OTLP endpoint', () => {
    const pod2 = find(render('orders-api', { otlpHttpEndpoint: undefined }), 'Deployment').spec.template.spec;
    expect(pod2.initContainers).toBeUndefined();
    expect(envOf(pod2)['JAVA_TOOL_OPTIONS']).not.toContain('-javaagent');
  });

  it('spreads replicas across zones and nodes', () => {
    expect(pod.topologySpreadConstraints.map((c: { topologyKey: string; maxSkew: number }) => [c.topologyKey, c.maxSkew])).toEqual([
      ['topology.kubernetes.io/zone', 1],
      ['kubernetes.io/hostname', 1],
    ]);
  });

  it('autoscales the Deployment on CPU between the declared bounds, and gets no PDB with one replica', () => {
    const hpa = find(objs, 'HorizontalPodAutoscaler');
    expect(hpa.spec).toMatchObject({ scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'orders-api' }, minReplicas: 1, maxReplicas: 3 });
    expect(hpa.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 75 } } }]);
    expect(objs.some((o) => o.kind === 'PodDisruptionBudget')).toBe(false);
  });

  it('admits its callers on the application ports (NetworkPolicy) and by identity (AuthorizationPolicy)', () => {
    const np = find(objs, 'NetworkPolicy', 'orders-api-ingress');
    expect(np.spec.ingress[0]).toEqual({ from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'storefront' } } }], ports: [{ port: 8080, protocol: 'TCP' }, { port: 15008, protocol: 'TCP' }] });
    const ap = find(objs, 'AuthorizationPolicy', 'orders-api-callers');
    expect(ap.spec).toEqual({ selector: { matchLabels: { 'app.kubernetes.io/name': 'orders-api' } }, action: 'ALLOW', rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/storefront'] } }], to: [{ operation: { ports: ['8080'] } }] }] });
  });

  it('lets the scraper (outside the mesh, plaintext) reach the actuator port and nothing else: NetworkPolicy, PERMISSIVE on that port only, ALLOW to that port', () => {
    const np = find(objs, 'NetworkPolicy', 'orders-api-ingress');
    expect(np.spec.ingress[1]).toEqual({
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'alloy' } }, podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'alloy' } } }],
      ports: [{ port: ACTUATOR_PORT, protocol: 'TCP' }, { port: 15008, protocol: 'TCP' }],
    });
    // the mesh-wide STRICT mode would refuse the plaintext scrape: the workload's policy relaxes exactly the actuator port
    const pa = find(objs, 'PeerAuthentication', 'orders-api-metrics-scrape');
    expect(pa.apiVersion).toBe('security.istio.io/v1');
    expect(pa.metadata.namespace).toBe('shop');
    expect(pa.spec).toEqual({ selector: { matchLabels: { 'app.kubernetes.io/name': 'orders-api' } }, mtls: { mode: 'STRICT' }, portLevelMtls: { [String(ACTUATOR_PORT)]: { mode: 'PERMISSIVE' } } });
    // the namespace's default-deny would drop it: an ALLOW without principals (a plaintext client has none), on the actuator port only
    const allow = find(objs, 'AuthorizationPolicy', 'orders-api-metrics-scrape');
    expect(allow.spec).toEqual({ selector: { matchLabels: { 'app.kubernetes.io/name': 'orders-api' } }, action: 'ALLOW', rules: [{ to: [{ operation: { ports: [String(ACTUATOR_PORT)] } }] }] });
    // no ALLOW without principals reaches an application port, and no PeerAuthentication relaxes one
    const open = objs.filter((o) => o.kind === 'AuthorizationPolicy').flatMap((o) => o.spec.rules.filter((r: Json) => !r.from).flatMap((r: Json) => r.to.flatMap((t: Json) => t.operation.ports)));
    expect(open).toEqual([String(ACTUATOR_PORT)]);
    expect(objs.filter((o) => o.kind === 'PeerAuthentication').flatMap((o) => Object.keys(o.spec.portLevelMtls ?? {}))).toEqual([String(ACTUATOR_PORT)]);
    // the ServiceMonitor reads exactly that port
    const monitorPort = find(objs, 'ServiceMonitor').spec.endpoints[0].port;
    expect(find(objs, 'Service', 'orders-api').spec.ports.find((p: Json) => p.name === monitorPort).targetPort).toBe(monitorPort);
    expect(pod.containers[0].ports.find((p: Json) => p.name === monitorPort).containerPort).toBe(ACTUATOR_PORT);
  });

  it('renders no mesh admission outside the mesh or without a scraper', () => {
    for (const over of [{ meshHbonePort: undefined }, { scraper: undefined }]) {
      expect(render('orders-api', over).filter((o) => o.kind === 'PeerAuthentication' || o.metadata.name.endsWith('-metrics-scrape'))).toEqual([]);
    }
  });

  it('scrapes /actuator/prometheus through a ServiceMonitor on the management port', () => {
    const sm = find(objs, 'ServiceMonitor');
    expect(sm.spec).toEqual({ selector: { matchLabels: { 'app.kubernetes.io/name': 'orders-api', 'platform.io/scrape': 'true' } }, endpoints: [{ port: 'management', path: PROMETHEUS_PATH, interval: '30s', scheme: 'http' }] });
    expect(find(objs, 'Service', 'orders-api').spec.ports.map((p: { name: string; port: number }) => [p.name, p.port])).toEqual([
      ['http', 8080],
      ['management', ACTUATOR_PORT],
    ]);
  });

  it('delivers each declared secret from OpenBao through an ExternalSecret on the openbao store and reads its keys into the declared variables', () => {
    const es = find(objs, 'ExternalSecret', 'orders-api-payment-provider');
    expect(es.metadata.namespace).toBe('shop');
    expect(es.spec.secretStoreRef).toEqual({ kind: 'ClusterSecretStore', name: 'openbao' });
    expect(es.spec.target).toMatchObject({ name: 'orders-api-payment-provider', creationPolicy: 'Owner', deletionPolicy: 'Retain' });
    // the security layer's path convention <env>/<namespace>/<name>: the tenant's OpenBao role reads test/shop/* only
    expect(es.spec.data).toEqual([{ secretKey: 'apiKey', remoteRef: { key: 'test/shop/orders-api-payment-provider', property: 'apiKey' } }]);
    expect(app.env.find((e: { name: string }) => e.name === 'PAYMENT_API_KEY')).toEqual({ name: 'PAYMENT_API_KEY', valueFrom: { secretKeyRef: { name: 'orders-api-payment-provider', key: 'apiKey' } } });
  });

  it('renders no route, no SLO and no Rollout for an internal rolling service', () => {
    expect(objs.map((o) => o.kind).filter((k) => ['HTTPRoute', 'PrometheusRule', 'Rollout'].includes(k))).toEqual([]);
  });
});

describe('Microservice (canary with a public route)', () => {
  const objs = render('storefront');
  const rollout = find(objs, 'Rollout');

  it('renders an Argo Rollout with the mesh CanaryStrategy shifting the HTTPRoute between stable and canary Services', () => {
    expect(rollout.apiVersion).toBe('argoproj.io/v1alpha1');
    expect(objs.some((o) => o.kind === 'Deployment')).toBe(false);
    expect(rollout.spec.strategy.canary).toMatchObject({
      stableService: 'storefront-stable',
      canaryService: 'storefront-canary',
      trafficRouting: { plugins: { 'argoproj-labs/gatewayAPI': { httpRoute: 'storefront', namespace: 'shop' } } },
      analysis: { templates: [{ templateName: 'canary-success-rate-latency', clusterScope: true }] },
    });
    const route = find(objs, 'HTTPRoute');
    expect(route.spec.hostnames).toEqual(['shop.apps.test.acme.example']);
    expect(route.spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'istio-ingress', name: INGRESS_GATEWAY_NAME, sectionName: 'http' }]);
    expect(route.spec.rules[0].backendRefs.map((b: { name: string; weight: number }) => [b.name, b.weight])).toEqual([
      ['storefront-stable', 100],
      ['storefront-canary', 0],
    ]);
    expect(route.spec.rules[0].timeouts.request).toBe('30s');
    expect(['storefront', 'storefront-stable', 'storefront-canary'].every((n) => objs.some((o) => o.kind === 'Service' && o.metadata.name === n))).toBe(true);
  });

  it('autoscales the Rollout and keeps one replica up with a PDB', () => {
    expect(find(objs, 'HorizontalPodAutoscaler').spec.scaleTargetRef).toEqual({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'storefront' });
    expect(find(objs, 'PodDisruptionBudget').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'storefront' } } });
  });

  it('admits the ingress gateway pods and identity', () => {
    expect(find(objs, 'NetworkPolicy', 'storefront-ingress').spec.ingress[0].from).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'istio-ingress' } }, podSelector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': INGRESS_GATEWAY_NAME } } },
    ]);
    expect(find(objs, 'AuthorizationPolicy', 'storefront-callers').spec.rules[0].from[0].source.principals).toEqual(['cluster.local/ns/istio-ingress/sa/platform-gateway-istio']);
  });

  it('publishes the latency objective as a histogram bucket and renders the observability layer\'s SLOs: parseable SLIs and multiwindow burn-rate alerts', () => {
    expect(envOf(rollout.spec.template.spec)['MANAGEMENT_METRICS_DISTRIBUTION_SLO_HTTP_SERVER_REQUESTS']).toBe('300ms');
    const rule = find(objs, 'PrometheusRule');
    expect(rule.metadata).toMatchObject({ name: 'storefront-slo', namespace: 'shop', labels: { 'app.kubernetes.io/name': 'storefront', 'app.kubernetes.io/part-of': 'shop' } });
    expect(rule.spec.groups.map((g: { name: string }) => g.name)).toEqual(['slo-shop-storefront-availability', 'slo-shop-storefront-latency']);
    const rules = rule.spec.groups.flatMap((g: { rules: unknown[] }) => g.rules) as { record?: string; alert?: string; expr: string; labels: Record<string, string>; annotations?: Record<string, string> }[];
    for (const r of rules) expect(parser.parse(r.expr).toString()).not.toContain('⚠');
    // every objective over 30 days: 14.4x (1h/5m) and 6x (6h/30m) of its error budget
    expect(rules.filter((r) => r.alert).map((r) => [r.alert, r.labels['slo'], r.labels['long_window'], r.labels['severity']])).toEqual([
      ['SloErrorBudgetBurn', 'shop-storefront-availability', '1h', 'critical'],
      ['SloErrorBudgetBurn', 'shop-storefront-availability', '6h', 'critical'],
      ['SloErrorBudgetBurn', 'shop-storefront-latency', '1h', 'critical'],
      ['SloErrorBudgetBurn', 'shop-storefront-latency', '6h', 'critical'],
    ]);
    // 14.4 x the 0.1 % budget of a 99.9 % availability objective
    expect(rules.find((r) => r.alert && r.labels['slo'] === 'shop-storefront-availability')?.expr).toBe(
      'slo:sli_error:ratio_rate1h{slo="shop-storefront-availability"} > (14.4 * 0.001) and slo:sli_error:ratio_rate5m{slo="shop-storefront-availability"} > (14.4 * 0.001)',
    );
    expect(rules.find((r) => r.alert)?.annotations?.['runbook_url']).toBe(`${RUNBOOKS}/observability-slo-burn-rate.md#sloerrorbudgetburn`);
    // the SLIs: 5xx over all requests, and requests above the 300 ms bucket; actuator calls excluded
    const latency5m = rules.find((r) => r.record === 'slo:sli_error:ratio_rate5m' && r.labels['slo'] === 'shop-storefront-latency');
    expect(latency5m?.labels).toEqual({ slo: 'shop-storefront-latency', service: 'storefront' });
    expect(latency5m?.expr).toContain('le="0.3"');
    expect(rules.find((r) => r.record === 'slo:sli_error:ratio_rate5m' && r.labels['slo'] === 'shop-storefront-availability')?.expr).toBe(
      '1 - ((sum(rate(http_server_requests_seconds_count{namespace="shop",service="storefront",uri!~"/actuator.*",status!~"5.."}[5m]))) / (sum(rate(http_server_requests_seconds_count{namespace="shop",service="storefront",uri!~"/actuator.*"}[5m]))))',
    );
  });

  it('refuses a route without the ingress gateway, naming environment, tenant, service and field', () => {
    expect(() => render('storefront', { ingress: undefined })).toThrow('test: tenant "shop" service "storefront": route: needs the mesh ingress gateway (addons.enabled.istio-ingress); enable it or remove the route');
  });
});

describe('bucketLe', () => {
  it('writes the bucket boundary as Micrometer does', () => {
    expect([bucketLe(300), bucketLe(2000), bucketLe(1500)]).toEqual(['0.3', '2.0', '1.5']);
  });
});

describe('Microservice data connections (data layer seam)', () => {
  const dataConnections = {
    database: { host: 'shop-pg-pooler-rw.databases.svc.cluster.local', readOnlyHost: 'shop-pg-ro.databases.svc.cluster.local', port: 5432, database: 'orders', username: 'orders', credentials: { namespace: 'databases', name: 'shop-pg-orders', passwordKey: 'password' } },
    cache: { host: 'shop-cache.caches.svc.cluster.local', port: 6379, password: { namespace: 'caches', name: 'shop-cache-auth', key: 'password' } },
    topics: [{ bootstrapServers: 'shop-events-kafka-bootstrap.kafka.svc.cluster.local:9093', topic: 'orders.placed', user: { name: 'shop-app', secret: 'shop-app', namespace: 'kafka' }, caSecret: { namespace: 'kafka', name: 'shop-events-cluster-ca-cert', key: 'ca.crt' } }],
  };
  const renderWith = (dataSecrets?: DataSecretRequests) => {
    const chart = Testing.chart();
    const ms = new Microservice(chart, 'svc', { environment: 'test', namespace: 'shop', service: service('orders-api'), image: 'public.ecr.aws/acme/orders-api:1.0.0', otlpHttpEndpoint: otlp, dataConnections, dataSecrets, runbookBaseUrl: RUNBOOKS });
    const objs = Testing.synth(chart) as Obj[];
    return { ms, objs, pod: find(objs, 'Deployment').spec.template.spec };
  };
  const secretRefOf = (pod: Json, name: string) => pod.containers[0].env.find((e: { name: string }) => e.name === name)?.valueFrom?.secretKeyRef;

  it('configures Spring from the typed connections', () => {
    expect(envOf(renderWith().pod)).toMatchObject({
      SPRING_DATASOURCE_URL: 'jdbc:postgresql://shop-pg-pooler-rw.databases.svc.cluster.local:5432/orders',
      SPRING_DATASOURCE_USERNAME: 'orders',
      SPRING_DATA_REDIS_HOST: 'shop-cache.caches.svc.cluster.local',
      SPRING_DATA_REDIS_PORT: '6379',
      SPRING_KAFKA_BOOTSTRAP_SERVERS: 'shop-events-kafka-bootstrap.kafka.svc.cluster.local:9093',
    });
  });

  it('gives a consuming service a consumer group id inside its KafkaUser\'s group ACL prefix, a producer none', () => {
    const withPrefix = { ...dataConnections, topics: dataConnections.topics.map((t) => ({ ...t, consumerGroupPrefix: 'shop-app' })) };
    const groupIdOf = (access: 'consume' | 'produce' | 'produce-consume') => {
      const chart = Testing.chart();
      const declared = { ...service('orders-api'), topics: [{ cluster: 'shop-events', topic: 'orders.placed', access }] };
      new Microservice(chart, 'svc', { environment: 'test', namespace: 'shop', service: declared, image: 'public.ecr.aws/acme/orders-api:1.0.0', dataConnections: withPrefix, runbookBaseUrl: RUNBOOKS });
      return envOf(find(Testing.synth(chart) as Obj[], 'Deployment').spec.template.spec)['SPRING_KAFKA_CONSUMER_GROUP_ID'];
    };
    expect(groupIdOf('consume')).toBe('shop-app-orders-api');
    expect(groupIdOf('produce-consume')).toBe('shop-app-orders-api');
    expect(groupIdOf('consume')?.startsWith('shop-app')).toBe(true);
    expect(groupIdOf('produce')).toBeUndefined();
  });

  it('without a delivery, references no Secret of another namespace and lists each once as undelivered', () => {
    const { ms, pod } = renderWith();
    expect(['SPRING_DATASOURCE_PASSWORD', 'SPRING_DATA_REDIS_PASSWORD', 'SPRING_KAFKA_SSL_KEYSTOREKEY'].map((n) => secretRefOf(pod, n))).toEqual([undefined, undefined, undefined]);
    expect(ms.undeliveredSecrets).toEqual(['databases/shop-pg-orders', 'caches/shop-cache-auth', 'kafka/shop-app', 'kafka/shop-events-cluster-ca-cert']);
  });

  it('with a delivery, reads passwords and the Kafka PEM material from the copies in its namespace, and records exactly the keys read', () => {
    const requests = new DataSecretRequests('shop');
    const { ms, pod } = renderWith(requests);
    expect(ms.undeliveredSecrets).toEqual([]);
    expect(secretRefOf(pod, 'SPRING_DATASOURCE_PASSWORD')).toEqual({ name: 'shop-pg-orders', key: 'password' });
    expect(secretRefOf(pod, 'SPRING_DATA_REDIS_PASSWORD')).toEqual({ name: 'shop-cache-auth', key: 'password' });
    expect(secretRefOf(pod, 'SPRING_KAFKA_SSL_KEYSTORECERTIFICATECHAIN')).toEqual({ name: 'shop-app', key: 'user.crt' });
    expect(secretRefOf(pod, 'SPRING_KAFKA_SSL_KEYSTOREKEY')).toEqual({ name: 'shop-app', key: 'user.key' });
    expect(secretRefOf(pod, 'SPRING_KAFKA_SSL_TRUSTSTORECERTIFICATES')).toEqual({ name: 'shop-events-cluster-ca-cert', key: 'ca.crt' });
    expect(envOf(pod)).toMatchObject({ SPRING_KAFKA_SECURITY_PROTOCOL: 'SSL', SPRING_KAFKA_SSL_KEYSTORETYPE: 'PEM', SPRING_KAFKA_SSL_TRUSTSTORETYPE: 'PEM' });
    expect(requests.list()).toEqual([
      { namespace: 'caches', name: 'shop-cache-auth', keys: ['password'] },
      { namespace: 'databases', name: 'shop-pg-orders', keys: ['password'] },
      { namespace: 'kafka', name: 'shop-app', keys: ['user.crt', 'user.key'] },
      { namespace: 'kafka', name: 'shop-events-cluster-ca-cert', keys: ['ca.crt'] },
    ]);
  });

  it('refuses two data Secrets of one name from different namespaces (their copies would collide)', () => {
    const requests = new DataSecretRequests('shop');
    requests.deliver({ namespace: 'databases', name: 'shared' }, 'password');
    expect(() => requests.deliver({ namespace: 'caches', name: 'shared' }, 'password')).toThrow('tenant "shop": Secrets databases/shared and caches/shared would both be copied to shop/shared; rename one of the data services');
  });

  it('opens egress to each data service on its port, beside the OTLP collector', () => {
    const egress = find(renderWith().objs, 'NetworkPolicy', 'orders-api-egress').spec.egress.map((e: { to: { namespaceSelector: { matchLabels: Record<string, string> } }[]; ports: { port: number }[] }) => [e.to[0]?.namespaceSelector.matchLabels['kubernetes.io/metadata.name'], e.ports[0]?.port]);
    expect(egress).toEqual([
      ['alloy', 4318],
      ['databases', 5432],
      ['caches', 6379],
      ['kafka', 9093],
    ]);
  });
});
