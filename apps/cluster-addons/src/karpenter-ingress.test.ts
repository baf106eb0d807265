import { fixtureEnvironment } from '@platform/config/testing';
import { type Application, applications, byKind, chartSourceOf, env, FIXTURE_MANDATORY_TAGS, type K8sObject, renderTree } from './testing/rendered-cluster-addons';

describe('Karpenter', () => {
  type NodePool = K8sObject & { spec: { weight: number; limits: Record<string, string>; disruption: Record<string, unknown>; template: { spec: { expireAfter: string; requirements: { key: string; operator: string; values: string[] }[] } } } };
  const pools = (e: ReturnType<typeof fixtureEnvironment>): NodePool[] => renderTree(e).all.filter((o) => o.kind === 'NodePool') as NodePool[];
  const req = (p: NodePool, key: string): string[] | undefined => p.spec.template.spec.requirements.find((r) => r.key === key)?.values;

  it('keeps every NodePool (on-demand, spot, builds) out of karpenter.excludedZones with a NotIn requirement, and none by default', () => {
    const excluded = pools(fixtureEnvironment({ karpenter: { excludedZones: ['eu-west-1b'] } } as Parameters<typeof fixtureEnvironment>[0]));
    expect(excluded.map((p) => p.metadata.name).sort()).toEqual(['builds', 'general-on-demand', 'general-spot']);
    for (const p of excluded) expect(p.spec.template.spec.requirements.find((r) => r.key === 'topology.kubernetes.io/zone')).toEqual({ key: 'topology.kubernetes.io/zone', operator: 'NotIn', values: ['eu-west-1b'] });
    for (const p of pools(env)) expect(req(p, 'topology.kubernetes.io/zone')).toBeUndefined();
  });

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
    expect(pools(e).map((p) => p.metadata.name)).toEqual(['general-on-demand', 'builds']);
  });

  it('sizes the builds pool from karpenter.builds (capacity type, instance categories, limits, consolidation delay)', () => {
    const builds = pools(fixtureEnvironment({ karpenter: { builds: { capacityType: 'spot', cpuLimit: 8, memoryLimitGiB: 32, instanceCategories: ['c'], consolidateAfter: '2m' } } })).find((p) => p.metadata.name === 'builds') as NodePool;
    expect(req(builds, 'karpenter.sh/capacity-type')).toEqual(['spot']);
    expect(req(builds, 'karpenter.k8s.aws/instance-category')).toEqual(['c']);
    expect(req(builds, 'kubernetes.io/arch')).toEqual(['amd64']);
    expect(builds.spec.limits).toEqual({ cpu: '8', memory: '32Gi' });
    expect(builds.spec.disruption).toEqual({ consolidationPolicy: 'WhenEmpty', consolidateAfter: '2m', budgets: [{ nodes: '10%' }] });
    expect(builds.spec.weight).toBeUndefined();
  });

  it('discovers subnets and security groups by tag, uses the node role, IMDSv2 and encrypted gp3', () => {
    const nc = (byKind('EC2NodeClass') as (K8sObject & { spec: Record<string, unknown> })[]).find((c) => c.metadata.name === 'default');
    expect(nc?.spec).toMatchObject({
      role: 'acme-test-karpenter-node',
      amiSelectorTerms: [{ alias: 'bottlerocket@v1.48.0' }],
      subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'acme-test' } }],
      securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'acme-test' } }],
      metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1 },
      // cost attribution on everything Karpenter launches, plus the discovery tag
      tags: { ...FIXTURE_MANDATORY_TAGS, 'karpenter.sh/discovery': 'acme-test' },
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
    const upsert = renderTree(fixtureEnvironment({ addons: { externalDnsPolicy: 'upsert-only' } })).all.find((o) => o.kind === 'Application' && o.metadata.name === 'external-dns') as Application;
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
