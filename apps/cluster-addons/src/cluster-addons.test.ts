import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixtureEnvironment, mandatoryTags, podIdentityContract } from '@platform/config';
import { APPLICATION_HEALTH_LUA, argoCdValues, TEKTON_CONFIG_HEALTH_LUA } from '@platform/k8s-gitops';
import { App } from 'cdk8s';
import { parse } from 'yaml';
import { buildClusterAddons } from './addons-app';
import { synthClusterAddons } from './synth-cluster-addons';

interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly finalizers?: string[]; readonly namespace?: string; readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly spec?: Record<string, unknown>;
}
interface ApplicationSource {
  readonly repoURL: string;
  readonly chart?: string;
  readonly targetRevision?: string;
  readonly path?: string;
  readonly helm?: { readonly valuesObject: Record<string, unknown>; readonly skipCrds?: boolean };
}
interface Application extends K8sObject {
  readonly spec: {
    readonly project: string;
    readonly destination: { readonly namespace: string };
    readonly source?: ApplicationSource;
    readonly sources?: ApplicationSource[];
    readonly syncPolicy: { readonly automated?: unknown; readonly retry?: { readonly limit: number; readonly backoff: unknown }; readonly syncOptions: string[] };
  };
}

/** Every source of an Application (`spec.source` or `spec.sources`). */
const sourcesOf = (a: Application): ApplicationSource[] => (a.spec.sources ? a.spec.sources : a.spec.source ? [a.spec.source] : []);
/** The Helm chart source of an Application, if any. */
const chartSourceOf = (a: Application | undefined): ApplicationSource | undefined => (a ? sourcesOf(a).find((src) => src.chart) : undefined);

function objectsOf(env: ReturnType<typeof fixtureEnvironment>): { files: Map<string, K8sObject[]>; all: K8sObject[] } {
  const files = new Map<string, K8sObject[]>();
  for (const f of synthClusterAddons(env).files) {
    if (f.path.endsWith('argocd-values.yaml')) continue;
    files.set(
      f.path,
      f.content
        .split(/^---$/m)
        .map((d) => parse(d) as K8sObject)
        .filter(Boolean),
    );
  }
  return { files, all: [...files.values()].flat() };
}

const env = fixtureEnvironment();
const { files, all } = objectsOf(env);
const applications = all.filter((o): o is Application => o.kind === 'Application');
const byKind = (kind: string): K8sObject[] => all.filter((o) => o.kind === kind);

describe('sync waves of the platform add-ons', () => {
  it('are computed from the dependency graph: CRDs and baseline first, the build Pipeline after Tekton, the ALB controller and external-dns', () => {
    const addonApps = applications.filter((a) => a.metadata.name !== 'test-root');
    const waves = Object.fromEntries(addonApps.map((a) => [a.metadata.name, Number(a.metadata.annotations?.['argocd.argoproj.io/sync-wave'])]));
    expect(waves).toEqual({
      argocd: 0,
      baseline: 0,
      'karpenter-crd': 0,
      karpenter: 1,
      'aws-load-balancer-controller': 1,
      'external-dns': 1,
      'tekton-operator': 1,
      'tekton-builds': 2,
    });
    const project = byKind('AppProject').find((p) => p.metadata.name === 'platform');
    expect(project?.metadata.annotations?.['argocd.argoproj.io/sync-wave']).toBe('-1');
    const root = files.get('kubernetes/bootstrap/root-application.yaml') ?? [];
    expect(root.map((o) => `${o.kind}/${o.metadata.name}/${o.metadata.annotations?.['argocd.argoproj.io/sync-wave']}`)).toEqual(['AppProject/platform-bootstrap/-1', 'Application/test-root/-1']);
  });

  it('orders the extra manifests of a chart add-on after the chart inside its one Application (resource sync wave 1)', () => {
    for (const [file, objects] of files) {
      if (!file.startsWith('kubernetes/addons/')) continue;
      const addon = file.split('/')[2] as string;
      const hasChart = chartSourceOf(applications.find((a) => a.metadata.name === addon)) !== undefined;
      for (const o of objects) expect({ file, name: o.metadata.name, wave: o.metadata.annotations?.['argocd.argoproj.io/sync-wave'] }).toEqual({ file, name: o.metadata.name, wave: hasChart ? '1' : undefined });
    }
    for (const name of ['karpenter', 'tekton-operator']) {
      const app = applications.find((a) => a.metadata.name === name) as Application;
      expect(app.spec.source).toBeUndefined();
      expect(app.spec.sources?.map((src) => src.chart ?? src.path)).toEqual([name, `clusters/test/kubernetes/addons/${name}`]);
    }
  });

  it('lets Applications holding custom resources skip the dry run of missing kinds and retry longer', () => {
    const withCrs = applications.filter((a) => a.spec.syncPolicy.syncOptions.includes('SkipDryRunOnMissingResource=true')).map((a) => a.metadata.name);
    expect(withCrs.sort()).toEqual(['karpenter', 'tekton-builds', 'tekton-operator']);
    for (const a of applications) {
      expect({ app: a.metadata.name, retry: a.spec.syncPolicy.retry }).toEqual({
        app: a.metadata.name,
        retry: withCrs.includes(a.metadata.name) ? { limit: 10, backoff: { duration: '30s', factor: 2, maxDuration: '5m' } } : { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } },
      });
    }
  });

  it('match the waves returned by buildClusterAddons', () => {
    const { waves } = buildClusterAddons(new App(), env);
    for (const app of applications.filter((a) => a.metadata.name !== 'test-root')) {
      expect(String(waves.get(app.metadata.name))).toBe(app.metadata.annotations?.['argocd.argoproj.io/sync-wave']);
    }
  });

  it('install Karpenter CRDs from karpenter-crd only', () => {
    const karpenter = applications.find((a) => a.metadata.name === 'karpenter');
    expect(chartSourceOf(karpenter)?.helm?.skipCrds).toBe(true);
    const crd = applications.find((a) => a.metadata.name === 'karpenter-crd');
    expect(crd?.spec.syncPolicy.syncOptions).toContain('ServerSideApply=true');
    // ArgoCD never deletes the Karpenter CRDs (that would delete every NodePool and drain the nodes)
    expect(chartSourceOf(crd)?.helm?.valuesObject).toEqual({ additionalAnnotations: { 'argocd.argoproj.io/sync-options': 'Delete=false' } });
  });
});

describe('ArgoCD Applications and AppProjects', () => {
  it('puts each add-on in its own apps/<addon>.yaml and the root app in bootstrap', () => {
    expect([...files.keys()].filter((p) => p.startsWith('kubernetes/apps/')).sort()).toEqual(
      [...[
        'argocd',
        'aws-load-balancer-controller',
        'baseline',
        'external-dns',
        'karpenter',
        'karpenter-crd',
        'projects',
        'tekton-builds',
        'tekton-operator',
      ].map((n) => `kubernetes/apps/${n}.yaml`)].sort(),
    );
    const root = files.get('kubernetes/bootstrap/root-application.yaml')?.find((o) => o.kind === 'Application') as Application;
    expect(root.spec.sources?.[0]?.path).toBe('clusters/test/kubernetes/apps');
    expect(files.get('kubernetes/bootstrap/namespace.yaml')?.map((o) => o.kind)).toEqual(['Namespace']);
  });

  it('makes the root Application and its AppProject self-managed: the root app also syncs exactly its own bootstrap file', () => {
    const root = files.get('kubernetes/bootstrap/root-application.yaml')?.find((o) => o.kind === 'Application') as Application;
    expect(root.spec.source).toBeUndefined();
    expect(root.spec.sources).toEqual([
      { repoURL: env.gitops.repoUrl, targetRevision: 'main', path: 'clusters/test/kubernetes/apps', directory: { recurse: false } },
      { repoURL: env.gitops.repoUrl, targetRevision: 'main', path: 'clusters/test/kubernetes/bootstrap', directory: { recurse: false, include: '{root-application.yaml,priority-classes.yaml}' } },
    ]);
    // the bootstrap project may manage exactly the cluster-scoped kind of those files
    const bootstrapProject = byKind('AppProject').find((p) => p.metadata.name === 'platform-bootstrap');
    expect(bootstrapProject?.spec?.['clusterResourceWhitelist']).toEqual([{ group: 'scheduling.k8s.io', kind: 'PriorityClass' }]);
    // every object is rendered once in the whole tree, so no two sources fight over one
    const ids = all.map((o) => `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? '-'}/${o.metadata.name}`);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('cascades deletion except for the root app, ArgoCD itself and charts whose CRDs cannot be protected', () => {
    const withoutFinalizer = applications.filter((a) => !a.metadata.finalizers).map((a) => a.metadata.name);
    expect([...new Set(withoutFinalizer)].sort()).toEqual(['argocd', 'tekton-operator', 'test-root']);
    for (const app of applications.filter((a) => a.metadata.finalizers)) expect(app.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
  });

  it('gives every Application the environment sync policy', () => {
    for (const app of applications) {
      expect(app.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true, allowEmpty: false });
    }
    const manual = objectsOf(fixtureEnvironment({ argocd: { syncPolicy: { automated: false, prune: false, selfHeal: false, syncWindows: [] } } })).all;
    const manualApps = manual.filter((o): o is Application => o.kind === 'Application');
    expect(manualApps.length).toBe(applications.length);
    for (const app of manualApps) expect(app.spec.syncPolicy.automated).toBeUndefined();
  });

  it('restricts AppProjects to explicit repos and namespaces that cover every Application', () => {
    const projects = new Map(byKind('AppProject').map((p) => [p.metadata.name, p.spec as { sourceRepos: string[]; destinations: { namespace: string }[]; clusterResourceWhitelist: { group: string; kind: string }[] }]));
    for (const [, p] of projects) {
      expect(p.sourceRepos).not.toContain('*');
      expect(p.destinations.map((d) => d.namespace)).not.toContain('*');
      expect(p.clusterResourceWhitelist.map((c) => c.kind)).not.toContain('*');
    }
    for (const app of applications) {
      const project = projects.get(app.spec.project);
      expect(project).toBeDefined();
      for (const src of sourcesOf(app)) expect(project?.sourceRepos).toContain(src.repoURL);
      expect(project?.destinations.map((d) => d.namespace)).toContain(app.spec.destination.namespace);
    }
    const namespaced = all.filter((o) => o.metadata.namespace && !o.apiVersion.startsWith('argoproj.io'));
    for (const o of namespaced) expect(projects.get('platform')?.destinations.map((d) => d.namespace)).toContain(o.metadata.namespace);
  });

  it('points every path Application at a folder that synth produced', () => {
    const paths = applications.filter((a) => a.metadata.name !== 'test-root').flatMap((a) => sourcesOf(a).flatMap((src) => (src.path ? [src.path] : [])));
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) {
      const local = p.replace(/^clusters\/test\//, '');
      expect([...files.keys()].some((f) => path.posix.dirname(f) === local)).toBe(true);
    }
  });
});

describe('ArgoCD managing itself', () => {
  it('uses the same typed values as the bootstrap helm install', () => {
    const self = applications.find((a) => a.metadata.name === 'argocd');
    expect(chartSourceOf(self)?.helm?.valuesObject).toEqual(JSON.parse(JSON.stringify(argoCdValues(env))));
    const bootstrapValues = synthClusterAddons(env).files.find((f) => f.path === 'kubernetes/bootstrap/argocd-values.yaml');
    expect(parse(bootstrapValues?.content ?? '')).toEqual(chartSourceOf(self)?.helm?.valuesObject);
  });

  it('keeps the health check for argoproj.io/Application so app-of-apps waves wait for child health', () => {
    const cm = argoCdValues(env).configs.cm;
    expect(cm['resource.customizations.health.argoproj.io_Application']).toBe(APPLICATION_HEALTH_LUA);
    expect(APPLICATION_HEALTH_LUA).toContain('hs.status = "Progressing"');
    expect(APPLICATION_HEALTH_LUA).toContain('hs.status = obj.status.health.status');
    expect(APPLICATION_HEALTH_LUA.trim().endsWith('return hs')).toBe(true);
  });

  it('waits for the TektonConfig Ready condition (health check), so waves after the operator wait for Pipelines and Triggers', () => {
    const cm = argoCdValues(env).configs.cm;
    expect(cm['resource.customizations.health.operator.tekton.dev_TektonConfig']).toBe(TEKTON_CONFIG_HEALTH_LUA);
    expect(TEKTON_CONFIG_HEALTH_LUA).toContain('if condition.type == "Ready" then');
    expect(TEKTON_CONFIG_HEALTH_LUA).toContain('hs.status = "Healthy"');
    expect(TEKTON_CONFIG_HEALTH_LUA.trim().endsWith('return hs')).toBe(true);
  });

  it('logs in through OIDC from argocd.sso (local admin stays disabled) and maps the admin group to role:admin', () => {
    const values = argoCdValues(env);
    expect(values.configs.cm['admin.enabled']).toBe(false);
    expect(parse(values.configs.cm['oidc.config'] as string)).toEqual({
      name: 'SSO',
      issuer: 'https://acme.okta.example/oauth2/default',
      clientID: 'argocd-test',
      clientSecret: '$argocd-oidc:clientSecret',
      requestedScopes: ['openid', 'profile', 'email', 'groups'],
    });
    expect(values.configs.rbac).toEqual({ 'policy.default': 'role:readonly', 'policy.csv': 'g, platform-admins, role:admin\n', scopes: '[groups]' });
    expect(values.global.priorityClassName).toBe('platform-critical');
  });

  it('exposes the UI/API through an ALB Ingress open to argocd.uiSourceCidrs only, without making ArgoCD wait for the controller', () => {
    const { ingress } = argoCdValues(env).server;
    expect(ingress).toEqual({
      enabled: true,
      controller: 'aws',
      ingressClassName: 'alb',
      hostname: 'argocd.test.acme.example',
      tls: false,
      aws: { backendProtocolVersion: 'GRPC', serviceType: 'ClusterIP' },
      annotations: {
        'alb.ingress.kubernetes.io/scheme': 'internet-facing',
        'alb.ingress.kubernetes.io/target-type': 'ip',
        'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS":443}]',
        'alb.ingress.kubernetes.io/ssl-policy': 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        'alb.ingress.kubernetes.io/inbound-cidrs': '198.51.100.0/24',
        'alb.ingress.kubernetes.io/backend-protocol': 'HTTPS',
      },
    });
    expect(argoCdValues(env).configs.params['server.insecure']).toBe(false);
    expect(() => fixtureEnvironment({ argocd: { uiSourceCidrs: ['10.0.0.0/8', '0.0.0.0/0'] } })).toThrow(/argocd\.uiSourceCidrs\[1\]: "0\.0\.0\.0\/0" opens the ArgoCD UI to the internet/);
    // ArgoCD is installed first and installs the controller itself: no dependency, earliest wave
    const argocd = applications.find((a) => a.metadata.name === 'argocd');
    expect(argocd?.metadata.annotations?.['argocd.argoproj.io/sync-wave']).toBe('0');
    // the ALB reaches only the argocd-server pods, on their HTTPS port
    const fromAlb = byKind('NetworkPolicy').filter((p) => p.metadata.namespace === 'argocd' && JSON.stringify(p.spec?.['ingress'] ?? []).includes('10.0.0.0/16'));
    expect(fromAlb.map((p) => [p.metadata.name, (p.spec?.['podSelector'] as { matchLabels: unknown }).matchLabels, p.spec?.['ingress']])).toEqual([
      ['allow-ingress-server', { 'app.kubernetes.io/name': 'argocd-server' }, [{ from: [{ ipBlock: { cidr: '10.0.0.0/16' } }], ports: [{ port: 8080, protocol: 'TCP' }] }]],
    ]);
  });

  it('runs highly available when argocd.highAvailability is set', () => {
    const ha = argoCdValues(fixtureEnvironment({ argocd: { highAvailability: true } }));
    expect(ha['redis-ha'].enabled).toBe(true);
    expect(ha.redis.enabled).toBe(false);
    expect(ha.controller.replicas).toBeGreaterThanOrEqual(2);
    expect(ha.server.replicas).toBeGreaterThanOrEqual(2);
    expect(ha.repoServer.replicas).toBeGreaterThanOrEqual(2);
    expect(ha.server.pdb?.enabled).toBe(true);
    const single = argoCdValues(env);
    expect(single['redis-ha'].enabled).toBe(false);
    expect(single.controller.replicas).toBe(1);
  });
});

describe('cluster baseline', () => {
  const namespaces = byKind('Namespace');
  const policies = byKind('NetworkPolicy') as (K8sObject & { spec: { podSelector: { matchLabels: Record<string, string> }; policyTypes: string[]; ingress?: unknown[]; egress?: { to: unknown[]; ports?: { port: number; protocol: string }[] }[] } })[];

  it('labels every Namespace with Pod Security Admission, restricted unless an exception gives its reason', () => {
    expect(namespaces.length).toBeGreaterThan(5);
    for (const ns of namespaces) {
      const l = ns.metadata.labels ?? {};
      for (const mode of ['enforce', 'audit', 'warn']) {
        expect({ ns: ns.metadata.name, mode, level: l[`pod-security.kubernetes.io/${mode}`] }).toEqual({ ns: ns.metadata.name, mode, level: expect.stringMatching(/^(restricted|baseline|privileged)$/) });
        expect(l[`pod-security.kubernetes.io/${mode}-version`]).toBe('v1.34');
      }
      const a = ns.metadata.annotations ?? {};
      const reason = a['platform.io/psa-exception-reason'];
      if (l['pod-security.kubernetes.io/enforce'] === 'restricted') {
        expect(reason).toBeUndefined();
        expect(a['policy.platform.io/exempt']).toBeUndefined();
      } else {
        expect(reason?.length).toBeGreaterThan(20);
        // the documented K8S-NS-001 policy exemption, with the same reason
        expect({ exempt: a['policy.platform.io/exempt'], reason: a['policy.platform.io/exempt-reason'] }).toEqual({ exempt: 'K8S-NS-001', reason });
      }
      // ArgoCD never deletes a Namespace (and everything in it) when an Application goes away
      expect(a['argocd.argoproj.io/sync-options']).toBe('Delete=false');
    }
    const levels = Object.fromEntries(namespaces.map((n) => [n.metadata.name, n.metadata.labels?.['pod-security.kubernetes.io/enforce']]));
    expect(levels['tekton-builds']).toBe('privileged');
    expect(Object.entries(levels).filter(([, l]) => l !== 'restricted').map(([n]) => n)).toEqual(['tekton-builds']);
  });

  it('renders every namespace at most once and never kube-system', () => {
    const names = namespaces.map((n) => n.metadata.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).not.toContain('kube-system');
  });

  it('puts a default-deny (ingress and egress) with DNS egress in every namespace that runs workloads', () => {
    const workloadNamespaces = [
      'argocd',
      'karpenter',
      'external-dns',
      'tekton-operator',
      'tekton-pipelines',
      'tekton-builds',
      ...env.tenants.map((t) => t.namespace),
      // kube-system is shared with EKS components: its policies select the add-on pods (next test)
      ...podIdentityContract(env).filter((e) => e.serviceAccountOwner === 'platform' && e.namespace !== 'kube-system').map((e) => e.namespace),
    ];
    for (const ns of new Set(workloadNamespaces)) {
      const inNs = policies.filter((p) => p.metadata.namespace === ns);
      const deny = inNs.find((p) => Object.keys(p.spec.podSelector.matchLabels).length === 0 && p.spec.policyTypes.includes('Ingress') && p.spec.policyTypes.includes('Egress') && !p.spec.ingress && !p.spec.egress);
      expect({ ns, deny: deny?.metadata.name }).toEqual({ ns, deny: 'default-deny' });
      const dns = inNs.find((p) => p.metadata.name === 'allow-dns-egress');
      expect(dns?.spec.egress?.[0]?.ports).toEqual([
        { port: 53, protocol: 'UDP' },
        { port: 53, protocol: 'TCP' },
      ]);
      expect(JSON.stringify(dns?.spec.egress?.[0]?.to)).toContain('kube-dns');
    }
  });

  it('lets pod identities reach the EKS Pod Identity Agent, and nothing else gets it', () => {
    const toAgent = policies.filter((p) => JSON.stringify(p.spec.egress ?? []).includes('169.254.170.23/32'));
    expect(toAgent.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort()).toEqual([
      'external-dns/allow-egress',
      'karpenter/allow-egress',
      'kube-system/aws-load-balancer-controller-allow-egress',
      'tekton-builds/allow-egress-image-builder',
    ]);
    // in tekton-builds only the build-and-push TaskRun pods (the ECR-push identity) get credentials
    const builder = toAgent.find((p) => p.metadata.namespace === 'tekton-builds');
    expect(builder?.spec.podSelector.matchLabels).toEqual({ 'tekton.dev/pipelineTask': 'buildah-build-push' });
    expect(builder?.spec.egress).toHaveLength(1);
  });

  it('lets the EventListener reach the core interceptors, and only EventListeners reach them', () => {
    const builds = policies.filter((p) => p.metadata.namespace === 'tekton-builds');
    const listenerEgress = builds.find((p) => p.metadata.name === 'allow-egress-event-listener');
    expect(listenerEgress?.spec.podSelector.matchLabels).toEqual({ eventlistener: 'github' });
    expect(listenerEgress?.spec.egress).toEqual([
      {
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'tekton-pipelines' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'core-interceptors' } } }],
        ports: [{ port: 8443, protocol: 'TCP' }],
      },
    ]);
    const listenerIngress = builds.find((p) => p.metadata.name === 'allow-ingress-event-listener');
    expect(listenerIngress?.spec.podSelector.matchLabels).toEqual({ eventlistener: 'github' });
    expect(listenerIngress?.spec.ingress).toEqual([{ from: [{ ipBlock: { cidr: '10.0.0.0/16' } }], ports: [{ port: 8080, protocol: 'TCP' }] }]);
    expect(builds.find((p) => p.metadata.name === 'allow-ingress')).toBeUndefined();

    const pipelines = policies.filter((p) => p.metadata.namespace === 'tekton-pipelines');
    const interceptors = pipelines.find((p) => p.metadata.name === 'allow-ingress-core-interceptors');
    expect(interceptors?.spec.podSelector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'core-interceptors' });
    expect(interceptors?.spec.ingress).toEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'tekton-builds' } }, podSelector: { matchLabels: { eventlistener: 'github' } } }],
        ports: [{ port: 8443, protocol: 'TCP' }],
      },
    ]);
    // the VPC (API server) reaches only the admission webhooks on 8443: Pipelines/Triggers and the operator's proxy webhook
    const webhooks = pipelines.find((p) => p.metadata.name === 'allow-ingress-webhooks');
    expect(webhooks?.spec.podSelector.matchLabels).toEqual({ 'app.kubernetes.io/component': 'webhook' });
    const proxy = pipelines.find((p) => p.metadata.name === 'allow-ingress-proxy-webhook');
    expect(proxy?.spec.podSelector.matchLabels).toEqual({ app: 'tekton-operator', name: 'tekton-operator' });
    expect(proxy?.spec.ingress).toEqual([{ from: [{ ipBlock: { cidr: '10.0.0.0/16' } }], ports: [{ port: 8443, protocol: 'TCP' }] }]);
    const vpcIngress = pipelines.filter((p) => JSON.stringify(p.spec.ingress ?? []).includes('10.0.0.0/16')).map((p) => p.metadata.name);
    expect(vpcIngress.sort()).toEqual(['allow-ingress-proxy-webhook', 'allow-ingress-webhooks']);
  });

  it('takes tekton-builds out of the operator proxy webhook (failurePolicy Fail), so TaskRun pods never wait on it', () => {
    const ns = byKind('Namespace').find((n) => n.metadata.name === 'tekton-builds');
    // proxy.operator.tekton.dev namespaceSelector: operator.tekton.dev/disable-proxy DoesNotExist
    expect(ns?.metadata.labels?.['operator.tekton.dev/disable-proxy']).toBe('true');
  });

  it('lets every pod that talks to the API server reach the kubernetes Service ClusterIP and the control-plane ENIs on 443', () => {
    const apiPolicies = policies.filter((p) => JSON.stringify(p.spec.egress ?? []).includes('"cidr":"172.20.0.1/32"'));
    expect(apiPolicies.length).toBeGreaterThan(0);
    for (const p of apiPolicies) {
      const rule = p.spec.egress?.find((r) => JSON.stringify(r.to).includes('172.20.0.1/32'));
      expect(rule).toEqual({ to: [{ ipBlock: { cidr: '172.20.0.1/32' } }, { ipBlock: { cidr: '10.0.0.0/16' } }], ports: [{ port: 443, protocol: 'TCP' }] });
    }
    expect(apiPolicies.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort()).toEqual([
      'argocd/allow-egress',
      'external-dns/allow-egress',
      'karpenter/allow-egress',
      'kube-system/aws-load-balancer-controller-allow-egress',
      'tekton-builds/allow-egress',
      'tekton-operator/allow-egress',
      'tekton-pipelines/allow-egress',
    ]);
  });

  it('scopes policies in kube-system to the add-on pods', () => {
    const kubeSystem = policies.filter((p) => p.metadata.namespace === 'kube-system');
    expect(kubeSystem.map((p) => p.metadata.name)).toEqual(expect.arrayContaining(['aws-load-balancer-controller-default-deny', 'aws-load-balancer-controller-allow-dns-egress']));
    for (const p of kubeSystem) expect(Object.keys(p.spec.podSelector.matchLabels)).toEqual(['app.kubernetes.io/name']);
  });

  it('gives tenants a ResourceQuota and a LimitRange from config', () => {
    const quota = byKind('ResourceQuota').find((q) => q.metadata.namespace === 'team-a');
    expect(quota?.spec).toEqual({ hard: { 'requests.cpu': '4', 'requests.memory': '8Gi', 'limits.memory': '16Gi', pods: 50, persistentvolumeclaims: 5, 'requests.storage': '50Gi' } });
    expect(byKind('LimitRange').map((l) => l.metadata.namespace)).toEqual(['team-a']);
  });

  it('renders the PriorityClasses once, in bootstrap/, so the helm install of ArgoCD can use them', () => {
    expect(files.get('kubernetes/bootstrap/priority-classes.yaml')?.map((o) => o.kind)).toEqual(Array(5).fill('PriorityClass'));
    expect([...files.entries()].filter(([, objs]) => objs.some((o) => o.kind === 'PriorityClass')).map(([f]) => f)).toEqual(['kubernetes/bootstrap/priority-classes.yaml']);
    const bootstrapClasses = files.get('kubernetes/bootstrap/priority-classes.yaml')?.map((o) => o.metadata.name) ?? [];
    // every priorityClassName the bootstrap helm values name (at any depth) exists in bootstrap/
    const bootstrapValues = parse(synthClusterAddons(env).files.find((f) => f.path === 'kubernetes/bootstrap/argocd-values.yaml')?.content ?? '') as unknown;
    const named: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (k === 'priorityClassName' && typeof x === 'string') named.push(x);
          else walk(x);
        }
      }
    };
    walk(bootstrapValues);
    expect(named).toContain('platform-critical');
    for (const n of named) expect(bootstrapClasses).toContain(n);
    // and every PriorityClass used anywhere else in the tree exists too
    const used = JSON.stringify(all).match(/"priorityClassName":"[^"]+"/g) ?? [];
    for (const u of used) expect(bootstrapClasses).toContain(u.split(':')[1]?.replace(/"/g, ''));
  });

  it('defines PriorityClasses with exactly one global default and a default encrypted gp3 StorageClass', () => {
    const pcs = byKind('PriorityClass') as (K8sObject & { globalDefault: boolean; value: number })[];
    expect(pcs.map((p) => p.metadata.name)).toEqual(['platform-critical', 'platform-high', 'tenant-high', 'tenant-default', 'tenant-batch']);
    expect(pcs.filter((p) => p.globalDefault).map((p) => p.metadata.name)).toEqual(['tenant-default']);
    for (const p of pcs) expect(p.value).toBeLessThanOrEqual(1_000_000_000);
    const [sc] = byKind('StorageClass') as (K8sObject & Record<string, unknown>)[];
    expect(sc).toMatchObject({
      provisioner: 'ebs.csi.aws.com',
      parameters: { type: 'gp3', encrypted: 'true', kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:alias/acme-test/ebs' },
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
      metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    });
    // every EBS volume carries the mandatory cost tags (EBS CSI tagSpecification_<n>: key=value)
    const params = sc?.['parameters'] as Record<string, string>;
    const tagSpecs = Object.entries(params).filter(([k]) => /^tagSpecification_\d+$/.test(k)).map(([, v]) => v);
    expect(tagSpecs.sort()).toEqual(Object.entries(mandatoryTags(env)).map(([k, v]) => `${k}=${v}`).sort());
  });
});

describe('cross-layer contract, Kubernetes side', () => {
  const serviceAccounts = byKind('ServiceAccount');

  it('renders every platform-owned contract ServiceAccount exactly once, in its namespace', () => {
    for (const entry of podIdentityContract(env)) {
      const matches = serviceAccounts.filter((sa) => sa.metadata.name === entry.serviceAccount);
      if (entry.serviceAccountOwner === 'platform') {
        expect({ id: entry.id, found: matches.map((m) => m.metadata.namespace) }).toEqual({ id: entry.id, found: [entry.namespace] });
        // rendered by the baseline, or kube-system which EKS creates
        expect(entry.namespace === 'kube-system' || namespaces().includes(entry.namespace)).toBe(true);
      } else {
        expect({ id: entry.id, found: matches.length }).toEqual({ id: entry.id, found: 0 });
      }
    }
  });

  it('tells charts not to create the contract ServiceAccounts', () => {
    const expected: Record<string, string> = { karpenter: 'karpenter', 'aws-load-balancer-controller': 'aws-load-balancer-controller', 'external-dns': 'external-dns' };
    for (const [app, sa] of Object.entries(expected)) {
      const values = chartSourceOf(applications.find((a) => a.metadata.name === app))?.helm?.valuesObject;
      expect(values?.['serviceAccount']).toEqual({ create: false, name: sa });
    }
  });

  function namespaces(): string[] {
    return byKind('Namespace').map((n) => n.metadata.name);
  }
});

describe('Karpenter', () => {
  type NodePool = K8sObject & { spec: { weight: number; limits: Record<string, string>; disruption: Record<string, unknown>; template: { spec: { expireAfter: string; requirements: { key: string; operator: string; values: string[] }[] } } } };
  const pools = (e: ReturnType<typeof fixtureEnvironment>): NodePool[] => objectsOf(e).all.filter((o) => o.kind === 'NodePool') as NodePool[];
  const req = (p: NodePool, key: string): string[] | undefined => p.spec.template.spec.requirements.find((r) => r.key === key)?.values;

  it('renders an on-demand pool and a spot pool with requirements, limits and disruption from config', () => {
    const e = fixtureEnvironment({
      karpenter: {
        onDemand: { cpuLimit: 100, memoryLimitGiB: 400, instanceCategories: ['m', 'r'], architectures: ['arm64'], consolidateAfter: '10m' },
        spot: { cpuLimit: 20, memoryLimitGiB: 80, instanceCategories: ['c'], architectures: ['amd64', 'arm64'], consolidateAfter: '30s' },
        expireAfter: '240h',
      },
    });
    const [onDemand, spot] = pools(e);
    expect(onDemand?.metadata.name).toBe('general-on-demand');
    expect(req(onDemand as NodePool, 'karpenter.sh/capacity-type')).toEqual(['on-demand']);
    expect(req(onDemand as NodePool, 'karpenter.k8s.aws/instance-category')).toEqual(['m', 'r']);
    expect(req(onDemand as NodePool, 'kubernetes.io/arch')).toEqual(['arm64']);
    expect(req(onDemand as NodePool, 'kubernetes.io/os')).toEqual(['linux']);
    expect(onDemand?.spec.limits).toEqual({ cpu: '100', memory: '400Gi' });
    expect(onDemand?.spec.template.spec.expireAfter).toBe('240h');
    expect(spot?.metadata.name).toBe('general-spot');
    expect(req(spot as NodePool, 'karpenter.sh/capacity-type')).toEqual(['spot']);
    expect(req(spot as NodePool, 'kubernetes.io/arch')).toEqual(['amd64', 'arm64']);
    expect(spot?.spec.disruption).toEqual({ consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '30s', budgets: [{ nodes: '20%' }] });
    // preferSpot false: on-demand is tried first, spot is the fallback
    expect(onDemand?.spec.weight).toBeGreaterThan(spot?.spec.weight ?? Infinity);
  });

  it('prefers spot only when karpenter.preferSpot is set', () => {
    const [onDemand, spot] = pools(fixtureEnvironment({ karpenter: { preferSpot: true } }));
    expect(spot?.spec.weight).toBeGreaterThan(onDemand?.spec.weight ?? Infinity);
  });

  it('renders no spot pool when none is configured', () => {
    const base = fixtureEnvironment();
    const e = { ...base, karpenter: { ...base.karpenter, spot: undefined } };
    expect(pools(e).map((p) => p.metadata.name)).toEqual(['general-on-demand']);
  });

  it('discovers subnets and security groups by tag, uses the node role, IMDSv2 and encrypted gp3', () => {
    const [nc] = byKind('EC2NodeClass') as (K8sObject & { spec: Record<string, unknown> })[];
    expect(nc?.spec).toMatchObject({
      role: 'acme-test-karpenter-node',
      amiSelectorTerms: [{ alias: 'bottlerocket@v1.48.0' }],
      subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'acme-test' } }],
      securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'acme-test' } }],
      metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1 },
      // cost attribution on everything Karpenter launches, plus the discovery tag
      tags: { ...mandatoryTags(env), 'karpenter.sh/discovery': 'acme-test' },
    });
    for (const m of nc?.spec['blockDeviceMappings'] as { ebs: { encrypted: boolean; volumeType: string } }[]) {
      expect(m.ebs).toMatchObject({ encrypted: true, volumeType: 'gp3', kmsKeyID: 'arn:aws:kms:eu-west-1:111122223333:alias/acme-test/ebs' });
    }
    const values = chartSourceOf(applications.find((a) => a.metadata.name === 'karpenter'))?.helm?.valuesObject;
    expect(values?.['settings']).toEqual({ clusterName: 'acme-test', interruptionQueue: 'acme-test-karpenter-interruption' });
    // IMDS is unreachable for pods (hop limit 1): the region is explicit
    expect((values?.['controller'] as { env: unknown }).env).toEqual([{ name: 'AWS_REGION', value: 'eu-west-1' }]);
    expect(values?.['priorityClassName']).toBe('platform-critical');
    expect(values?.['replicas']).toBe(env.karpenter.controllerReplicas);
  });
});

describe('ingress add-ons', () => {
  const values = (name: string): Record<string, unknown> | undefined => chartSourceOf(applications.find((a) => a.metadata.name === name))?.helm?.valuesObject;

  it('restricts external-dns to the environment domain with the configured policy', () => {
    expect(values('external-dns')).toMatchObject({ domainFilters: ['test.acme.example'], policy: 'sync', txtOwnerId: 'acme-test', provider: { name: 'aws' } });
    const upsert = objectsOf(fixtureEnvironment({ addons: { externalDnsPolicy: 'upsert-only' } })).all.find((o) => o.kind === 'Application' && o.metadata.name === 'external-dns') as Application;
    expect(chartSourceOf(upsert)?.helm?.valuesObject['policy']).toBe('upsert-only');
    expect(values('external-dns')?.['priorityClassName']).toBe('platform-critical');
  });

  it('keeps the ALB controller webhook certificate the cluster has (the chart regenerates it on every render under ArgoCD)', () => {
    const alb = applications.find((a) => a.metadata.name === 'aws-load-balancer-controller') as Application & { spec: { ignoreDifferences?: unknown } };
    expect(alb.spec.ignoreDifferences).toEqual([
      { group: '', kind: 'Secret', name: 'aws-load-balancer-tls', jsonPointers: ['/data'] },
      { group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration', name: 'aws-load-balancer-webhook', jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle'] },
      { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration', name: 'aws-load-balancer-webhook', jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle'] },
    ]);
    // without it a sync would still overwrite the ignored fields
    expect(alb.spec.syncPolicy.syncOptions).toContain('RespectIgnoreDifferences=true');
    const others = applications.filter((a) => a.metadata.name !== 'aws-load-balancer-controller');
    for (const a of others) expect(a.spec.syncPolicy.syncOptions).not.toContain('RespectIgnoreDifferences=true');
  });

  it('turns off the ALB controller Service mutator webhook (failurePolicy Fail on every Service)', () => {
    expect(values('aws-load-balancer-controller')?.['enableServiceMutatorWebhook']).toBe(false);
  });

  it('gives the ALB controller the cluster name, region and the VPC by its Name tag', () => {
    expect(values('aws-load-balancer-controller')).toMatchObject({ clusterName: 'acme-test', region: 'eu-west-1', vpcTags: { Name: 'acme-test' } });
  });
});

describe('Tekton', () => {
  it('configures the operator with a typed TektonConfig and pins every build image', () => {
    const [config] = byKind('TektonConfig');
    expect(config?.metadata.name).toBe('config');
    expect(config?.spec).toMatchObject({ profile: 'basic', targetNamespace: 'tekton-pipelines', pruner: { disabled: false, keep: 50 } });
    const images = JSON.stringify(all.filter((o) => o.kind === 'Task' || o.kind === 'Pipeline')).match(/"(?:image|default)":"[^"$]+[:@][^"]+"/g) ?? [];
    expect(images.length).toBeGreaterThan(3);
    for (const i of images) expect(i).not.toMatch(/:latest"/);
  });

  it('sizes every step and pulls every fixed image from an allowed registry (no Docker Hub)', () => {
    type Step = { name: string; image: string; computeResources?: { requests?: Record<string, string>; limits?: Record<string, string> } };
    const steps = (byKind('Task') as (K8sObject & { spec: { steps: Step[] } })[]).flatMap((t) => t.spec.steps);
    expect(steps.length).toBe(5);
    for (const step of steps) {
      expect({ step: step.name, requests: Object.keys(step.computeResources?.requests ?? {}).sort(), memoryLimit: step.computeResources?.limits?.['memory'] !== undefined }).toEqual({
        step: step.name,
        requests: ['cpu', 'memory'],
        memoryLimit: true,
      });
      if (!step.image.includes('$(')) expect(step.image).toMatch(/^(public\.ecr\.aws|quay\.io|ghcr\.io|registry\.k8s\.io)\//);
    }
  });

  it('builds clone -> test -> build/push to ECR -> bump GitOps, started by the GitHub EventListener', () => {
    const pipeline = byKind('Pipeline')[0] as K8sObject & { spec: { tasks: { name: string; runAfter?: string[]; params?: { name: string; value: string }[] }[] } };
    expect(pipeline.spec.tasks.map((t) => [t.name, t.runAfter])).toEqual([
      ['git-clone', undefined],
      ['run-tests', ['git-clone']],
      ['buildah-build-push', ['run-tests']],
      ['gitops-bump-image', ['buildah-build-push']],
    ]);
    const build = pipeline.spec.tasks.find((t) => t.name === 'buildah-build-push');
    expect(build?.params?.[0]?.value).toMatch(/^111122223333\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/acme\/test\/\$\(params\.service\):/);
    expect(all.filter((o) => o.apiVersion === 'triggers.tekton.dev/v1beta1').map((o) => o.kind).sort()).toEqual(['EventListener', 'TriggerBinding', 'TriggerTemplate']);
  });
});

describe('Tekton builds', () => {
  type Template = K8sObject & { spec: { resourcetemplates: { spec: { taskRunTemplate: { serviceAccountName: string }; taskRunSpecs: { pipelineTaskName: string; serviceAccountName: string }[] } }[] } };

  it('sizes the EventListener pod (requests CPU and memory, memory limit)', () => {
    const [listener] = byKind('EventListener') as (K8sObject & { spec: { resources: { kubernetesResource: { spec: { template: { spec: { containers: { resources: unknown }[] } } } } } } })[];
    expect(listener?.spec.resources.kubernetesResource.spec.template.spec.containers).toEqual([{ resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } } }]);
  });

  it('runs only the build-and-push task as the ECR-push identity; the other tasks as a plain ServiceAccount', () => {
    const [template] = byKind('TriggerTemplate') as Template[];
    const run = template?.spec.resourcetemplates[0]?.spec;
    expect(run?.taskRunTemplate.serviceAccountName).toBe('build-runner');
    expect(run?.taskRunSpecs).toEqual([{ pipelineTaskName: 'buildah-build-push', serviceAccountName: 'image-builder' }]);
    const runner = byKind('ServiceAccount').find((sa) => sa.metadata.name === 'build-runner') as K8sObject & { automountServiceAccountToken?: boolean };
    expect(runner.metadata.namespace).toBe('tekton-builds');
    expect(runner.automountServiceAccountToken).toBe(false);
    expect(podIdentityContract(env).some((e) => e.serviceAccount === 'build-runner')).toBe(false);
  });

  it('defaults the test step to a consistent pair (node image, npm) and passes per-service overrides through the binding', () => {
    const pipeline = byKind('Pipeline')[0] as K8sObject & { spec: { params: { name: string; default?: string }[] } };
    const defaults = Object.fromEntries(pipeline.spec.params.map((p) => [p.name, p.default]));
    expect(defaults['test-image']).toBe('public.ecr.aws/docker/library/node:22.12.0-alpine3.21');
    expect(defaults['test-command']).toBe('npm ci && npm test');
    const [binding] = byKind('TriggerBinding') as (K8sObject & { spec: { params: { name: string; value: string }[] } })[];
    expect(binding?.spec.params.filter((p) => p.name.startsWith('test-'))).toEqual([
      { name: 'test-image', value: '$(extensions.test_image)' },
      { name: 'test-command', value: '$(extensions.test_command)' },
    ]);
    const overlays = (e: ReturnType<typeof fixtureEnvironment>): { key: string; expression: string }[] => {
      const [listener] = objectsOf(e).all.filter((o) => o.kind === 'EventListener') as (K8sObject & { spec: { triggers: { interceptors: { params: { name: string; value: unknown }[] }[] }[] } })[];
      return listener?.spec.triggers[0]?.interceptors[1]?.params.find((p) => p.name === 'overlays')?.value as { key: string; expression: string }[];
    };
    expect(overlays(env)).toEqual([
      { key: 'test_image', expression: "'public.ecr.aws/docker/library/node:22.12.0-alpine3.21'" },
      { key: 'test_command', expression: "'npm ci && npm test'" },
    ]);
    const custom = fixtureEnvironment({ tekton: { testOverrides: { orders: { image: 'public.ecr.aws/docker/library/golang:1.23.4-bookworm', command: "make test ARGS='-v'" } } } });
    expect(overlays(custom)).toEqual([
      { key: 'test_image', expression: "body.repository.name == 'orders' ? 'public.ecr.aws/docker/library/golang:1.23.4-bookworm' : 'public.ecr.aws/docker/library/node:22.12.0-alpine3.21'" },
      { key: 'test_command', expression: "body.repository.name == 'orders' ? 'make test ARGS=\\'-v\\'' : 'npm ci && npm test'" },
    ]);
    expect(() => objectsOf(fixtureEnvironment({ tekton: { testOverrides: { ghost: { image: 'public.ecr.aws/docker/library/node:22.12.0-alpine3.21', command: 'npm test' } } } }))).toThrow(
      'test: tekton.testOverrides: service "ghost" is not in ecr.repositories [orders]',
    );
  });

  it('exposes the EventListener through an internet-facing ALB on HTTPS, open to the GitHub hook ranges only', () => {
    const [ingress] = byKind('Ingress') as (K8sObject & { spec: Record<string, unknown> })[];
    expect(ingress?.metadata.namespace).toBe('tekton-builds');
    expect(ingress?.metadata.annotations).toEqual({
      'alb.ingress.kubernetes.io/scheme': 'internet-facing',
      'alb.ingress.kubernetes.io/target-type': 'ip',
      'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS":443}]',
      'alb.ingress.kubernetes.io/ssl-policy': 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      'alb.ingress.kubernetes.io/inbound-cidrs': '192.30.252.0/22,185.199.108.0/22,140.82.112.0/20,143.55.64.0/20',
      'alb.ingress.kubernetes.io/backend-protocol': 'HTTP',
      'alb.ingress.kubernetes.io/healthcheck-path': '/live',
    });
    expect(ingress?.spec).toEqual({
      ingressClassName: 'alb',
      tls: [{ hosts: ['tekton-hooks.test.acme.example'] }],
      rules: [{ host: 'tekton-hooks.test.acme.example', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'el-github', port: { number: 8080 } } } }] } }],
    });
    const builds = applications.find((a) => a.metadata.name === 'tekton-builds');
    expect(Number(builds?.metadata.annotations?.['argocd.argoproj.io/sync-wave'])).toBeGreaterThan(Number(applications.find((a) => a.metadata.name === 'aws-load-balancer-controller')?.metadata.annotations?.['argocd.argoproj.io/sync-wave']));
  });
});

describe('chart values', () => {
  const upstream = process.env['PLATFORM_UPSTREAM_DIR'] ?? path.resolve(__dirname, '../../../../shared/upstream');
  /** Free-form maps of each chart: keys below them are not in values.yaml by design. */
  const FREE_FORM: Record<string, string[]> = { 'argo-cd': ['configs.cm', 'configs.params', 'configs.rbac'] };

  function missingKeys(values: unknown, defaults: unknown, prefix: string, freeForm: string[]): string[] {
    if (typeof values !== 'object' || values === null || Array.isArray(values)) return [];
    if (freeForm.includes(prefix)) return [];
    if (typeof defaults !== 'object' || defaults === null) return prefix && defaults === null ? [] : [prefix];
    if (Object.keys(defaults).length === 0) return [];
    return Object.entries(values).flatMap(([k, v]) => {
      const p = prefix ? `${prefix}.${k}` : k;
      if (!(k in (defaults as Record<string, unknown>))) return [p];
      return missingKeys(v, (defaults as Record<string, unknown>)[k], p, freeForm);
    });
  }

  it('only sets keys that exist in the chart values.yaml (outside free-form maps)', () => {
    let checked = 0;
    for (const app of applications) {
      const src = chartSourceOf(app);
      if (!src?.chart || !src.helm) continue;
      const file = path.join(upstream, 'charts', src.chart, src.targetRevision as string, 'values.yaml');
      // a missing reference file fails the test (set PLATFORM_UPSTREAM_DIR), it never skips the chart
      expect({ chart: src.chart, valuesYaml: fs.existsSync(file) ? 'present' : file }).toEqual({ chart: src.chart, valuesYaml: 'present' });
      checked += 1;
      expect({ chart: src.chart, missing: missingKeys(src.helm.valuesObject, parse(fs.readFileSync(file, 'utf8')), '', FREE_FORM[src.chart] ?? []) }).toEqual({ chart: src.chart, missing: [] });
    }
    expect(checked).toBe(6);
  });
});
