import { fixtureInput, MESH_ADDONS_ENABLED } from '../testing/fixture-environment';
import { parseEnvironment } from '../validate-environment';
import { issuesOf } from '../testing/config-issues';

describe('mesh schema', () => {
  it('refuses a platform namespace in the mesh, with the reason', () => {
    const [issue] = issuesOf(fixtureInput({ mesh: { namespaces: ['team-a', 'kube-system'] } }));
    expect(issue).toMatch(/^test: mesh\.namespaces\[1\]: "kube-system" must stay out of the mesh \(EKS system pods/);
  });

  it('refuses a sampling rate outside 0-100 percent', () => {
    expect(issuesOf(fixtureInput({ mesh: { tracingSamplingPercent: 150 } }))).toEqual(['test: mesh.tracingSamplingPercent: must be between 0 and 100 (percent)']);
  });

  it('refuses a flow into a namespace outside the mesh, naming the fix', () => {
    const flows = [{ description: 'gateway to team-x services', from: { namespace: 'istio-ingress', serviceAccount: 'gw' }, to: { namespace: 'team-x', ports: [80] } }];
    expect(issuesOf(fixtureInput({ mesh: { flows } }))).toEqual(['test: mesh.flows[0].to.namespace: "team-x" is not in mesh.namespaces (team-a); add it there or remove the flow']);
  });

  it('refuses zero istiod replicas and an unknown data-plane mode', () => {
    const issues = issuesOf(fixtureInput({ mesh: { istiodReplicas: 0, dataplaneMode: 'proxyless' } }));
    expect(issues.some((i) => i.startsWith('test: mesh.istiodReplicas: must be at least 1'))).toBe(true);
    expect(issues.some((i) => i.startsWith('test: mesh.dataplaneMode:'))).toBe(true);
  });

  it('refuses istiod without the Gateway API CRDs (requires)', () => {
    const issues = issuesOf(fixtureInput({ addons: { enabled: { 'istio-base': true, istiod: true } } }));
    expect(issues.join('\n')).toContain('gateway-api-crds');
  });

  it('refuses the ingress gateway without cert-manager, naming both add-ons (no stand-in certificate)', () => {
    const enabled = { ...MESH_ADDONS_ENABLED, 'cert-manager': false };
    expect(issuesOf(fixtureInput({ addons: { enabled } }))).toEqual([
      'test: addons.enabled.istio-ingress: istio-ingress requires cert-manager; set addons.enabled.cert-manager: true or addons.enabled.istio-ingress: false',
    ]);
  });

  it('refuses two flows that admit the same identity into one namespace (their policies would share a name)', () => {
    const flow = { description: 'gateway to team-a services', from: { namespace: 'istio-ingress', serviceAccount: 'gw' }, to: { namespace: 'team-a', ports: [80] } };
    expect(issuesOf(fixtureInput({ mesh: { flows: [flow, { ...flow, to: { ...flow.to, ports: [8080] } }] } }))).toEqual([
      'test: mesh.flows[1]: admits istio-ingress/gw into team-a like mesh.flows[0]; merge their ports into one flow',
    ]);
  });

  it('refuses a meshed namespace that is not a tenant namespace while the mesh runs, and only then', () => {
    const mesh = { namespaces: ['team-a', 'team-z'] };
    expect(issuesOf(fixtureInput({ addons: { enabled: MESH_ADDONS_ENABLED }, mesh }))).toEqual([
      'test: mesh.namespaces[1]: "team-z" is not a tenant namespace (team-a); add it to tenants or remove it from mesh.namespaces',
    ]);
    expect(() => parseEnvironment('test', fixtureInput({ mesh }))).not.toThrow();
  });
});
