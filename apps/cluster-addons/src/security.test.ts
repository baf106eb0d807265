/* eslint-disable @typescript-eslint/no-explicit-any -- assertions walk the rendered YAML structurally */
import { fixtureEnvironment as fixture, SECURITY_ADDONS_ENABLED } from '@platform/config';
import { type Application, applicationNamed as appNamed, type K8sObject, renderTree, sourcesOf } from './testing/rendered-cluster-addons';

type Patch = Parameters<typeof fixture>[0];
/** The fixture with the security add-ons on (the shared fixture leaves them off), then `patch`. */
const fixtureEnvironment = (patch: Patch = {}): ReturnType<typeof fixture> => {
  const p = (patch ?? {}) as { addons?: { enabled?: Record<string, boolean> } } & Record<string, unknown>;
  return fixture({ ...p, addons: { ...p.addons, enabled: { ...SECURITY_ADDONS_ENABLED, ...p.addons?.enabled } } } as Patch);
};
const env = fixtureEnvironment();
const tree = renderTree(env);
const applicationNamed = (name: string, apps: readonly Application[] = tree.applications): Application | undefined => appNamed(name, apps);
type AnyObject = K8sObject & { spec?: Record<string, any> };
const objects = (kind: string, objs: readonly K8sObject[] = tree.all): AnyObject[] => objs.filter((o) => o.kind === kind) as AnyObject[];
const wave = (a: Application | undefined): number => Number(a?.metadata.annotations?.['argocd.argoproj.io/sync-wave']);
const values = (a: Application | undefined): Record<string, any> => (a ? (sourcesOf(a).find((s) => s.chart)?.helm?.valuesObject ?? {}) : {});

describe('security: cert-manager', () => {
  const app = applicationNamed('cert-manager');

  it('installs the chart with its CRDs (kept on uninstall) right after the baseline, and never cascades deletion', () => {
    expect(sourcesOf(app as Application).find((s) => s.chart)).toMatchObject({ repoURL: 'https://charts.jetstack.io', chart: 'cert-manager', targetRevision: 'v1.21.1' });
    expect(values(app).crds).toEqual({ enabled: true, keep: true });
    expect(wave(app)).toBe(wave(applicationNamed('baseline')) + 1);
    expect(app?.metadata.finalizers).toBeUndefined();
    expect(app?.spec.syncPolicy.syncOptions).toContain('SkipDryRunOnMissingResource=true');
  });

  it('runs as the route53-dns01 contract ServiceAccount, images spelled out from quay.io/jetstack', () => {
    const v = values(app);
    expect(v.serviceAccount).toEqual({ create: false, name: 'cert-manager' });
    expect([v.image.repository, v.webhook.image.repository, v.cainjector.image.repository, v.acmesolver.image.repository]).toEqual([
      'quay.io/jetstack/cert-manager-controller',
      'quay.io/jetstack/cert-manager-webhook',
      'quay.io/jetstack/cert-manager-cainjector',
      'quay.io/jetstack/cert-manager-acmesolver',
    ]);
    const sa = objects('ServiceAccount').find((o) => o.metadata.namespace === 'cert-manager' && o.metadata.name === 'cert-manager');
    expect(sa?.metadata.labels?.['platform.io/pod-identity']).toBe('cert-manager');
  });

  it('sizes per environment: one replica without PDB in the fixture, HA with PDB and zone spread at 2', () => {
    expect(values(app).replicaCount).toBe(1);
    expect(values(app).podDisruptionBudget).toEqual({ enabled: false });
    const ha = values(applicationNamed('cert-manager', renderTree(fixtureEnvironment({ security: { certManager: { replicas: 2 } } })).applications));
    for (const c of [ha, ha.webhook, ha.cainjector]) {
      expect(c.replicaCount).toBe(2);
      expect(c.podDisruptionBudget).toEqual({ enabled: true, minAvailable: 1 });
      expect(c.topologySpreadConstraints.map((t: any) => t.topologyKey)).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
    }
  });

  it('renders the letsencrypt ClusterIssuer (DNS-01 on the hosted zone, ACME server from the environment) and the platform-ca chain', () => {
    const issuers = objects('ClusterIssuer');
    expect(issuers.map((i) => i.metadata.name).sort()).toEqual(['letsencrypt', 'platform-ca', 'platform-ca-selfsigned']);
    const le = issuers.find((i) => i.metadata.name === 'letsencrypt');
    expect(le?.spec?.acme.server).toBe('https://acme-staging-v02.api.letsencrypt.org/directory');
    expect(le?.spec?.acme.solvers).toEqual([{ selector: { dnsZones: [env.dns.domain] }, dns01: { route53: { region: env.aws.region, ...(env.dns.hostedZoneId ? { hostedZoneID: env.dns.hostedZoneId } : {}) } } }]);
    const prod = objects('ClusterIssuer', renderTree(fixtureEnvironment({ security: { certManager: { acmeServer: 'production' } } })).all).find((i) => i.metadata.name === 'letsencrypt');
    expect(prod?.spec?.acme.server).toBe('https://acme-v02.api.letsencrypt.org/directory');
    expect(issuers.find((i) => i.metadata.name === 'platform-ca')?.spec).toEqual({ ca: { secretName: 'platform-ca-root' } });
    const root = objects('Certificate').find((c) => c.metadata.name === 'platform-ca-root');
    expect(root?.spec).toMatchObject({ isCA: true, secretName: 'platform-ca-root', issuerRef: { name: 'platform-ca-selfsigned', kind: 'ClusterIssuer' } });
    expect(root?.metadata.namespace).toBe('cert-manager');
  });

  it('admits webhook calls from the API server and lets the controller reach Route 53, ACME and the zone name servers only', () => {
    const policies = objects('NetworkPolicy').filter((p) => p.metadata.namespace === 'cert-manager');
    const ports = (p: AnyObject): string[] => [...(p.spec?.ingress ?? []), ...(p.spec?.egress ?? [])].flatMap((r: any) => (r.ports ?? []).map((x: any) => `${x.protocol ?? 'TCP'}/${x.port}`));
    expect(policies.flatMap(ports).sort()).toEqual(expect.arrayContaining(['TCP/10250', 'TCP/443', 'UDP/53', 'TCP/53']));
  });
});

describe('security add-ons off', () => {
  it('renders no security Application and no ClusterIssuer when the environment disables them', () => {
    const off = renderTree(fixture());
    expect(off.applications.map((a) => a.metadata.name)).not.toContain('cert-manager');
    expect(objects('ClusterIssuer', off.all)).toEqual([]);
  });
});
