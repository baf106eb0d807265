import { issuesOf } from './testing/config-issues';
import { fixtureInput } from './testing/fixture-environment';
import { goldenPathPatch } from './testing/golden-path-fixture';
import { parseEnvironment } from './validate-environment';
import { ingressHostname, ingressWildcardHostname, tenantRouteHostnames, tenantRouteHosts } from './tenant-route-hostnames';

type Tenant = Record<string, unknown>;
/** The golden-path fixture (tenants team-a and shop, both meshed, the ingress Gateway on) with the tenants changed by `edit`. */
function withTenants(edit: (tenants: Tenant[]) => Tenant[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  const patch = goldenPathPatch();
  return { ...patch, ...extra, tenants: edit(structuredClone(patch['tenants'] as Tenant[])) };
}
const setRouteHosts = (namespace: string, routeHosts: unknown) => (ts: Tenant[]) => ts.map((t) => (t['namespace'] === namespace ? { ...t, routeHosts } : t));

describe('tenant route hostnames', () => {
  it('are the tenant routeHosts and its services route hosts below *.apps.<domain>, sorted and without duplicates', () => {
    const env = parseEnvironment('test', fixtureInput(withTenants((ts) => setRouteHosts('shop', ['shop', 'api'])(setRouteHosts('team-a', ['orders'])(ts)))));
    expect(tenantRouteHosts(env, 'shop')).toEqual(['api', 'shop']);
    expect(tenantRouteHostnames(env, 'shop')).toEqual(['api.apps.test.acme.example', 'shop.apps.test.acme.example']);
    expect(tenantRouteHostnames(env, 'team-a')).toEqual(['orders.apps.test.acme.example']);
    expect(ingressWildcardHostname(env.dns.domain)).toBe('*.apps.test.acme.example');
    expect(ingressHostname(env.dns.domain, 'orders')).toBe('orders.apps.test.acme.example');
  });

  it('are empty for a tenant without routeHosts or routed services (every route it attaches to the Gateway is denied)', () => {
    const env = parseEnvironment('test', fixtureInput(goldenPathPatch()));
    expect(tenantRouteHostnames(env, 'team-a')).toEqual([]);
  });

  it('refuses a namespace that is not a tenant, naming the environment and the tenants', () => {
    const env = parseEnvironment('test', fixtureInput(goldenPathPatch()));
    expect(() => tenantRouteHostnames(env, 'team-z')).toThrow('test: "team-z" is not a tenant namespace (tenants[].namespace: team-a, shop)');
  });

  it('refuses a host a service of another tenant routes, naming both tenants and where the owner declares it', () => {
    expect(issuesOf(fixtureInput(withTenants(setRouteHosts('team-a', ['shop']))))).toEqual([
      'test: tenants[1].services[0].route.host: tenant "shop" service "storefront" route.host: "shop" is a route host of tenant "team-a" (tenants[0].routeHosts[0]); a host belongs to one tenant on the shared ingress Gateway: pick another label',
    ]);
  });

  it('refuses a host two tenants list in routeHosts', () => {
    const input = fixtureInput(withTenants((ts) => setRouteHosts('shop', ['web'])(setRouteHosts('team-a', ['web'])(ts))));
    expect(issuesOf(input)).toEqual([
      'test: tenants[1].routeHosts[0]: tenant "shop" routeHosts: "web" is a route host of tenant "team-a" (tenants[0].routeHosts[0]); a host belongs to one tenant on the shared ingress Gateway: pick another label',
    ]);
  });

  it('refuses a duplicate in one tenant routeHosts', () => {
    expect(issuesOf(fixtureInput(withTenants(setRouteHosts('team-a', ['web', 'web']))))).toEqual(['test: tenants[0].routeHosts[1]: duplicate route host "web" (also routeHosts[0])']);
  });

  it('refuses a route host that is not a DNS label', () => {
    expect(issuesOf(fixtureInput(withTenants(setRouteHosts('team-a', ['Web.example']))))).toEqual([
      'test: tenants[0].routeHosts[0]: must be a DNS-1123 label (lower-case letters, digits, -), the host below *.apps.<dns.domain>',
    ]);
  });

  it('refuses routeHosts without the ingress Gateway', () => {
    const input = fixtureInput({ tenants: [{ namespace: 'team-a', owner: 'team-a@acme.example', routeHosts: ['web'], quota: { requestsCpu: 4, requestsMemoryGiB: 8, limitsMemoryGiB: 16, pods: 50, persistentVolumeClaims: 5, requestsStorageGiB: 50 } }] });
    expect(issuesOf(input)).toEqual(['test: tenants[0].routeHosts: tenant "team-a" routeHosts: routes attach to the ingress Gateway, which is off; set addons.enabled.istio-ingress to true or remove routeHosts']);
  });

  it('refuses routeHosts of a namespace the Gateway does not admit routes from (outside mesh.namespaces)', () => {
    const mesh = (goldenPathPatch()['mesh'] as { flows: { to: { namespace: string } }[] });
    const input = fixtureInput(withTenants(setRouteHosts('team-a', ['web']), { mesh: { namespaces: ['shop'], flows: mesh.flows.filter((f) => f.to.namespace === 'shop') } }));
    expect(issuesOf(input)).toEqual(['test: tenants[0].routeHosts: tenant "team-a" routeHosts: the ingress Gateway admits routes only from mesh.namespaces (shop); add "team-a" to mesh.namespaces or remove routeHosts']);
  });
});
