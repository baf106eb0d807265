import { podIdentityContract } from '@platform/config';
import { all, applications, byKind, chartSourceOf, env, files, FIXTURE_MANDATORY_TAGS, type K8sObject, tree } from './testing/rendered-cluster-addons';

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
    expect(levels['monitoring-node-exporter']).toBe('privileged');
    expect(Object.entries(levels).filter(([, l]) => l !== 'restricted').map(([n]) => n).sort()).toEqual(['alloy-logs', 'monitoring-node-exporter', 'tekton-builds']);
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
      'loki/allow-egress',
      'mimir/allow-egress',
      'monitoring/allow-egress-alertmanager',
      'tekton-builds/allow-egress-image-builder',
      'velero/allow-egress',
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
      'alloy-logs/allow-egress',
      'alloy/alloy-allow-egress',
      'alloy/alloy-singleton-allow-egress',
      'argocd/allow-egress',
      'external-dns/allow-egress',
      'karpenter/allow-egress',
      'kube-system/aws-load-balancer-controller-allow-egress',
      'mimir/allow-egress',
      'monitoring/allow-egress',
      'tekton-builds/allow-egress',
      'tekton-operator/allow-egress',
      'tekton-pipelines/allow-egress',
      'velero/allow-egress',
    ]);
  });

  it('scopes policies in kube-system to the add-on pods', () => {
    const kubeSystem = policies.filter((p) => p.metadata.namespace === 'kube-system');
    expect(kubeSystem.map((p) => p.metadata.name)).toEqual(expect.arrayContaining(['aws-load-balancer-controller-default-deny', 'aws-load-balancer-controller-allow-dns-egress']));
    for (const p of kubeSystem) expect(Object.keys(p.spec.podSelector.matchLabels)).toEqual(['app.kubernetes.io/name']);
  });

  it('gives tenants a ResourceQuota and a LimitRange from config; no LoadBalancer or NodePort Service (traffic enters through the platform gateway)', () => {
    const quota = byKind('ResourceQuota').find((q) => q.metadata.namespace === 'team-a');
    expect(quota?.spec).toEqual({
      hard: { 'requests.cpu': '4', 'requests.memory': '8Gi', 'limits.memory': '16Gi', pods: 50, persistentvolumeclaims: 5, 'requests.storage': '50Gi', 'services.loadbalancers': '0', 'services.nodeports': '0' },
    });
    expect(byKind('LimitRange').map((l) => l.metadata.namespace)).toEqual(['team-a']);
  });

  it('renders the PriorityClasses once, in bootstrap/, so the helm install of ArgoCD can use them', () => {
    expect(files.get('kubernetes/bootstrap/priority-classes.yaml')?.map((o) => o.kind)).toEqual(Array(5).fill('PriorityClass'));
    expect([...files.entries()].filter(([, objs]) => objs.some((o) => o.kind === 'PriorityClass')).map(([f]) => f)).toEqual(['kubernetes/bootstrap/priority-classes.yaml']);
    const bootstrapClasses = files.get('kubernetes/bootstrap/priority-classes.yaml')?.map((o) => o.metadata.name) ?? [];
    // every priorityClassName the bootstrap helm values name (at any depth) exists in bootstrap/
    const bootstrapValues = tree.bootstrapArgoCdValues;
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
    expect(tagSpecs.sort()).toEqual(Object.entries(FIXTURE_MANDATORY_TAGS).map(([k, v]) => `${k}=${v}`).sort());
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
