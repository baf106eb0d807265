import { loadDistTree } from '../dist-tree';
import { type FixtureFile, writeFixtureTree } from '../testing/fixture-tree';
import { JVM_NON_HEAP_ANNOTATION as NON_HEAP_ANNOTATION } from '@platform/config';
import { GOLDEN_PATH_RULES, memoryMiB, validateGoldenPath } from './validate-golden-path';

const ENV = 'dev';
const tree = (files: Record<string, FixtureFile>) => loadDistTree(writeFixtureTree(ENV, files), ENV, 'dist');
const findings = (objects: unknown[]) => validateGoldenPath(tree({ 'kubernetes/tenants/shop/all.yaml': { yaml: objects } }).objects, ENV).map((f) => `${f.rule} ${f.object} ${f.path}: ${f.message}`);

const labels = (name: string) => ({ 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'shop', 'app.kubernetes.io/managed-by': 'platform' });
const deployment = (name: string, memory = '1024Mi', javaOptions = '-XX:MaxRAMPercentage=70', annotations: Record<string, string> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'shop', labels: labels(name) },
  spec: {
    selector: { matchLabels: { 'app.kubernetes.io/name': name } },
    template: {
      metadata: { labels: labels(name), annotations },
      spec: { containers: [{ name: 'app', image: 'x', env: [{ name: 'JAVA_TOOL_OPTIONS', value: javaOptions }], resources: { limits: { memory } } }] },
    },
  },
});
const service = (name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'shop', labels: labels(name) }, spec: { ports: [{ port: 8080 }] } });
const ingressPolicy = (name: string, callers: string[]) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: `${name}-ingress`, namespace: 'shop', labels: labels(name) },
  spec: { podSelector: { matchLabels: { 'app.kubernetes.io/name': name } }, policyTypes: ['Ingress'], ingress: [{ from: callers.map((c) => ({ podSelector: { matchLabels: { 'app.kubernetes.io/name': c } } })) }] },
});
const route = (backend: string) => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'web', namespace: 'shop' }, spec: { rules: [{ backendRefs: [{ name: backend, port: 8080 }] }] } });
const slo = (name: string) => ({
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'PrometheusRule',
  metadata: { name: `${name}-slo`, namespace: 'shop' },
  spec: { groups: [{ name: 'slo', rules: [{ record: 'slo:availability_errors:ratio_rate5m', expr: 'vector(0)', labels: { namespace: 'shop', service: name } }] }] },
});

describe('validateGoldenPath', () => {
  it('accepts callers that exist, a route with its SLO and a heap that fits', () => {
    expect(findings([deployment('web'), deployment('api'), service('web'), ingressPolicy('api', ['web']), route('web'), slo('web')])).toEqual([]);
  });

  it('XL-GP-001: flags a caller no workload of the namespace is', () => {
    expect(findings([deployment('api'), ingressPolicy('api', ['web'])])).toEqual([
      `${GOLDEN_PATH_RULES.unknownCaller} networking.k8s.io/v1/NetworkPolicy shop/api-ingress spec.ingress[0].from[0].podSelector: caller {"app.kubernetes.io/name":"web"} matches no workload in namespace shop; declare the calling service or remove it from callers`,
    ]);
  });

  it('XL-GP-002: flags a public route to a service without SLO rules', () => {
    expect(findings([deployment('web'), service('web'), route('web')])).toEqual([
      `${GOLDEN_PATH_RULES.routeWithoutSlo} gateway.networking.k8s.io/v1/HTTPRoute shop/web spec.rules: public route to shop/web has no SLO rules (PrometheusRule recording slo:* with service="web"); declare the service's slo`,
    ]);
  });

  it('XL-GP-003: flags a heap that with its non-heap exceeds the memory limit, by percentage or -Xmx', () => {
    expect(findings([deployment('web', '512Mi', '-XX:MaxRAMPercentage=75')])).toEqual([
      `${GOLDEN_PATH_RULES.heapAboveLimit} apps/v1/Deployment shop/web spec.template.spec.containers[0].env[JAVA_TOOL_OPTIONS]: container app: heap 384 MiB + non-heap 256 MiB exceeds the memory limit 512Mi (512 MiB); the kernel OOM-kills the JVM before it collects`,
    ]);
    expect(findings([deployment('web', '1Gi', '-Xmx1g')])).toHaveLength(1);
    expect(findings([deployment('web', '1Gi', '-XX:MaxRAMPercentage=80', { [NON_HEAP_ANNOTATION]: '128' })])).toEqual([]);
    expect(findings([deployment('web', '1Gi', '-XX:MaxRAMPercentage=80')])).toHaveLength(1);
  });

  it('XL-GP-004: flags an ExternalSecret reading OpenBao outside its namespace\'s path', () => {
    const externalSecret = (key: string, store = 'openbao') => ({
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: 'orders-api-db', namespace: 'shop' },
      spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: store }, target: { name: 'orders-api-db' }, data: [{ secretKey: 'password', remoteRef: { key, property: 'password' } }] },
    });
    expect(findings([externalSecret('dev/shop/orders-api-db')])).toEqual([]);
    expect(findings([externalSecret('dev/billing/db')])).toEqual([
      `${GOLDEN_PATH_RULES.secretOutsideRole} external-secrets.io/v1/ExternalSecret shop/orders-api-db spec.data[0].remoteRef.key: OpenBao key "dev/billing/db" is outside dev/shop/, the only path namespace shop's role may read; store the secret under dev/shop/<name>`,
    ]);
    expect(findings([externalSecret('prod/shop/db')])).toHaveLength(1);
    expect(findings([externalSecret('dev/shop/../billing/db')])).toHaveLength(1);
    expect(findings([externalSecret('anything', 'aws-secrets')])).toEqual([]);
  });

  it('XL-GP-005: flags a tenant workload reading a Secret, or a key of it, that no ExternalSecret writes into its namespace', () => {
    const reader = (env: unknown[], extra: Record<string, unknown> = {}) => {
      const d = deployment('api');
      d.spec.template.spec.containers[0] = { ...d.spec.template.spec.containers[0], env: env as never, ...extra };
      return d;
    };
    const copy = (name: string, keys: string[], namespace = 'shop', dataFrom = false) => ({
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name, namespace },
      spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'kubernetes-databases' }, target: { name }, data: keys.map((k) => ({ secretKey: k, remoteRef: { key: name, property: k } })), ...(dataFrom ? { dataFrom: [{ extract: { key: name } }] } : {}) },
    });
    const password = { name: 'SPRING_DATASOURCE_PASSWORD', valueFrom: { secretKeyRef: { name: 'shop-pg-app', key: 'password' } } };
    expect(findings([reader([password]), copy('shop-pg-app', ['password'])])).toEqual([]);
    expect(findings([reader([password])])).toEqual([
      `${GOLDEN_PATH_RULES.undeliveredSecret} apps/v1/Deployment shop/api spec.template.spec.containers[0].env[SPRING_DATASOURCE_PASSWORD]: reads Secret shop/shop-pg-app, which no ExternalSecret writes into namespace shop; deliver it (declared secrets, or the data credentials of ADR 0054) or stop reading it`,
    ]);
    // a copy in another namespace does not count; a missing key does not either
    expect(findings([reader([password]), copy('shop-pg-app', ['password'], 'billing')])).toHaveLength(1);
    expect(findings([reader([password]), copy('shop-pg-app', ['username'])])).toEqual([
      `${GOLDEN_PATH_RULES.undeliveredSecret} apps/v1/Deployment shop/api spec.template.spec.containers[0].env[SPRING_DATASOURCE_PASSWORD]: reads key "password" of Secret shop/shop-pg-app, whose ExternalSecret writes only username; add the key to its spec.data`,
    ]);
    expect(findings([reader([password]), copy('shop-pg-app', [], 'shop', true)])).toEqual([]);
    expect(findings([reader([], { envFrom: [{ secretRef: { name: 'api-config' } }] })])).toHaveLength(1);
    expect(findings([reader([{ ...password, valueFrom: { secretKeyRef: { ...password.valueFrom.secretKeyRef, optional: true } } }])])).toEqual([]);
  });

  it('reads memory quantities', () => {
    expect([memoryMiB('1Gi'), memoryMiB('768Mi'), memoryMiB('1073741824'), memoryMiB('lots')]).toEqual([1024, 768, 1024, undefined]);
  });

  it('XL-GP-006: flags a ServiceMonitor port of an ambient namespace that the mesh does not admit for the plaintext scrape, and accepts the admission', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'istio.io/dataplane-mode': 'ambient' } } };
    const web = deployment('web');
    (web.spec.template.spec.containers[0] as Record<string, unknown>)['ports'] = [{ name: 'management', containerPort: 8081 }];
    const svc = { ...service('web'), spec: { selector: { 'app.kubernetes.io/name': 'web' }, ports: [{ name: 'management', port: 8081, targetPort: 'management' }] } };
    const monitor = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'web', namespace: 'shop', labels: labels('web') }, spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } }, endpoints: [{ port: 'management' }] } };
    const selector = { matchLabels: { 'app.kubernetes.io/name': 'web' } };
    const pa = { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'web-metrics-scrape', namespace: 'shop' }, spec: { selector, mtls: { mode: 'STRICT' }, portLevelMtls: { '8081': { mode: 'PERMISSIVE' } } } };
    const allow = { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: 'web-metrics-scrape', namespace: 'shop' }, spec: { selector, action: 'ALLOW', rules: [{ to: [{ operation: { ports: ['8081'] } }] }] } };
    const callersOnly = { ...allow, metadata: { name: 'web-callers', namespace: 'shop' }, spec: { selector, action: 'ALLOW', rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/api'] } }], to: [{ operation: { ports: ['8081'] } }] }] } };
    const at = `${GOLDEN_PATH_RULES.scrapeNotAdmitted} monitoring.coreos.com/v1/ServiceMonitor shop/web spec.endpoints[0].port: scrapes port 8081 of web in ambient namespace shop from outside the mesh, but nothing admits the plaintext scrape there: add`;
    expect(findings([ns, web, svc, monitor, pa, allow])).toEqual([]);
    // the defect of review s6 finding 4: only the callers' identity rule, mesh-wide STRICT
    expect(findings([ns, web, svc, monitor, callersOnly])).toEqual([`${at} a PeerAuthentication making it PERMISSIVE (portLevelMtls) and an ALLOW AuthorizationPolicy rule without principals to it (the golden path's MetricsScrapeAdmission)`]);
    expect(findings([ns, web, svc, monitor, pa, callersOnly])).toEqual([`${at} an ALLOW AuthorizationPolicy rule without principals to it (the golden path's MetricsScrapeAdmission)`]);
    const otherPort = { ...pa, spec: { ...pa.spec, portLevelMtls: { '8080': { mode: 'PERMISSIVE' } } } };
    expect(findings([ns, web, svc, monitor, otherPort, allow])).toEqual([`${at} a PeerAuthentication making it PERMISSIVE (portLevelMtls) (the golden path's MetricsScrapeAdmission)`]);
    // outside the mesh nothing is needed
    expect(findings([{ ...ns, metadata: { name: 'shop' } }, web, svc, monitor])).toEqual([]);
  });

  describe('XL-GP-007: routes the rendered ValidatingAdmissionPolicies would deny', () => {
    // a minimal hostname binding in the shape the mesh layer renders (its full CEL is tested with the construct)
    const policy = {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: 'tenant-routes' },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: { resourceRules: [{ apiGroups: ['gateway.networking.k8s.io'], apiVersions: ['*'], operations: ['CREATE', 'UPDATE'], resources: ['httproutes', 'grpcroutes'] }] },
        variables: [{ name: 'allowed', expression: "has(namespaceObject.metadata.annotations) && 'platform.io/route-hostnames' in namespaceObject.metadata.annotations ? namespaceObject.metadata.annotations['platform.io/route-hostnames'].split(',') : []" }],
        validations: [
          { expression: 'has(object.spec.hostnames) && size(object.spec.hostnames) > 0', message: 'spec.hostnames: must list hostnames' },
          { expression: '!has(object.spec.hostnames) || object.spec.hostnames.all(h, h in variables.allowed)', messageExpression: "'spec.hostnames: ' + object.spec.hostnames.join(', ') + ' not allowed in ' + namespaceObject.metadata.name" },
        ],
      },
    };
    const binding = (actions: string[]) => ({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name: 'tenant-routes' },
      spec: { policyName: 'tenant-routes', validationActions: actions, matchResources: { namespaceSelector: { matchExpressions: [{ key: 'platform.io/tenant', operator: 'Exists' }] } } },
    });
    const namespace = (name: string, hostnames?: string, tenant = true) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: tenant ? { 'platform.io/tenant': name } : {}, ...(hostnames ? { annotations: { 'platform.io/route-hostnames': hostnames } } : {}) },
    });
    const hostRoute = (ns: string, hostnames?: string[], kind = 'HTTPRoute') => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind,
      metadata: { name: 'web', namespace: ns },
      spec: { parentRefs: [{ name: 'platform-gateway', namespace: 'istio-ingress', sectionName: 'https' }], ...(hostnames ? { hostnames } : {}), rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] },
    });
    const xl7 = (objects: unknown[]) => findings(objects).filter((f) => f.startsWith(GOLDEN_PATH_RULES.routeNotAdmitted));

    it('accepts a route whose hostnames are its namespace own', () => {
      expect(xl7([policy, binding(['Deny']), namespace('shop', 'shop.apps.example.com,api.apps.example.com'), hostRoute('shop', ['api.apps.example.com', 'shop.apps.example.com'])])).toEqual([]);
    });

    it('flags a golden-path route whose hostname is outside its tenant allowed set, at spec.hostnames, for HTTPRoute and GRPCRoute', () => {
      const ns = namespace('shop', 'shop.apps.example.com');
      expect(xl7([policy, binding(['Deny']), ns, hostRoute('shop', ['orders.apps.example.com'])])).toEqual([
        `${GOLDEN_PATH_RULES.routeNotAdmitted} gateway.networking.k8s.io/v1/HTTPRoute shop/web spec.hostnames: ValidatingAdmissionPolicy tenant-routes (binding tenant-routes) denies it: spec.hostnames: orders.apps.example.com not allowed in shop`,
      ]);
      expect(xl7([policy, binding(['Deny']), ns, hostRoute('shop', ['orders.apps.example.com'], 'GRPCRoute')])).toHaveLength(1);
      // no hostnames: the first validation names the field
      expect(xl7([policy, binding(['Deny']), ns, hostRoute('shop')])).toEqual([
        `${GOLDEN_PATH_RULES.routeNotAdmitted} gateway.networking.k8s.io/v1/HTTPRoute shop/web spec.hostnames: ValidatingAdmissionPolicy tenant-routes (binding tenant-routes) denies it: spec.hostnames: must list hostnames`,
      ]);
    });

    it('flags a tenant namespace without the annotation: it may claim no hostname', () => {
      expect(xl7([policy, binding(['Deny']), namespace('shop'), hostRoute('shop', ['shop.apps.example.com'])])).toHaveLength(1);
    });

    it('does not flag what the bindings do not deny: a namespace outside the selector, a Warn-only binding, a route whose Namespace the tree does not render, or no policy at all', () => {
      expect(xl7([policy, binding(['Deny']), namespace('istio-ingress', undefined, false), hostRoute('istio-ingress', ['*.apps.example.com'])])).toEqual([]);
      expect(xl7([policy, binding(['Warn']), namespace('shop', 'shop.apps.example.com'), hostRoute('shop', ['orders.apps.example.com'])])).toEqual([]);
      expect(xl7([policy, binding(['Deny']), hostRoute('shop', ['orders.apps.example.com'])])).toEqual([]);
      expect(xl7([namespace('shop', 'shop.apps.example.com'), hostRoute('shop', ['orders.apps.example.com'])])).toEqual([]);
    });
  });
});
