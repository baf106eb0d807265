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

describe('security: external-secrets', () => {
  const app = applicationNamed('external-secrets');
  const manifests = tree.all.filter((o) => ['ExternalSecret', 'ClusterSecretStore'].includes(o.kind)) as AnyObject[];

  it('installs the 2.9.0 chart with its CRDs after cert-manager, webhook TLS from platform-ca, no cert-controller and no cluster-wide token permission', () => {
    expect(sourcesOf(app as Application).find((s) => s.chart)).toMatchObject({ repoURL: 'https://charts.external-secrets.io', chart: 'external-secrets', targetRevision: '2.9.0' });
    expect(wave(app)).toBe(wave(applicationNamed('cert-manager')) + 1);
    const v = values(app);
    expect(v.installCRDs).toBe(true);
    expect(v.rbac).toEqual({ serviceAccountTokenCreate: false });
    expect(v.certController).toEqual({ create: false });
    expect(v.webhook.certManager).toMatchObject({ enabled: true, cert: { create: true, issuerRef: { kind: 'ClusterIssuer', name: 'platform-ca', group: 'cert-manager.io' } } });
    expect([v.processPushSecret, v.processClusterPushSecret, v.processClusterExternalSecret]).toEqual([false, false, false]);
    expect(app?.metadata.finalizers).toBeUndefined();
  });

  it('sizes per environment: HA with PDB and zone spread at 2 replicas', () => {
    const ha = values(applicationNamed('external-secrets', renderTree(fixtureEnvironment({ security: { externalSecrets: { replicas: 2 } } })).applications));
    for (const c of [ha, ha.webhook]) {
      expect(c.replicaCount).toBe(2);
      expect(c.podDisruptionBudget).toEqual({ enabled: true, minAvailable: 1 });
      expect(c.topologySpreadConstraints.map((t: any) => t.topologyKey)).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
    }
  });

  it('renders the ClusterSecretStore openbao: Kubernetes auth with referent ServiceAccount, audience openbao, CA from platform-ca, consumers only', () => {
    const store = manifests.find((o) => o.kind === 'ClusterSecretStore');
    expect(store?.metadata.name).toBe('openbao');
    expect(store?.spec?.provider.vault).toEqual({
      server: 'https://openbao-active.openbao.svc.cluster.local:8200',
      path: 'kv',
      version: 'v2',
      caProvider: { type: 'Secret', namespace: 'cert-manager', name: 'platform-ca-root', key: 'ca.crt' },
      auth: { kubernetes: { mountPath: 'kubernetes', role: 'managed-external-secrets', serviceAccountRef: { name: 'openbao-secrets-reader', audiences: ['openbao'] } } },
    });
    expect(store?.spec?.conditions).toEqual([{ namespaces: ['argocd', 'tekton-builds'] }]);
  });

  it('replaces the hand-made Secrets: argocd-oidc (labelled for ArgoCD), the GitHub webhook secret and the GitOps push credentials', () => {
    const es = manifests.filter((o) => o.kind === 'ExternalSecret');
    const byName = Object.fromEntries(es.map((e) => [`${e.metadata.namespace}/${e.metadata.name}`, e.spec]));
    expect(Object.keys(byName).sort()).toEqual(['argocd/argocd-oidc', 'tekton-builds/github-webhook-secret', 'tekton-builds/gitops-push-credentials']);
    expect(byName['argocd/argocd-oidc']).toMatchObject({
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'openbao' },
      target: { name: 'argocd-oidc', creationPolicy: 'Owner', deletionPolicy: 'Retain', template: { metadata: { labels: { 'app.kubernetes.io/part-of': 'argocd' } } } },
      data: [{ secretKey: 'clientSecret', remoteRef: { key: `${env.name}/argocd/argocd-oidc`, property: 'clientSecret' } }],
    });
    expect(byName['tekton-builds/gitops-push-credentials']?.target.template.type).toBe('kubernetes.io/basic-auth');
    expect(byName['tekton-builds/gitops-push-credentials']?.data.map((d: any) => d.remoteRef.key)).toEqual([`${env.name}/tekton-builds/gitops-push-credentials`, `${env.name}/tekton-builds/gitops-push-credentials`]);
    expect(objects('Secret').filter((s: any) => s.data || s.stringData)).toEqual([]);
  });

  it('grants the controller token requests for exactly openbao-secrets-reader in each consumer namespace', () => {
    for (const ns of ['argocd', 'tekton-builds']) {
      const sa = objects('ServiceAccount').find((o) => o.metadata.namespace === ns && o.metadata.name === 'openbao-secrets-reader') as any;
      expect(sa?.automountServiceAccountToken).toBe(false);
      const role = objects('Role').find((o) => o.metadata.namespace === ns && o.metadata.name === 'external-secrets-openbao-token') as any;
      expect(role?.rules).toEqual([{ apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'], resourceNames: ['openbao-secrets-reader'] }]);
      const binding = objects('RoleBinding').find((o) => o.metadata.namespace === ns && o.metadata.name === 'external-secrets-openbao-token') as any;
      expect(binding?.subjects).toEqual([{ kind: 'ServiceAccount', name: 'external-secrets', namespace: 'external-secrets' }]);
    }
  });

  it('lets only the controller reach OpenBao on 8200 and the API server reach the webhook on 10250', () => {
    const policies = objects('NetworkPolicy').filter((p) => p.metadata.namespace === 'external-secrets');
    const toBao = policies.find((p) => (p.spec?.egress ?? []).some((r: any) => r.ports?.some((x: any) => x.port === 8200)));
    expect(toBao?.spec?.podSelector.matchLabels).toMatchObject({ 'app.kubernetes.io/name': 'external-secrets' });
    expect(toBao?.spec?.egress[0].to[0].namespaceSelector.matchLabels).toEqual({ 'kubernetes.io/metadata.name': 'openbao' });
    expect(policies.some((p) => (p.spec?.ingress ?? []).some((r: any) => r.ports?.some((x: any) => x.port === 10250)))).toBe(true);
  });

  it('rejects an ArgoCD client secret reference External Secrets cannot deliver, naming the field and the fix', () => {
    expect(() => renderTree(fixtureEnvironment({ argocd: { sso: { clientSecretRef: '$oidc.clientSecret' } } }))).toThrow(/argocd\.sso\.clientSecretRef: "\$oidc\.clientSecret" cannot be delivered by External Secrets; use the \$<secret>:<key> form/);
  });
});

describe('security add-ons off', () => {
  it('renders no security Application and no ClusterIssuer when the environment disables them', () => {
    const off = renderTree(fixture());
    expect(off.applications.map((a) => a.metadata.name)).not.toContain('cert-manager');
    expect(off.applications.map((a) => a.metadata.name)).not.toContain('external-secrets');
    expect(objects('ExternalSecret', off.all)).toEqual([]);
    expect(objects('ClusterIssuer', off.all)).toEqual([]);
  });
});
