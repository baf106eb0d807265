import { AdmissionPolicyEvaluator, type AdmissionRequest, type RenderedAdmissionPolicy, type RenderedAdmissionPolicyBinding, resolveUpstreamDir } from '@platform/validation';
import { CelKindTyper } from '@platform/validation/testing';
import { Testing } from 'cdk8s';
import { TENANT_ROUTE_POLICY_NAME, TenantRouteAdmissionPolicy } from './tenant-route-admission-policy';

const LISTENER = { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'istio-ingress', name: 'platform-gateway', sectionName: 'https' } as const;
const DOMAIN = 'apps.dev.platform.acme.example';

const chart = Testing.chart();
new TenantRouteAdmissionPolicy(chart, 'tenant-routes', { listener: LISTENER, listenerPort: 443 });
const objects = Testing.synth(chart) as { kind: string }[];
const policy = objects.find((o) => o.kind === 'ValidatingAdmissionPolicy') as unknown as RenderedAdmissionPolicy;
const binding = objects.find((o) => o.kind === 'ValidatingAdmissionPolicyBinding') as unknown as RenderedAdmissionPolicyBinding;
const evaluator = new AdmissionPolicyEvaluator();

type Obj = Record<string, unknown>;
/** A tenant Namespace as the baseline renders it: tenant label, allowed hostnames annotation. */
const tenantNamespace = (name: string, hostnames?: string): Obj => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels: { 'platform.io/tenant': name, 'kubernetes.io/metadata.name': name }, annotations: hostnames === undefined ? { 'platform.io/owner': 'team@acme.example' } : { 'platform.io/owner': 'team@acme.example', 'platform.io/route-hostnames': hostnames } },
});
const NAMESPACES: Record<string, Obj> = {
  ecotrack: tenantNamespace('ecotrack', `ecotrack.${DOMAIN}`),
  'team-orders': tenantNamespace('team-orders', `orders.${DOMAIN},orders-admin.${DOMAIN}`),
  'team-payments': tenantNamespace('team-payments'),
  'istio-ingress': { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-ingress', labels: { 'kubernetes.io/metadata.name': 'istio-ingress' } } },
};
const gatewayRef = (extra: Obj = {}): Obj => ({ ...LISTENER, ...extra });
/** A route as the API server sees it (CRD defaults applied: parentRef group and kind). */
const route = (namespace: string, spec: Obj, kind: 'HTTPRoute' | 'GRPCRoute' = 'HTTPRoute'): Obj => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind, metadata: { name: 'web', namespace }, spec: { rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }], ...spec } });
const request = (object: Obj, operation: AdmissionRequest['operation'] = 'CREATE'): AdmissionRequest => ({
  operation,
  resource: `${String(object['kind']).toLowerCase()}s`,
  object,
  namespaceObject: NAMESPACES[String((object['metadata'] as Obj)['namespace'])],
});
const verdict = (object: Obj, operation: AdmissionRequest['operation'] = 'CREATE') => evaluator.verdict(policy, binding, request(object, operation));

describe('TenantRouteAdmissionPolicy', () => {
  it('is a fail-closed policy on CREATE and UPDATE of HTTPRoutes and GRPCRoutes, bound with Deny to the namespaces labelled platform.io/tenant', () => {
    expect(policy.metadata.name).toBe(TENANT_ROUTE_POLICY_NAME);
    expect(policy.spec.failurePolicy).toBe('Fail');
    expect(policy.spec.matchConstraints?.resourceRules).toEqual([{ apiGroups: ['gateway.networking.k8s.io'], apiVersions: ['*'], operations: ['CREATE', 'UPDATE'], resources: ['httproutes', 'grpcroutes'] }]);
    expect(binding.spec).toEqual({ policyName: TENANT_ROUTE_POLICY_NAME, validationActions: ['Deny'], matchResources: { namespaceSelector: { matchExpressions: [{ key: 'platform.io/tenant', operator: 'Exists' }] } } });
  });

  it('admits a route on the tenant listener for the namespace own hostnames, HTTPRoute and GRPCRoute, on CREATE and UPDATE', () => {
    expect(verdict(route('ecotrack', { parentRefs: [gatewayRef()], hostnames: [`ecotrack.${DOMAIN}`] }))).toEqual({ result: 'allowed' });
    expect(verdict(route('ecotrack', { parentRefs: [gatewayRef()], hostnames: [`ecotrack.${DOMAIN}`] }), 'UPDATE')).toEqual({ result: 'allowed' });
    expect(verdict(route('team-orders', { parentRefs: [gatewayRef({ port: 443 })], hostnames: [`orders-admin.${DOMAIN}`, `orders.${DOMAIN}`] }, 'GRPCRoute'))).toEqual({ result: 'allowed' });
  });

  it('denies another tenant hostname, naming the hostname and the namespace allowed set', () => {
    const v = verdict(route('team-orders', { parentRefs: [gatewayRef()], hostnames: [`orders.${DOMAIN}`, `ecotrack.${DOMAIN}`] }));
    expect(v).toEqual({
      result: 'denied',
      actions: ['Deny'],
      messages: [
        `spec.hostnames: ecotrack.${DOMAIN} not allowed in namespace team-orders (platform.io/route-hostnames: orders.${DOMAIN}, orders-admin.${DOMAIN}); a hostname belongs to the tenant that declares it (tenants[].routeHosts or services[].route.host of the environment file)`,
      ],
    });
    // the same on UPDATE: an admitted route cannot be edited into a hijack
    expect(verdict(route('team-orders', { parentRefs: [gatewayRef()], hostnames: [`ecotrack.${DOMAIN}`] }), 'UPDATE')).toMatchObject({ result: 'denied' });
    expect(verdict(route('team-orders', { parentRefs: [gatewayRef()], hostnames: [`ecotrack.${DOMAIN}`] }, 'GRPCRoute'))).toMatchObject({ result: 'denied' });
  });

  it('denies a wildcard hostname, even one covering only the tenant own hosts', () => {
    for (const h of [`*.${DOMAIN}`, `*.ecotrack.${DOMAIN}`]) {
      expect(verdict(route('ecotrack', { parentRefs: [gatewayRef()], hostnames: [h] }))).toMatchObject({ result: 'denied', messages: [expect.stringContaining(`spec.hostnames: ${h} not allowed in namespace ecotrack`)] });
    }
  });

  it('denies a route on the Gateway without hostnames (absent or empty: it would inherit the listener wildcard)', () => {
    for (const spec of [{ parentRefs: [gatewayRef()] }, { parentRefs: [gatewayRef()], hostnames: [] }]) {
      const v = verdict(route('ecotrack', spec));
      expect(v).toMatchObject({ result: 'denied' });
      expect(v.result === 'denied' && v.messages).toEqual([expect.stringMatching(/^spec\.hostnames: a route on the shared Gateway must list its hostnames/)]);
    }
  });

  it('denies every hostname in a tenant namespace without allowed hostnames', () => {
    expect(verdict(route('team-payments', { parentRefs: [gatewayRef()], hostnames: [`payments.${DOMAIN}`] }))).toMatchObject({
      result: 'denied',
      messages: [expect.stringContaining(`spec.hostnames: payments.${DOMAIN} not allowed in namespace team-payments (platform.io/route-hostnames: none)`)],
    });
  });

  it('denies parents other than the tenant listener of the shared Gateway', () => {
    const parents: Obj[] = [
      gatewayRef({ sectionName: 'http' }),
      gatewayRef({ sectionName: undefined }),
      gatewayRef({ port: 80 }),
      { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'platform-gateway', sectionName: 'https' },
      gatewayRef({ name: 'other-gateway' }),
      gatewayRef({ namespace: 'ecotrack' }),
      { group: 'example.com', kind: 'Gateway', name: 'platform-gateway', namespace: 'istio-ingress' },
    ];
    for (const p of parents) {
      const clean = Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));
      expect([clean, verdict(route('ecotrack', { parentRefs: [clean], hostnames: [`ecotrack.${DOMAIN}`] })).result]).toEqual([clean, 'denied']);
    }
    // a second, foreign parent next to the tenant listener is denied too
    expect(verdict(route('ecotrack', { parentRefs: [gatewayRef(), gatewayRef({ sectionName: 'http' })], hostnames: [`ecotrack.${DOMAIN}`] }))).toMatchObject({
      result: 'denied',
      messages: ['spec.parentRefs: a tenant route attaches to the Gateway only as {group: gateway.networking.k8s.io, kind: Gateway, namespace: istio-ingress, name: platform-gateway, sectionName: https} (port unset or 443)'],
    });
  });

  it('admits a mesh route whose parent is a Service (it never attaches to the Gateway), without hostnames', () => {
    expect(verdict(route('ecotrack', { parentRefs: [{ group: '', kind: 'Service', name: 'web', port: 8080 }] }))).toEqual({ result: 'allowed' });
  });

  it('does not judge platform namespaces (no platform.io/tenant label): the Gateway own redirect route keeps its wildcard', () => {
    const redirect = route('istio-ingress', { parentRefs: [gatewayRef({ sectionName: 'http' })], hostnames: [`*.${DOMAIN}`] });
    expect(verdict(redirect)).toEqual({ result: 'skipped' });
  });

  it('carries CEL that type-checks with cel-js against the HTTPRoute and GRPCRoute CRDs of Gateway API v1.5.1 and the core Namespace (a misspelled field cannot ship)', () => {
    const typer = new CelKindTyper(resolveUpstreamDir(undefined, { cwd: process.cwd() }), '1.34');
    const spec = policy.spec as RenderedAdmissionPolicy['spec'] & { validations: { expression: string; messageExpression?: string }[] };
    const problems: string[] = [];
    let checked = 0;
    for (const kind of ['HTTPRoute', 'GRPCRoute']) {
      const env = typer.environmentOf('gateway.networking.k8s.io', kind, spec.variables, { namespaceObject: true });
      if (!env) throw new Error(`no schema for gateway.networking.k8s.io/${kind} in the reference data`);
      const expressions = [
        ...(spec.variables ?? []).map((v) => ({ what: `variable ${v.name}`, expression: v.expression, type: v.name === 'attachesToGateway' ? 'bool' : 'list<string>' })),
        ...spec.validations.flatMap((v, i) => [
          { what: `validations[${i}]`, expression: v.expression, type: 'bool' },
          ...(v.messageExpression ? [{ what: `validations[${i}].messageExpression`, expression: v.messageExpression, type: 'string' }] : []),
        ]),
      ];
      for (const e of expressions) {
        const result = env.check(e.expression);
        checked++;
        if (!result.valid) problems.push(`${kind} ${e.what}: ${String(result.error?.message).split('\n')[0]}`);
        else if (result.type !== e.type) problems.push(`${kind} ${e.what}: type ${result.type}, not ${e.type}`);
      }
      // the check bites: a misspelled field of the route is refused
      expect(env.check("!has(object.spec.parentRefs) || object.spec.parentRefs.all(p, p.sectionname == 'https')").valid).toBe(false);
      expect(env.check("namespaceObject.metadata.nam == 'ecotrack'").valid).toBe(false);
      expect(env.check("namespaceObject.metadata.name == 'ecotrack'").valid).toBe(true);
    }
    expect(problems).toEqual([]);
    expect(checked).toBe(16);
  });

  it('refuses a listener without sectionName and a port outside 1-65535, naming the prop and value', () => {
    expect(() => new TenantRouteAdmissionPolicy(Testing.chart(), 'p', { listener: { ...LISTENER, sectionName: undefined }, listenerPort: 443 })).toThrow(
      'TenantRouteAdmissionPolicy: listener.sectionName is not set (listener istio-ingress/platform-gateway); name the one listener tenant routes attach to',
    );
    expect(() => new TenantRouteAdmissionPolicy(Testing.chart(), 'p', { listener: LISTENER, listenerPort: 0 })).toThrow('TenantRouteAdmissionPolicy: listenerPort 0 is not a port (1-65535)');
  });
});
