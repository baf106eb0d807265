import { Testing } from 'cdk8s';
import { type MeshFlow } from './mesh-flow';
import { MeshFlowPolicies } from './mesh-flow-policies';

const flow: MeshFlow = { description: 'team-a web reads the team-b API', from: { namespace: 'team-a', serviceAccount: 'web' }, to: { namespace: 'team-b', podLabels: { app: 'api' }, ports: [8080] }, http: { methods: ['GET'], paths: ['/api/*'] } };

interface Obj {
  kind: string;
  metadata: { name: string; namespace: string };
  spec: Record<string, unknown>;
}

function render(props: Omit<ConstructorParameters<typeof MeshFlowPolicies>[2], 'flow'>): Obj[] {
  const chart = Testing.chart();
  new MeshFlowPolicies(chart, 'flow', { flow, ...props });
  return Testing.synth(chart) as Obj[];
}

describe('MeshFlowPolicies', () => {
  it('opens only the application port with sidecars (no HBONE), from the caller namespace to the called pods', () => {
    const [ingress, egress] = render({ dataplaneMode: 'sidecar', waypoint: false }).filter((o) => o.kind === 'NetworkPolicy');
    expect(ingress?.spec['ingress']).toEqual([{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'team-a' } } }], ports: [{ port: 8080, protocol: 'TCP' }] }]);
    expect(egress?.metadata).toMatchObject({ name: 'allow-to-team-b', namespace: 'team-a' });
    expect(egress?.spec['egress']).toEqual([{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'team-b' } }, podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 8080, protocol: 'TCP' }] }]);
  });

  it('binds an L7 flow to the waypoint only when the called namespace has one; otherwise enforces it at L4', () => {
    const authz = (objs: Obj[]) => objs.find((o) => o.kind === 'AuthorizationPolicy')?.spec;
    expect(authz(render({ dataplaneMode: 'ambient', waypoint: true }))).toMatchObject({ targetRefs: [{ kind: 'Gateway', name: 'waypoint' }] });
    expect(authz(render({ dataplaneMode: 'ambient', waypoint: false }))).toEqual({ selector: { matchLabels: { app: 'api' } }, action: 'ALLOW', rules: [{ from: [{ source: { principals: ['cluster.local/ns/team-a/sa/web'] } }], to: [{ operation: { ports: ['8080'] } }] }] });
  });

  it('leaves the caller egress to its add-on when asked', () => {
    expect(render({ dataplaneMode: 'ambient', waypoint: false, sourceEgress: false }).filter((o) => o.kind === 'NetworkPolicy').map((o) => o.metadata.namespace)).toEqual(['team-b']);
  });
});
