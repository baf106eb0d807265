import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixtureEnvironment, podIdentityContract } from '@platform/config';
import { APPLICATION_HEALTH_LUA, argoCdValues } from '@platform/k8s-gitops';
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
interface Application extends K8sObject {
  readonly spec: {
    readonly project: string;
    readonly destination: { readonly namespace: string };
    readonly source: { readonly repoURL: string; readonly chart?: string; readonly path?: string; readonly helm?: { readonly valuesObject: Record<string, unknown>; readonly skipCrds?: boolean } };
    readonly syncPolicy: { readonly automated?: unknown; readonly retry?: { readonly limit: number; readonly backoff: unknown }; readonly syncOptions: string[] };
  };
}

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
  it('are computed from the dependency graph: CRDs and baseline first, custom resources after their operators', () => {
    const waves = Object.fromEntries(applications.filter((a) => a.metadata.name !== 'test-root').map((a) => [a.metadata.name, Number(a.metadata.annotations?.['argocd.argoproj.io/sync-wave'])]));
    expect(waves).toEqual({
      argocd: 0,
      baseline: 0,
      'karpenter-crd': 0,
      karpenter: 1,
      'karpenter-config': 2,
      'aws-load-balancer-controller': 1,
      'external-dns': 1,
      'tekton-operator': 1,
      'tekton-operator-config': 2,
      'tekton-builds': 3,
    });
    const project = byKind('AppProject').find((p) => p.metadata.name === 'platform');
    expect(project?.metadata.annotations?.['argocd.argoproj.io/sync-wave']).toBe('-1');
  });

  it('match the waves returned by buildClusterAddons', () => {
    const { waves } = buildClusterAddons(new App(), env);
    for (const app of applications.filter((a) => a.metadata.name !== 'test-root')) {
      expect(String(waves.get(app.metadata.name))).toBe(app.metadata.annotations?.['argocd.argoproj.io/sync-wave']);
    }
  });

  it('install Karpenter CRDs from karpenter-crd only', () => {
    const karpenter = applications.find((a) => a.metadata.name === 'karpenter');
    expect(karpenter?.spec.source.helm?.skipCrds).toBe(true);
    expect(applications.find((a) => a.metadata.name === 'karpenter-crd')?.spec.syncPolicy.syncOptions).toContain('ServerSideApply=true');
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
    expect(root.spec.source.path).toBe('clusters/test/kubernetes/apps');
    expect(files.get('kubernetes/bootstrap/namespace.yaml')?.map((o) => o.kind)).toEqual(['Namespace']);
  });

  it('gives every Application a finalizer, retry with backoff and the environment sync policy', () => {
    for (const app of applications) {
      expect(app.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
      expect(app.spec.syncPolicy.retry).toEqual({ limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } });
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
      expect(project?.sourceRepos).toContain(app.spec.source.repoURL);
      expect(project?.destinations.map((d) => d.namespace)).toContain(app.spec.destination.namespace);
    }
    const namespaced = all.filter((o) => o.metadata.namespace && !o.apiVersion.startsWith('argoproj.io'));
    for (const o of namespaced) expect(projects.get('platform')?.destinations.map((d) => d.namespace)).toContain(o.metadata.namespace);
  });

  it('points every path Application at a folder that synth produced', () => {
    const paths = applications.filter((a) => a.spec.source.path && a.metadata.name !== 'test-root').map((a) => a.spec.source.path as string);
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
    expect(self?.spec.source.helm?.valuesObject).toEqual(JSON.parse(JSON.stringify(argoCdValues(env))));
    const bootstrapValues = synthClusterAddons(env).files.find((f) => f.path === 'kubernetes/bootstrap/argocd-values.yaml');
    expect(parse(bootstrapValues?.content ?? '')).toEqual(self?.spec.source.helm?.valuesObject);
  });

  it('keeps the health check for argoproj.io/Application so app-of-apps waves wait for child health', () => {
    const cm = argoCdValues(env).configs.cm;
    expect(cm['resource.customizations.health.argoproj.io_Application']).toBe(APPLICATION_HEALTH_LUA);
    expect(APPLICATION_HEALTH_LUA).toContain('hs.status = "Progressing"');
    expect(APPLICATION_HEALTH_LUA).toContain('hs.status = obj.status.health.status');
    expect(APPLICATION_HEALTH_LUA.trim().endsWith('return hs')).toBe(true);
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
      const reason = ns.metadata.annotations?.['platform.io/psa-exception-reason'];
      if (l['pod-security.kubernetes.io/enforce'] === 'restricted') expect(reason).toBeUndefined();
      else expect(reason?.length).toBeGreaterThan(20);
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
      'tekton-builds/allow-egress',
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
      const values = applications.find((a) => a.metadata.name === app)?.spec.source.helm?.valuesObject;
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
    });
    for (const m of nc?.spec['blockDeviceMappings'] as { ebs: { encrypted: boolean; volumeType: string } }[]) {
      expect(m.ebs).toMatchObject({ encrypted: true, volumeType: 'gp3', kmsKeyID: 'arn:aws:kms:eu-west-1:111122223333:alias/acme-test/ebs' });
    }
    const values = applications.find((a) => a.metadata.name === 'karpenter')?.spec.source.helm?.valuesObject;
    expect(values?.['settings']).toEqual({ clusterName: 'acme-test', interruptionQueue: 'acme-test-karpenter-interruption' });
    expect(values?.['replicas']).toBe(env.karpenter.controllerReplicas);
  });
});

describe('ingress add-ons', () => {
  const values = (name: string): Record<string, unknown> | undefined => applications.find((a) => a.metadata.name === name)?.spec.source.helm?.valuesObject;

  it('restricts external-dns to the environment domain with the configured policy', () => {
    expect(values('external-dns')).toMatchObject({ domainFilters: ['test.acme.example'], policy: 'sync', txtOwnerId: 'acme-test', provider: { name: 'aws' } });
    const upsert = objectsOf(fixtureEnvironment({ addons: { externalDnsPolicy: 'upsert-only' } })).all.find((o) => o.kind === 'Application' && o.metadata.name === 'external-dns') as Application;
    expect(upsert.spec.source.helm?.valuesObject['policy']).toBe('upsert-only');
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

  it('builds clone -> test -> build/push to ECR -> bump GitOps, started by the GitHub EventListener', () => {
    const pipeline = byKind('Pipeline')[0] as K8sObject & { spec: { tasks: { name: string; runAfter?: string[]; params?: { name: string; value: string }[] }[] } };
    expect(pipeline.spec.tasks.map((t) => t.name)).toEqual(['git-clone', 'run-tests', 'buildah-build-push', 'gitops-bump-image']);
    const build = pipeline.spec.tasks.find((t) => t.name === 'buildah-build-push');
    expect(build?.params?.[0]?.value).toMatch(/^111122223333\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/acme\/test\/\$\(params\.service\):/);
    expect(all.filter((o) => o.apiVersion === 'triggers.tekton.dev/v1beta1').map((o) => o.kind).sort()).toEqual(['EventListener', 'TriggerBinding', 'TriggerTemplate']);
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
      const src = app.spec.source as { chart?: string; targetRevision?: string; helm?: { valuesObject: Record<string, unknown> } };
      if (!src.chart || !src.helm) continue;
      const file = path.join(upstream, 'charts', src.chart, src.targetRevision as string, 'values.yaml');
      if (!fs.existsSync(file)) continue;
      checked += 1;
      expect({ chart: src.chart, missing: missingKeys(src.helm.valuesObject, parse(fs.readFileSync(file, 'utf8')), '', FREE_FORM[src.chart] ?? []) }).toEqual({ chart: src.chart, missing: [] });
    }
    if (fs.existsSync(upstream)) expect(checked).toBeGreaterThanOrEqual(6);
  });
});
