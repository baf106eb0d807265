import { Testing } from 'cdk8s';
import { TenantNamespace, type TenantNamespaceProps } from './tenant-namespace';

const props: TenantNamespaceProps = {
  environment: 'dev',
  kubernetesVersion: '1.34',
  namespace: 'team-a',
  owner: 'team-a@acme.example',
  quota: { requestsCpu: 4, requestsMemoryGiB: 8, limitsMemoryGiB: 16, pods: 50, persistentVolumeClaims: 5, requestsStorageGiB: 50 },
};
type Ns = { kind: string; metadata: { labels: Record<string, string>; annotations: Record<string, string> } };
const namespaceOf = (p: TenantNamespaceProps): Ns => {
  const chart = Testing.chart();
  new TenantNamespace(chart, 'tenant', p);
  return (Testing.synth(chart) as Ns[]).find((o) => o.kind === 'Namespace') as Ns;
};

describe('TenantNamespace route hostnames (the data of the ingress Gateway admission policy, ADR 0056)', () => {
  it('labels the namespace platform.io/tenant and annotates its hostnames sorted, once each, comma-separated', () => {
    const ns = namespaceOf({ ...props, routeHostnames: ['web.apps.dev.acme.example', 'api.apps.dev.acme.example', 'web.apps.dev.acme.example'] });
    expect(ns.metadata.labels['platform.io/tenant']).toBe('team-a');
    expect(ns.metadata.annotations['platform.io/route-hostnames']).toBe('api.apps.dev.acme.example,web.apps.dev.acme.example');
  });

  it('renders no annotation without hostnames (the policy then denies every route of the namespace on the Gateway)', () => {
    expect(namespaceOf(props).metadata.annotations).not.toHaveProperty('platform.io/route-hostnames');
    expect(namespaceOf({ ...props, routeHostnames: [] }).metadata.annotations).not.toHaveProperty('platform.io/route-hostnames');
  });

  it.each(['*.apps.dev.acme.example', 'Web.apps.dev.acme.example', 'a.example,b.example', ''])('refuses the hostname %j, naming the environment, namespace and value', (h) => {
    expect(() => namespaceOf({ ...props, routeHostnames: [h] })).toThrow(`dev: tenant namespace "team-a" routeHostnames: "${h}" is not a lower-case DNS name such as orders.apps.example.com (no wildcard, no ,)`);
  });
});
