import { loadDistTree } from '../dist-tree';
import { type FixtureFile, writeFixtureTree } from '../testing/fixture-tree';
import { validateMesh } from './validate-mesh';

const ENV = 'dev';
const tree = (files: Record<string, FixtureFile>) => loadDistTree(writeFixtureTree(ENV, files), ENV, 'dist');
const rulesOf = (files: Record<string, FixtureFile>): string[] => validateMesh(tree(files).objects).map((f) => `${f.rule} ${f.object} ${f.path}`);

const ns = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
const sa = (namespace: string, name: string) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } });
const svc = (namespace: string, name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { ports: [{ port: 8080 }] } });
const deny = (namespace: string) => ({ apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: 'default-deny', namespace }, spec: {} });
const allow = (namespace: string, principal: string) => ({
  apiVersion: 'security.istio.io/v1',
  kind: 'AuthorizationPolicy',
  metadata: { name: 'allow', namespace },
  spec: { action: 'ALLOW', rules: [{ from: [{ source: { principals: [principal] } }] }] },
});
const gateway = (namespace: string, name: string, gatewayClassName: string) => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name, namespace }, spec: { gatewayClassName, listeners: [] } });
const route = (namespace: string, backend: string, backendNamespace?: string) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'web', namespace },
  spec: { rules: [{ backendRefs: [{ name: backend, port: 8080, ...(backendNamespace ? { namespace: backendNamespace } : {}) }] }] },
});

const AMBIENT = { 'istio.io/dataplane-mode': 'ambient' };

describe('validateMesh', () => {
  it('accepts a meshed namespace with its default deny, principals of rendered and gateway ServiceAccounts, and routes to rendered Services', () => {
    expect(
      rulesOf({
        'kubernetes/addons/a/all.yaml': {
          yaml: [ns('team-a', AMBIENT), deny('team-a'), sa('team-a', 'web'), gateway('istio-ingress', 'platform-gateway', 'istio'), gateway('team-a', 'waypoint', 'istio-waypoint')],
        },
        'kubernetes/addons/a/policies.yaml': {
          yaml: [allow('team-a', 'cluster.local/ns/team-a/sa/web'), allow('team-a', 'cluster.local/ns/istio-ingress/sa/platform-gateway-istio'), allow('team-a', 'cluster.local/ns/team-a/sa/waypoint')],
        },
        'kubernetes/addons/a/routes.yaml': { yaml: [svc('team-a', 'web'), route('team-a', 'web')] },
      }),
    ).toEqual([]);
  });

  it('XL-MESH-001: flags a principal naming a ServiceAccount that is not rendered, and wildcards', () => {
    expect(
      rulesOf({
        'kubernetes/addons/a/all.yaml': { yaml: [ns('team-a', AMBIENT), deny('team-a'), allow('team-a', 'cluster.local/ns/team-b/sa/ghost')] },
        'kubernetes/addons/a/wild.yaml': { yaml: [{ ...allow('team-a', 'cluster.local/ns/team-b/sa/*'), metadata: { name: 'wild', namespace: 'team-a' } }] },
      }),
    ).toEqual([
      'XL-MESH-001 security.istio.io/v1/AuthorizationPolicy team-a/allow spec.rules[0].from[0].source.principals[0]',
      'XL-MESH-001 security.istio.io/v1/AuthorizationPolicy team-a/wild spec.rules[0].from[0].source.principals[0]',
    ]);
  });

  it('XL-MESH-002: flags a meshed namespace without an allow-nothing policy (a policy with rules does not count)', () => {
    expect(
      rulesOf({
        'kubernetes/addons/a/all.yaml': { yaml: [ns('team-a', AMBIENT), ns('team-b', { 'istio-injection': 'enabled' }), ns('outside'), sa('team-a', 'web'), allow('team-a', 'cluster.local/ns/team-a/sa/web'), deny('team-b')] },
      }),
    ).toEqual(['XL-MESH-002 v1/Namespace team-a metadata.labels']);
  });

  it('XL-MESH-003: flags an HTTPRoute backend that is not a rendered Service, also across namespaces', () => {
    expect(
      rulesOf({
        'kubernetes/addons/a/routes.yaml': { yaml: [svc('team-a', 'web'), route('team-a', 'api'), { ...route('team-a', 'web', 'team-b'), metadata: { name: 'cross', namespace: 'team-a' } }] },
      }),
    ).toEqual(['XL-MESH-003 gateway.networking.k8s.io/v1/HTTPRoute team-a/web spec.rules[0].backendRefs[0].name', 'XL-MESH-003 gateway.networking.k8s.io/v1/HTTPRoute team-a/cross spec.rules[0].backendRefs[0].name']);
  });
});
