import { Chart, Testing } from 'cdk8s';
import { KubeConfigMap } from '@platform/k8s-imports/k8s';
import { DRILL_EXCLUDED_RESOURCES, RestoreDrill, type RestoreDrillProps } from './restore-drill';

type Obj = { kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec?: Record<string, unknown> };

/** Flat props as the add-on root maps them from an environment. */
const BASE: RestoreDrillProps = {
  environment: 'test',
  kubernetesVersion: '1.34',
  vpcCidr: '10.20.0.0/16',
  kubernetesApiServiceIp: '172.20.0.1',
  rpoMinutes: 1440,
  rtoMinutes: 480,
  veleroNamespace: 'velero',
  schedule: 'cluster',
  namespaces: ['team-a', 'team-b'],
  scratchNamespace: 'drill-restore',
};

function render(props: Partial<RestoreDrillProps> = {}) {
  const chart = new Chart(Testing.app(), 'drill');
  const drill = new RestoreDrill(chart, 'drill', { ...BASE, ...props });
  return { drill, objects: chart.toJson() as Obj[] };
}

describe('RestoreDrill', () => {
  it('restores the latest backup of the schedule into the scratch namespace, volumes from their snapshots', () => {
    const { objects } = render();
    const restore = objects.find((o) => o.kind === 'Restore');
    expect(restore?.metadata).toMatchObject({ name: 'drill-cluster', namespace: 'velero', labels: { 'platform.io/drill': 'drill-cluster' } });
    expect(restore?.spec).toEqual({
      scheduleName: 'cluster',
      includedNamespaces: ['team-a', 'team-b'],
      namespaceMapping: { 'team-a': 'drill-restore', 'team-b': 'drill-restore' },
      excludedResources: [...DRILL_EXCLUDED_RESOURCES],
      restorePVs: true,
      existingResourcePolicy: 'none',
    });
  });

  it('isolates the scratch namespace: restricted, deny-all but DNS and in-namespace traffic, no routes, Ingresses or foreign NetworkPolicies', () => {
    const { objects } = render();
    const ns = objects.find((o) => o.kind === 'Namespace');
    expect(ns?.metadata.labels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'v1.34', 'platform.io/drill': 'drill-cluster' });
    expect(objects.filter((o) => o.kind === 'NetworkPolicy').map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['drill-restore/default-deny', 'drill-restore/allow-dns-egress', 'drill-restore/allow-same-namespace']);
    expect(DRILL_EXCLUDED_RESOURCES).toEqual(expect.arrayContaining(['httproutes.gateway.networking.k8s.io', 'ingresses.networking.k8s.io', 'networkpolicies.networking.k8s.io']));
  });

  it('refuses a scratch namespace that is one of the restored namespaces, naming the field', () => {
    expect(() => render({ scratchNamespace: 'team-a' })).toThrow('test: dr.drill.scratchNamespace "team-a" is also in dr.drill.namespaces; a drill must restore next to the original, never over it');
  });

  it('writes a checklist whose timed steps add up to the RTO, with exact commands', () => {
    const { drill } = render({ rtoMinutes: 240, rpoMinutes: 360 });
    const budgets = [...drill.checklist.matchAll(/^\| \d+ \| .* \| (\d+) \| \| \|$/gm)].map((m) => Number(m[1]));
    expect(budgets.length).toBe(4);
    expect(budgets.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(240);
    expect(drill.checklist).toContain('RPO 360 min, RTO 240 min');
    expect(drill.checklist).toContain('kubectl apply -f dist/test/drills/restore-drill.yaml');
    expect(drill.checklist).toContain("kubectl -n velero wait restore/drill-cluster --for=jsonpath='{.status.phase}'=Completed");
    expect(drill.checklist).toContain('kubectl delete namespace drill-restore');
  });

  it('renders the database recoveries the data layer hands in, and waits for them in the checklist', () => {
    const { drill, objects } = render({
      databases: [{ name: 'orders-db', render: (scope, id, namespace) => new KubeConfigMap(scope, id, { metadata: { name: 'orders-db-recovery', namespace } }) }],
    });
    expect(objects.filter((o) => o.kind === 'ConfigMap').map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['drill-restore/orders-db-recovery']);
    expect(drill.checklist).toContain('kubectl -n drill-restore wait cluster.postgresql.cnpg.io/orders-db --for=condition=Ready');
    expect([...drill.checklist.matchAll(/^\| \d+ \| /gm)]).toHaveLength(5);
  });
});
