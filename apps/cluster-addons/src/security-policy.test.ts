/* eslint-disable @typescript-eslint/no-explicit-any -- assertions walk the rendered YAML structurally */
import { fixtureEnvironment as fixture, SECURITY_POLICY_ADDONS_ENABLED } from '@platform/config/testing';
import { ConstraintEvaluator, POLICIES, POLICY_FIXTURES, PolicyEngine, type RenderedConstraint } from '@platform/validation';
import { parse } from 'yaml';
import { type Application, applicationNamed as appNamed, chartValuesOf, type K8sObject, renderTree, sharedRenderTree } from './testing/rendered-cluster-addons';

type Patch = Parameters<typeof fixture>[0];
/** The fixture with Gatekeeper on (the shared fixture leaves it off), then `patch`. */
const fixtureEnvironment = (patch: Patch = {}): ReturnType<typeof fixture> => {
  const p = (patch ?? {}) as { addons?: { enabled?: Record<string, boolean> } } & Record<string, unknown>;
  return fixture({ ...p, addons: { ...p.addons, enabled: { ...SECURITY_POLICY_ADDONS_ENABLED, ...p.addons?.enabled } } } as Patch);
};
const tree = sharedRenderTree(fixtureEnvironment());
const app = (name: string, apps: readonly Application[] = tree.applications): Application | undefined => appNamed(name, apps);
const wave = (a: Application | undefined): number => Number(a?.metadata.annotations?.['argocd.argoproj.io/sync-wave']);
const file = (path: string, t = tree): any[] => (t.files.get(path) ?? []) as any[];
const TEMPLATES = 'kubernetes/addons/gatekeeper/constraint-templates.yaml';
const CONSTRAINTS = 'kubernetes/addons/gatekeeper-constraints/constraints.yaml';

describe('security: Gatekeeper', () => {
  it('installs chart 3.23.0 after the baseline: CEL engine on, mutation off, audit on, fail-open webhook, hooks off, image through the pull-through cache', () => {
    const gk = app('gatekeeper');
    expect(wave(gk)).toBe(wave(app('baseline')) + 1);
    const v = chartValuesOf(gk) as Record<string, any>;
    expect(v).toMatchObject({
      enableK8sNativeValidation: true,
      disableMutation: true,
      disableAudit: false,
      auditInterval: 60,
      validatingWebhookFailurePolicy: 'Ignore',
      replicas: 2,
      upgradeCRDs: { enabled: false },
      postInstall: { labelNamespace: { enabled: false }, probeWebhook: { enabled: false } },
      controllerManager: { exemptNamespaces: ['gatekeeper-system'] },
      pdb: { controllerManager: { minAvailable: 1 } },
    });
    expect(v.image).toEqual({ repository: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/test/dockerhub/openpolicyagent/gatekeeper', release: 'v3.23.0' });
    expect(v.controllerManager.topologySpreadConstraints.map((t: any) => t.topologyKey)).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
    const single = chartValuesOf(app('gatekeeper', renderTree(fixtureEnvironment({ securityPolicy: { gatekeeper: { webhookReplicas: 1 } } })).applications)) as Record<string, any>;
    expect([single.replicas, single.pdb.controllerManager.minAvailable, single.controllerManager.topologySpreadConstraints]).toEqual([1, 0, []]);
  });

  it('renders one ConstraintTemplate per policy (K8sNativeValidation, no VAP generated) and one Constraint each, in a later wave with SkipDryRunOnMissingResource and retries', () => {
    const templates = file(TEMPLATES);
    const constraints = file(CONSTRAINTS);
    expect(templates.map((t) => t.metadata.labels['platform.io/policy-id'])).toEqual(POLICIES.map((p) => p.id));
    expect(templates.every((t) => t.spec.targets[0].code[0].engine === 'K8sNativeValidation' && t.spec.targets[0].code[0].source.generateVAP === false)).toBe(true);
    expect(constraints.map((c) => c.kind)).toEqual(templates.map((t) => t.spec.crd.spec.names.kind));
    expect(constraints.every((c) => c.apiVersion === 'constraints.gatekeeper.sh/v1beta1' && c.spec.enforcementAction === 'deny')).toBe(true);
    const gk = app('gatekeeper');
    const cs = app('gatekeeper-constraints');
    expect(wave(cs)).toBe(wave(gk) + 1);
    expect(cs?.spec.syncPolicy.syncOptions).toContain('SkipDryRunOnMissingResource=true');
    expect(cs?.spec.syncPolicy.retry).toEqual({ limit: 10, backoff: { duration: '30s', factor: 2, maxDuration: '5m' } });
    // the templates sync inside Gatekeeper's Application after its chart (CRDs, controller)
    expect(templates.every((t) => t.metadata.annotations['argocd.argoproj.io/sync-wave'] === '1')).toBe(true);
    expect(gk?.spec.syncPolicy.syncOptions).toContain('SkipDryRunOnMissingResource=true');
  });

  it('takes enforcementAction from the environment (warn in dev-like environments)', () => {
    const warn = renderTree(fixtureEnvironment({ securityPolicy: { gatekeeper: { enforcementAction: 'warn' } } }));
    expect(new Set(file(CONSTRAINTS, warn).map((c) => c.spec.enforcementAction))).toEqual(new Set(['warn']));
  });

  it('excludes kube-system and gatekeeper-system everywhere and platform add-on namespaces from admission only (audit still reports them); tenants are enforced', () => {
    const [config] = file('kubernetes/addons/gatekeeper/config.yaml');
    expect(config.metadata).toMatchObject({ name: 'config', namespace: 'gatekeeper-system' });
    // the GuardDuty runtime agent (audit.guardDutyRuntimeMonitoring, on by default) is AWS-managed like kube-system
    expect(config.spec.match[0]).toEqual({ excludedNamespaces: ['amazon-guardduty', 'gatekeeper-system', 'kube-system'], processes: ['*'] });
    expect(config.spec.match[1].processes).toEqual(['webhook']);
    expect(config.spec.match[1].excludedNamespaces).toEqual(expect.arrayContaining(['argocd', 'external-dns', 'karpenter', 'tekton-builds']));
    expect(config.spec.match[1].excludedNamespaces).not.toContain('team-a');
    expect(config.metadata.annotations['platform.io/exclusions']).toContain('kube-system (all): EKS-managed add-ons');
    const ns = (tree.all as K8sObject[]).find((o) => o.kind === 'Namespace' && o.metadata.name === 'gatekeeper-system');
    expect(ns?.metadata.labels?.['admission.gatekeeper.sh/ignore']).toBe('no-self-managing');
  });

  it('excludes the GuardDuty runtime agent namespace with its reason exactly while runtime monitoring is on', () => {
    const exclusions = (t: typeof tree) => file('kubernetes/addons/gatekeeper/config.yaml', t)[0];
    const on = exclusions(tree);
    expect(on.metadata.annotations['platform.io/exclusions']).toContain('amazon-guardduty (all): GuardDuty Runtime Monitoring agent (EKS add-on aws-guardduty-agent');
    const offTree = renderTree(fixtureEnvironment({ audit: { guardDutyRuntimeMonitoring: false } } as Patch));
    const off = exclusions(offTree);
    expect(off.spec.match[0].excludedNamespaces).toEqual(['gatekeeper-system', 'kube-system']);
    expect(off.metadata.annotations['platform.io/exclusions']).not.toContain('amazon-guardduty');
  });

  it('is absent when the environment turns it off', () => {
    const off = renderTree(fixture());
    expect([app('gatekeeper', off.applications), app('gatekeeper-constraints', off.applications)]).toEqual([undefined, undefined]);
  });
});

describe('policy equivalence: the rendered Gatekeeper templates give the offline verdict on every fixture', () => {
  const templates = file(TEMPLATES);
  const constraints = file(CONSTRAINTS);
  const rendered = new Map<string, RenderedConstraint>(
    templates.map((t) => {
      const c = constraints.find((x) => x.kind === t.spec.crd.spec.names.kind);
      return [t.metadata.labels['platform.io/policy-id'], { source: t.spec.targets[0].code[0].source, match: c.spec.match }];
    }),
  );
  const engine = new PolicyEngine();
  const evaluator = new ConstraintEvaluator();

  it.each(POLICIES.map((p) => p.id))('%s: good fixtures pass and bad fixtures fail, offline and in the template', (id) => {
    const constraint = rendered.get(id) as RenderedConstraint;
    const verdicts = (objects: readonly Record<string, unknown>[]) =>
      objects.map((object) => {
        const offline = engine.evaluate([{ file: 'f.yaml', relPath: 'f.yaml', index: 0, object }]).some((f) => f.rule === id) ? 'deny' : 'allow';
        const inCluster = evaluator.verdict(constraint, object).allowed ? 'allow' : 'deny';
        return `${String(object['kind'])}/${String((object['metadata'] as Record<string, unknown>)['name'])}: offline ${offline}, gatekeeper ${inCluster}`;
      });
    const { good, bad } = POLICY_FIXTURES[id];
    expect(verdicts(good)).toEqual(good.map((o) => `${String(o['kind'])}/${String((o['metadata'] as Record<string, unknown>)['name'])}: offline allow, gatekeeper allow`));
    expect(verdicts(bad)).toEqual(bad.map((o) => `${String(o['kind'])}/${String((o['metadata'] as Record<string, unknown>)['name'])}: offline deny, gatekeeper deny`));
  });
});

describe('security: Falco and falcosidekick', () => {
  const falco = app('falco');
  const sidekick = app('falcosidekick');
  const fv = chartValuesOf(falco) as Record<string, any>;
  const sv = chartValuesOf(sidekick) as Record<string, any>;

  it('runs Falco 9.1.0 with the modern eBPF probe in least-privileged mode on every node, images through the pull-through cache', () => {
    expect(fv.driver).toEqual({ enabled: true, kind: 'modern_ebpf', modernEbpf: { leastPrivileged: true, bufSizePreset: 4 }, loader: { enabled: false } });
    expect(fv.tolerations).toEqual([{ operator: 'Exists' }]);
    expect(fv.image).toEqual({ registry: '111122223333.dkr.ecr.eu-west-1.amazonaws.com', repository: 'test/dockerhub/falcosecurity/falco', tag: '0.44.1' });
    expect(fv.falcoctl.image.repository).toBe('test/dockerhub/falcosecurity/falcoctl');
    expect(fv.falcoctl.artifact).toEqual({ install: { enabled: true }, follow: { enabled: false } });
    expect(fv.falcoctl.config.artifact.install.refs).toEqual(['falco-rules:5.1.0']);
    const ns = (tree.all as K8sObject[]).find((o) => o.kind === 'Namespace' && o.metadata.name === 'falco');
    expect(ns?.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('privileged');
  });

  it('sizes Falco and falcosidekick from the environment', () => {
    expect(fv.resources).toEqual({ requests: { cpu: '100m', memory: '512Mi' }, limits: { cpu: '1000m', memory: '1024Mi' } });
    expect(sv.replicaCount).toBe(2);
    const small = renderTree(fixtureEnvironment({ securityPolicy: { falco: { cpuRequestMillicores: 50, memoryRequestMiB: 256, memoryLimitMiB: 512, sidekickReplicas: 1 } } }));
    expect((chartValuesOf(app('falco', small.applications)) as any).resources.requests).toEqual({ cpu: '50m', memory: '256Mi' });
    expect((chartValuesOf(app('falcosidekick', small.applications)) as any)).toMatchObject({ replicaCount: 1, affinity: {} });
  });

  it('carries the typed platform rules, scoped to the platform namespaces of the environment', () => {
    const rules = parse(fv.customRules['platform-rules.yaml']) as { rule?: string; list?: string; items?: string[] }[];
    expect(rules.filter((r) => r.rule).map((r) => r.rule)).toEqual([
      'Platform shell in a platform namespace',
      'Platform write below /etc',
      'Platform OpenBao token read outside External Secrets',
      'Platform unexpected egress from a database namespace',
    ]);
    const platform = rules.find((r) => r.list === 'platform_namespaces')?.items ?? [];
    expect(platform).toEqual(expect.arrayContaining(['argocd', 'falcosidekick', 'gatekeeper-system', 'karpenter']));
    expect(platform).not.toContain('team-a');
    expect(platform).not.toContain('tekton-builds');
  });

  it('sends Falco events to falcosidekick, which forwards to Loki and Alertmanager through their ServiceEndpoints and opens those flows', () => {
    expect(fv.falco.http_output).toEqual({ enabled: true, url: 'http://falcosidekick.falcosidekick.svc.cluster.local:2801/' });
    expect(sv.config.loki).toMatchObject({ hostport: 'http://loki-distributor.loki.svc.cluster.local:3100', endpoint: '/loki/api/v1/push', minimumpriority: 'notice', format: 'json' });
    expect(sv.config.alertmanager).toMatchObject({ hostport: 'http://kube-prometheus-stack-alertmanager.monitoring.svc.cluster.local:9093', endpoint: '/api/v2/alerts', minimumpriority: 'error' });
    const grants = file('kubernetes/addons/falcosidekick/ingress-grants.yaml');
    expect(grants.map((g) => [g.metadata.namespace, g.spec.ingress[0].ports[0].port])).toEqual([['loki', 3100], ['monitoring', 9093]]);
    expect(wave(falco)).toBeGreaterThan(wave(sidekick));
    expect(wave(sidekick)).toBeGreaterThan(Math.max(wave(app('loki')), wave(app('kube-prometheus-stack'))));
  });
});

describe('security: tenant access', () => {
  const rbac = file('kubernetes/addons/tenant-access/rbac.yaml');
  const projects = file('kubernetes/addons/tenant-access/projects.yaml');

  it('binds the tenant group to a Role in its own namespace only: workloads yes, Secrets, RBAC, quotas, NetworkPolicies and exec no', () => {
    expect(rbac.map((o) => [o.kind, o.metadata.namespace, o.metadata.name])).toEqual([
      ['Role', 'team-a', 'tenant-edit'],
      ['RoleBinding', 'team-a', 'tenant-edit'],
    ]);
    const [role, binding] = rbac;
    expect(binding.subjects).toEqual([{ kind: 'Group', name: 'team-a-developers', apiGroup: 'rbac.authorization.k8s.io' }]);
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'tenant-edit' });
    const resources = role.rules.flatMap((r: any) => r.resources);
    expect(resources).toEqual(expect.arrayContaining(['deployments', 'services', 'configmaps', 'externalsecrets', 'httproutes']));
    for (const forbidden of ['secrets', 'roles', 'rolebindings', 'pods/exec', 'pods/attach']) expect(resources).not.toContain(forbidden);
    const writable = role.rules.filter((r: any) => r.verbs.includes('create')).flatMap((r: any) => r.resources);
    for (const guardrail of ['resourcequotas', 'limitranges', 'networkpolicies']) expect(writable).not.toContain(guardrail);
    expect((tree.all as any[]).filter((o) => o.kind === 'ClusterRoleBinding' && JSON.stringify(o.subjects ?? []).includes('team-a-developers'))).toEqual([]);
  });

  it('gives each tenant an AppProject limited to its namespace and repositories, with a team role for its group', () => {
    expect(projects).toHaveLength(1);
    const [p] = projects;
    expect(p.metadata).toMatchObject({ name: 'tenant-team-a', namespace: 'argocd' });
    expect(p.spec.destinations).toEqual([{ server: 'https://kubernetes.default.svc', namespace: 'team-a' }]);
    expect(p.spec.sourceRepos).toEqual(['https://git.acme.example/platform/gitops.git']);
    expect(p.spec.clusterResourceWhitelist).toEqual([]);
    expect(p.spec.namespaceResourceBlacklist).toEqual(expect.arrayContaining([{ group: 'networking.k8s.io', kind: 'NetworkPolicy' }, { group: '', kind: 'ResourceQuota' }]));
    // no way around the platform edge or the mesh's identity rules: own Gateways, PeerAuthentications, any networking.istio.io kind (ArgoCD glob)
    expect(p.spec.namespaceResourceBlacklist).toEqual(
      expect.arrayContaining([
        { group: 'gateway.networking.k8s.io', kind: 'Gateway' },
        { group: 'security.istio.io', kind: 'PeerAuthentication' },
        { group: 'security.istio.io', kind: 'AuthorizationPolicy' },
        { group: 'networking.istio.io', kind: '*' },
      ]),
    );
    expect(p.spec.roles).toEqual([expect.objectContaining({ name: 'team', groups: ['team-a-developers'], policies: expect.arrayContaining(['p, proj:tenant-team-a:team, applications, *, tenant-team-a/*, allow']) })]);
    const withRepo = renderTree(fixtureEnvironment({ tenants: [{ ...fixtureEnvironment().tenants[0], sourceRepos: ['https://git.acme.example/team-a/deploy.git'] }] as never }));
    expect(file('kubernetes/addons/tenant-access/projects.yaml', withRepo)[0].spec.sourceRepos).toEqual(['https://git.acme.example/platform/gitops.git', 'https://git.acme.example/team-a/deploy.git']);
  });

  it('renders no access for a tenant without a group (fail closed)', () => {
    const noGroup = renderTree(fixtureEnvironment({ tenants: [{ ...fixtureEnvironment().tenants[0], group: undefined }] as never }));
    expect(file('kubernetes/addons/tenant-access/rbac.yaml', noGroup)).toEqual([]);
    expect(file('kubernetes/addons/tenant-access/projects.yaml', noGroup)[0].spec.roles).toBeUndefined();
  });

  it('puts the new security namespaces behind the baseline default deny with only their declared flows', () => {
    for (const ns of ['gatekeeper-system', 'falco', 'falcosidekick']) {
      const policies = (tree.all as any[]).filter((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === ns);
      expect([ns, policies.find((p) => p.metadata.name === 'default-deny')?.spec.policyTypes]).toEqual([ns, ['Ingress', 'Egress']]);
    }
    const webhook = (tree.all as any[]).find((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === 'gatekeeper-system' && o.metadata.name === 'allow-ingress-webhook');
    expect(webhook.spec.ingress[0].ports).toEqual([{ port: 8443, protocol: 'TCP' }]);
    const sidekickIn = (tree.all as any[]).find((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === 'falcosidekick' && o.metadata.name === 'allow-ingress');
    expect(sidekickIn.spec.ingress[0].from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'falco' } } }]);
  });

  it('refuses a Kubernetes system group', () => {
    expect(() => fixtureEnvironment({ tenants: [{ ...fixtureEnvironment().tenants[0], group: 'system:masters' }] as never })).toThrow(/tenants\[0\]\.group: must not be a Kubernetes system: group/);
  });
});
