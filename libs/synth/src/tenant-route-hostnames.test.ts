import { synthClusterAddons } from '@platform/cluster-addons';
import { tenantRouteHostnames } from '@platform/config';
import { AdmissionPolicyEvaluator, type RenderedAdmissionPolicy, type RenderedAdmissionPolicyBinding } from '@platform/validation';
import { parseAllDocuments } from 'yaml';
import { loadEnvironment } from './environment-loader';

type Obj = { kind: string; apiVersion: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- walks the rendered YAML

/** Route hijacking guard per real environment (ADR 0056): the policy, its binding, the data it reads, and its verdicts on the rendered routes. */
describe.each(['dev', 'staging', 'prod'])('tenant route hostnames of %s', (name) => {
  const env = loadEnvironment(name);
  // the tenant Namespaces (baseline), the Gateway and its policy (istio-ingress), the golden-path routes (tenants)
  const rendered = synthClusterAddons(env).files.filter((f) => /^kubernetes\/(addons\/(baseline|istio-ingress)|tenants)\//.test(f.path));
  const files = new Map(rendered.map((f) => [f.path, parseAllDocuments(f.content).map((d) => d.toJS() as Obj).filter(Boolean)]));
  const all = [...files.values()].flat();
  const admission = files.get('kubernetes/addons/istio-ingress/route-admission.yaml') ?? [];
  const policy = admission.find((o) => o.kind === 'ValidatingAdmissionPolicy') as unknown as RenderedAdmissionPolicy;
  const binding = admission.find((o) => o.kind === 'ValidatingAdmissionPolicyBinding') as unknown as RenderedAdmissionPolicyBinding;
  const namespaces = new Map(all.filter((o) => o.kind === 'Namespace').map((o) => [o.metadata.name, o]));
  const routes = all.filter((o) => o.kind === 'HTTPRoute');
  const evaluator = new AdmissionPolicyEvaluator();
  const judge = (route: Obj) => evaluator.verdict(policy, binding, { operation: 'CREATE', resource: 'httproutes', object: route, namespaceObject: namespaces.get(route.metadata.namespace ?? '') });

  it('renders the policy and its Deny binding, scoped to the namespaces labelled platform.io/tenant', () => {
    expect(policy?.spec.failurePolicy).toBe('Fail');
    expect(binding?.spec).toMatchObject({ policyName: policy.metadata.name, validationActions: ['Deny'], matchResources: { namespaceSelector: { matchExpressions: [{ key: 'platform.io/tenant', operator: 'Exists' }] } } });
  });

  it('labels every tenant namespace and annotates it with exactly the hostnames its configuration declares', () => {
    for (const t of env.tenants) {
      const ns = namespaces.get(t.namespace);
      expect([t.namespace, ns?.metadata.labels?.['platform.io/tenant']]).toEqual([t.namespace, t.namespace]);
      const declared = tenantRouteHostnames(env, t.namespace);
      expect([t.namespace, ns?.metadata.annotations?.['platform.io/route-hostnames']]).toEqual([t.namespace, declared.length > 0 ? declared.join(',') : undefined]);
    }
  });

  it('binds every namespace the Gateway https listener admits routes from (each carries the tenant label)', () => {
    const gateway = all.find((o) => o.kind === 'Gateway' && o.metadata.name === 'platform-gateway');
    const https = gateway?.spec?.['listeners'].find((l: { name: string }) => l.name === 'https');
    expect(https.allowedRoutes.namespaces.from).toBe('Selector');
    const admitted: string[] = https.allowedRoutes.namespaces.selector.matchExpressions.find((e: { key: string }) => e.key === 'kubernetes.io/metadata.name').values;
    expect(admitted.length).toBeGreaterThan(0);
    for (const ns of admitted) expect([ns, namespaces.get(ns)?.metadata.labels?.['platform.io/tenant']]).toEqual([ns, ns]);
  });

  it('admits every rendered tenant route, and judges none outside tenant namespaces', () => {
    const tenantRoutes = routes.filter((r) => env.tenants.some((t) => t.namespace === r.metadata.namespace));
    expect(tenantRoutes.length).toBeGreaterThan(0);
    for (const r of tenantRoutes) expect([r.metadata.name, judge(r)]).toEqual([r.metadata.name, { result: 'allowed' }]);
    for (const r of routes.filter((x) => !tenantRoutes.includes(x))) expect([r.metadata.name, judge(r)]).toEqual([r.metadata.name, { result: 'skipped' }]);
  });

  it('denies the golden-path route of ecotrack copied into team-orders (hijack), and with its hostnames removed', () => {
    const route = routes.find((r) => r.metadata.namespace === 'ecotrack') as Obj;
    const hijack = { ...route, metadata: { ...route.metadata, namespace: 'team-orders' } };
    expect(judge(hijack)).toMatchObject({ result: 'denied', messages: [expect.stringContaining(`spec.hostnames: ${route.spec?.['hostnames'][0]} not allowed in namespace team-orders`)] });
    expect(judge({ ...route, spec: { ...route.spec, hostnames: [] } })).toMatchObject({ result: 'denied' });
  });
});
