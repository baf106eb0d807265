/* eslint-disable @typescript-eslint/no-explicit-any -- assertions walk the rendered YAML structurally */
import { bucketName, clusterName } from '@platform/config';
import { fixtureEnvironment as fixture, SECURITY_ADDONS_ENABLED } from '@platform/config/testing';
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

  it('installs the chart with its CRDs (kept on uninstall) right after the baseline and the monitor CRDs, and never cascades deletion', () => {
    expect(sourcesOf(app as Application).find((s) => s.chart)).toMatchObject({ repoURL: 'https://charts.jetstack.io', chart: 'cert-manager', targetRevision: 'v1.21.1' });
    expect(values(app).crds).toEqual({ enabled: true, keep: true });
    // its ServiceMonitor template is not guarded by the cluster's API versions: it syncs after kube-prometheus-stack
    expect(wave(app)).toBe(Math.max(wave(applicationNamed('baseline')), wave(applicationNamed('kube-prometheus-stack'))) + 1);
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

  it('installs the 2.9.0 chart with its CRDs after cert-manager and OpenBao, webhook TLS from platform-ca, no cert-controller and no cluster-wide token permission', () => {
    expect(sourcesOf(app as Application).find((s) => s.chart)).toMatchObject({ repoURL: 'https://charts.external-secrets.io', chart: 'external-secrets', targetRevision: '2.9.0' });
    expect(wave(app)).toBe(wave(applicationNamed('openbao')) + 1);
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
    expect(store?.spec?.conditions).toEqual([{ namespaces: ['argocd', 'grafana', 'monitoring', 'tekton-builds'] }]);
  });

  it('replaces the hand-made Secrets: argocd-oidc (labelled for ArgoCD), the GitHub webhook secret and the GitOps push credentials', () => {
    const es = manifests.filter((o) => o.kind === 'ExternalSecret');
    const byName = Object.fromEntries(es.map((e) => [`${e.metadata.namespace}/${e.metadata.name}`, e.spec]));
    // observability: Grafana's OIDC and admin Secrets, the Alertmanager Slack webhook and the dead man's switch heartbeat URL
    expect(Object.keys(byName).sort()).toEqual([
      'argocd/argocd-oidc',
      'grafana/grafana-admin',
      'grafana/grafana-oidc',
      'monitoring/alertmanager-heartbeat',
      'monitoring/alertmanager-slack',
      'tekton-builds/github-webhook-secret',
      'tekton-builds/gitops-push-credentials',
    ]);
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

describe('security: openbao', () => {
  const app = applicationNamed('openbao');
  const server = (a: Application | undefined) => values(a).server;
  const config = (a: Application | undefined) => JSON.parse(server(a).ha.raft.config);
  const prod = renderTree(fixtureEnvironment({ security: { openbao: { replicas: 3 } } }));

  it('installs chart 0.29.2 after cert-manager, before external-secrets, with the pinned quay.io image, no injector and no UI', () => {
    expect(sourcesOf(app as Application).find((s) => s.chart)).toMatchObject({ repoURL: 'https://openbao.github.io/openbao-helm', chart: 'openbao', targetRevision: '0.29.2' });
    expect(wave(app)).toBe(wave(applicationNamed('cert-manager')) + 1);
    expect(wave(applicationNamed('external-secrets'))).toBe(wave(app) + 1);
    const v = values(app);
    expect(v.server.image).toEqual({ registry: 'quay.io', repository: 'openbao/openbao', tag: '2.6.2' });
    expect([v.injector.enabled, v.ui.enabled, v.global.tlsDisable]).toEqual([false, false, false]);
    // the openbao namespace is restricted: the chart's default container context would be rejected
    expect(v.server.statefulSet.securityContext.container).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    const ns = objects('Namespace').find((n) => n.metadata.name === 'openbao');
    expect(ns?.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  it('runs HA on integrated Raft: replicas from the environment, retry_join to every peer over platform-ca TLS, zone spread and a quorum-keeping PDB', () => {
    expect(server(app).ha).toMatchObject({ enabled: true, replicas: 1, raft: { enabled: true, setNodeId: true }, disruptionBudget: { enabled: false } });
    const ha = prod.applications.find((a) => a.metadata.name === 'openbao');
    expect(server(ha).ha).toMatchObject({ replicas: 3, disruptionBudget: { enabled: true, maxUnavailable: 1 } });
    expect(server(ha).topologySpreadConstraints.map((t: any) => t.topologyKey)).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
    const raft = config(ha).storage.raft;
    expect(raft.retry_join.map((j: any) => j.leader_api_addr)).toEqual([0, 1, 2].map((i) => `https://openbao-${i}.openbao-internal:8200`));
    expect(raft.retry_join.every((j: any) => j.leader_ca_cert_file === '/openbao/tls/ca.crt')).toBe(true);
    expect(config(ha).listener.tcp).toMatchObject({ tls_cert_file: '/openbao/tls/tls.crt', tls_key_file: '/openbao/tls/tls.key', tls_min_version: 'tls12' });
  });

  it('auto-unseals with awskms on the storage stack key alias, as the kms-unseal contract ServiceAccount', () => {
    expect(config(app).seal).toEqual({ awskms: { region: env.aws.region, kms_key_id: `arn:aws:kms:${env.aws.region}:${env.aws.accountId}:alias/${clusterName(env)}/openbao-unseal` } });
    expect(server(app).serviceAccount).toEqual({ create: false, name: 'openbao', serviceDiscovery: { enabled: true } });
    const sa = objects('ServiceAccount').find((o) => o.metadata.namespace === 'openbao' && o.metadata.name === 'openbao');
    expect(sa?.metadata.labels?.['platform.io/pod-identity']).toBe('openbao');
  });

  it('bootstraps once with the initialize stanza: audit to stdout first, Kubernetes auth, KV v2, then the reconciler, seeder, snapshot and ceremony identities', () => {
    const init = config(app).initialize as Record<string, { request: Record<string, { path: string; data: any }>[] }>[];
    const requests = init.flatMap((block) => Object.values(block).flatMap((b) => b.request.flatMap((r) => Object.entries(r))));
    expect(requests[0]).toEqual(['enable-stdout-audit', expect.objectContaining({ path: 'sys/audit/stdout', data: expect.objectContaining({ type: 'file', options: { file_path: 'stdout' } }) })]);
    expect(requests.map(([, r]) => r.path)).toEqual([
      'sys/audit/stdout',
      'sys/auth/kubernetes',
      'auth/kubernetes/config',
      'sys/mounts/kv',
      'sys/policies/acl/platform-reconciler',
      'auth/kubernetes/role/platform-reconciler',
      'sys/policies/acl/secret-seeder',
      'auth/kubernetes/role/secret-seeder',
      'sys/policies/acl/openbao-snapshot',
      'auth/kubernetes/role/openbao-snapshot',
      'sys/policies/acl/recovery-ceremony',
      'auth/kubernetes/role/recovery-ceremony',
    ]);
    const byPath = Object.fromEntries(requests.map(([, r]) => [r.path, r.data]));
    expect(byPath['sys/mounts/kv']).toMatchObject({ type: 'kv', options: { version: '2' } });
    expect(byPath['auth/kubernetes/role/platform-reconciler']).toMatchObject({ bound_service_account_names: ['openbao-reconciler'], bound_service_account_namespaces: ['openbao'], audience: 'openbao', token_policies: ['platform-reconciler'] });
    // the seeder writes but never reads; the reconciler touches only managed-* policies and roles
    expect(byPath['sys/policies/acl/secret-seeder'].policy).toBe(`path "kv/data/${env.name}/*" {\n  capabilities = ["create", "update"]\n}\n`);
    expect(byPath['sys/policies/acl/platform-reconciler'].policy).toContain('path "sys/policies/acl/managed-*"');
    expect(byPath['sys/policies/acl/platform-reconciler'].policy).not.toMatch(/path "kv\/|path "sys\/(mounts|audit)/);
    // the chart passes the configuration through `tpl`
    expect(server(app).ha.raft.config).not.toContain('{{');
  });

  it('gets its TLS certificate from platform-ca in the cert-manager Application (one wave earlier), and reloads it on renewal', () => {
    const cert = objects('Certificate').find((c) => c.metadata.namespace === 'openbao' && c.metadata.name === 'openbao-tls');
    expect(cert?.spec).toMatchObject({ secretName: 'openbao-tls', issuerRef: { name: 'platform-ca', kind: 'ClusterIssuer' }, ipAddresses: ['127.0.0.1'] });
    expect(cert?.spec?.dnsNames).toEqual(expect.arrayContaining(['openbao-active.openbao.svc.cluster.local', '*.openbao-internal']));
    expect(tree.files.get('kubernetes/addons/cert-manager/certificates.yaml')?.map((o) => o.metadata.name)).toEqual(['openbao-tls']);
    expect(server(app).volumes).toEqual([{ name: 'tls', secret: { secretName: 'openbao-tls' } }]);
    expect(server(app).shareProcessNamespace).toBe(true);
    expect(server(app).extraContainers.map((c: any) => [c.name, c.image])).toEqual([['tls-reloader', 'quay.io/openbao/openbao:2.6.2']]);
  });

  it('reconciles managed-* policies and roles in a PostSync Job with the pinned bao image: External Secrets bound to its consumer namespaces', () => {
    const job = objects('Job').find((j) => j.metadata.namespace === 'openbao' && j.metadata.name === 'openbao-reconciler') as any;
    expect(job?.metadata.annotations).toMatchObject({ 'argocd.argoproj.io/hook': 'PostSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' });
    expect(job?.spec.template.spec.containers[0].image).toBe('quay.io/openbao/openbao:2.6.2');
    expect(job?.spec.template.spec.volumes.find((v: any) => v.name === 'token').projected.sources[0].serviceAccountToken).toMatchObject({ audience: 'openbao' });
    const cm = objects('ConfigMap').find((c) => c.metadata.namespace === 'openbao' && c.metadata.name === 'openbao-reconciler') as any;
    expect(Object.keys(cm?.data).sort()).toEqual(['managed-external-secrets.hcl', 'reconcile.sh']);
    expect(cm?.data['reconcile.sh']).toContain('bao write auth/kubernetes/role/managed-external-secrets bound_service_account_names=openbao-secrets-reader bound_service_account_namespaces=argocd,grafana,monitoring,tekton-builds');
    expect(cm?.data['managed-external-secrets.hcl']).toContain(`path "kv/data/${env.name}/{{identity.entity.aliases.__KUBERNETES_ACCESSOR__.metadata.service_account_namespace}}/*"`);
  });

  it('snapshots Raft to the backups bucket on the environment schedule, labelled for the RPO rule', () => {
    const cron = objects('CronJob').find((c) => c.metadata.namespace === 'openbao') as any;
    expect(cron?.metadata.labels['platform.io/backup-of']).toBe('openbao-raft');
    expect(cron?.spec).toMatchObject({ schedule: env.security.openbao.snapshotSchedule, concurrencyPolicy: 'Forbid' });
    const pod = cron?.spec.jobTemplate.spec.template.spec;
    expect(pod.serviceAccountName).toBe('openbao-snapshot');
    expect(pod.initContainers[0].command[2]).toContain('bao operator raft snapshot save /snapshots/openbao-raft.snap');
    expect(pod.containers[0].command[2]).toContain(`s3://${bucketName(env, 'backups')}/`);
    expect(pod.containers[0].command[2]).toContain('key="openbao-snapshot/');
  });

  it('admits only the External Secrets controller and the Alloy collector pods on 8200 from outside the namespace, each to the server pods', () => {
    const policies = objects('NetworkPolicy').filter((p) => p.metadata.namespace === 'openbao');
    const on8200 = policies.filter((p) => (p.spec?.ingress ?? []).some((r: any) => r.ports?.some((x: any) => x.port === 8200)));
    const peers = on8200.flatMap((p) => p.spec?.ingress.map((r: any) => [r.from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name'], r.from[0].podSelector?.matchLabels]));
    expect(peers).toEqual([
      ['external-secrets', expect.any(Object)],
      ['alloy', { 'app.kubernetes.io/instance': 'alloy' }],
    ]);
    for (const p of on8200) expect(p.spec?.podSelector.matchLabels).toMatchObject({ 'app.kubernetes.io/name': 'openbao', component: 'server' });
  });

  it('exposes Prometheus telemetry on the TLS listener without a token, vault_* names without the host name, short retention', () => {
    expect(config(app).listener.tcp.telemetry).toEqual({ unauthenticated_metrics_access: true });
    expect(config(app).telemetry).toEqual({ prometheus_retention_time: '2m', disable_hostname: true });
  });

  it('renders a ServiceMonitor on every server (headless Service, HTTPS, /v1/sys/metrics?format=prometheus) and syncs after the prometheus-operator CRDs', () => {
    const monitors = objects('ServiceMonitor').filter((m) => m.metadata.namespace === 'openbao');
    expect(monitors.map((m) => m.metadata.name)).toEqual(['openbao']);
    expect(tree.files.get('kubernetes/addons/openbao/monitoring.yaml')?.map((o) => o.kind)).toEqual(['ServiceMonitor']);
    expect(monitors[0].spec).toEqual({
      selector: { matchLabels: { 'app.kubernetes.io/name': 'openbao', 'app.kubernetes.io/instance': 'openbao', 'openbao-internal': 'true' } },
      namespaceSelector: { matchNames: ['openbao'] },
      endpoints: [{ port: 'https', scheme: 'https', path: '/v1/sys/metrics', params: { format: ['prometheus'] }, interval: '30s', tlsConfig: { insecureSkipVerify: true } }],
    });
    expect(wave(app)).toBeGreaterThan(wave(applicationNamed('kube-prometheus-stack')));
    expect(app?.spec.syncPolicy.syncOptions).toContain('SkipDryRunOnMissingResource=true');
    // the collector may dial the API port (egress allow-list of its scrapes)
    const collectorEgress = objects('NetworkPolicy').filter((p) => p.metadata.namespace === 'alloy').flatMap((p) => p.spec?.egress ?? []);
    expect(collectorEgress.some((r: any) => r.ports?.some((x: any) => x.port === 8200))).toBe(true);
  });

  it('refuses an even number of voters, an oversized volume and a schedule that is not 5-field cron, naming the field', () => {
    expect(() => fixtureEnvironment({ security: { openbao: { replicas: 2 } } })).toThrow(/security\.openbao\.replicas: must be 1, 3 or 5/);
    expect(() => fixtureEnvironment({ security: { openbao: { storageSizeGiB: 500 } } })).toThrow(/security\.openbao\.storageSizeGiB: must be at most 100/);
    expect(() => fixtureEnvironment({ security: { openbao: { snapshotSchedule: '0 0 * * * *' } } })).toThrow(/security\.openbao\.snapshotSchedule: must be a 5-field cron schedule/);
    expect(() => fixtureEnvironment({ security: { openbao: { snapshotSchedule: 'hourly' } } })).toThrow(/security\.openbao\.snapshotSchedule/);
  });
});

describe('security add-ons off', () => {
  it('renders no security Application and no ClusterIssuer when the environment disables them', () => {
    const off = renderTree(fixture());
    expect(off.applications.map((a) => a.metadata.name)).not.toContain('cert-manager');
    expect(off.applications.map((a) => a.metadata.name)).not.toContain('external-secrets');
    expect(off.applications.map((a) => a.metadata.name)).not.toContain('openbao');
    expect(objects('ExternalSecret', off.all)).toEqual([]);
    expect(objects('ClusterIssuer', off.all)).toEqual([]);
  });
});
