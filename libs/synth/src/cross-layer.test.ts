import { podIdentityContract } from '@platform/config';
import { applicationSources } from '@platform/validation';
import { fixtureEnvironment } from '@platform/config/testing';
import { synthFoundation } from '@platform/aws-foundation';
import { synthClusterAddons } from '@platform/cluster-addons';
import { parseAllDocuments } from 'yaml';

/**
 * ADR 0008: the EKS Pod Identity associations of the Terraform side and the ServiceAccounts of
 * the Kubernetes side, checked against each other on one environment synthesized in process.
 */
describe('cross-layer contract: pod identity associations <-> ServiceAccounts', () => {
  const env = fixtureEnvironment();
  let associations: string[] = [];
  let serviceAccounts: string[] = [];
  const kmsAliases: string[] = [];
  const kubernetesKmsKeyIds: string[] = [];
  const terraform: Record<string, Record<string, Record<string, unknown>>>[] = [];
  const kubernetes: { kind?: string; metadata?: { name: string }; spec?: Record<string, unknown> }[] = [];

  beforeAll(() => {
    for (const file of synthFoundation(env).files) {
      const tf = JSON.parse(file.content) as { resource?: Record<string, Record<string, { namespace: string; service_account: string; name: string }>> };
      for (const a of Object.values(tf.resource?.['aws_eks_pod_identity_association'] ?? {})) associations.push(`${a.namespace}/${a.service_account}`);
      for (const a of Object.values(tf.resource?.['aws_kms_alias'] ?? {})) kmsAliases.push(a.name);
      terraform.push((tf.resource ?? {}) as Record<string, Record<string, Record<string, unknown>>>);
    }
    for (const file of synthClusterAddons(env).files) {
      if (!file.path.endsWith('.yaml') || file.path.endsWith('argocd-values.yaml')) continue;
      for (const doc of parseAllDocuments(file.content)) {
        const o = doc.toJS() as { kind?: string; metadata?: { name: string; namespace: string }; spec?: Record<string, unknown> } | null;
        if (o) kubernetes.push(o);
        if (o?.kind === 'ServiceAccount' && o.metadata) serviceAccounts.push(`${o.metadata.namespace}/${o.metadata.name}`);
        for (const m of JSON.stringify(o).matchAll(/"kmsKeyI[dD]":"([^"]+)"/g)) kubernetesKmsKeyIds.push(m[1] as string);
      }
    }
    associations = associations.sort();
    serviceAccounts = serviceAccounts.sort();
  });

  const eksAddonOwned = (): Set<string> =>
    new Set(podIdentityContract(env).filter((e) => e.serviceAccountOwner === 'eks-addon').map((e) => `${e.namespace}/${e.serviceAccount}`));

  it('gives every association a rendered ServiceAccount (or an EKS add-on that creates it)', () => {
    expect(associations.length).toBeGreaterThan(0);
    const rendered = new Set(serviceAccounts);
    const eks = eksAddonOwned();
    expect(associations.filter((a) => !rendered.has(a) && !eks.has(a))).toEqual([]);
  });

  it('gives every contract ServiceAccount an association, exactly once', () => {
    const contract = new Set(podIdentityContract(env).map((e) => `${e.namespace}/${e.serviceAccount}`));
    const renderedContractAccounts = serviceAccounts.filter((sa) => contract.has(sa));
    expect(renderedContractAccounts.filter((sa) => !associations.includes(sa))).toEqual([]);
    expect(new Set(associations).size).toBe(associations.length);
    expect(new Set(renderedContractAccounts).size).toBe(renderedContractAccounts.length);
  });

  it('renders exactly the platform-owned contract ServiceAccounts once each', () => {
    const platform = podIdentityContract(env)
      .filter((e) => e.serviceAccountOwner === 'platform')
      .map((e) => `${e.namespace}/${e.serviceAccount}`)
      .sort();
    const names = new Set(podIdentityContract(env).map((e) => e.serviceAccount));
    expect(serviceAccounts.filter((sa) => names.has(sa.split('/')[1] as string))).toEqual(platform);
  });

  it('encrypts Kubernetes-side EBS volumes (EC2NodeClass, StorageClass) with a KMS alias the Terraform side creates', () => {
    expect(kubernetesKmsKeyIds.length).toBeGreaterThanOrEqual(3);
    for (const keyId of new Set(kubernetesKmsKeyIds)) {
      const alias = /^arn:aws:kms:eu-west-1:111122223333:(alias\/.+)$/.exec(keyId)?.[1];
      expect({ keyId, created: alias !== undefined && kmsAliases.includes(alias) }).toEqual({ keyId, created: true });
    }
  });

  it('agrees on the names Karpenter and the ALB controller look up in AWS', () => {
    const resources = (type: string): Record<string, unknown>[] => terraform.flatMap((r) => Object.values(r[type] ?? {}));
    const values = (app: string): Record<string, unknown> => {
      const a = kubernetes.find((o) => o.kind === 'Application' && o.metadata?.name === app);
      // chart-only Applications have `source`; chart add-ons with extra manifests have `sources` (chart first)
      return (a ? applicationSources(a) : []).find((src) => src.chart)?.helm?.valuesObject ?? {};
    };
    const karpenter = values('karpenter')['settings'] as { clusterName: string; interruptionQueue: string };
    expect(resources('aws_sqs_queue').map((q) => q['name'])).toContain(karpenter.interruptionQueue);
    expect(resources('aws_eks_cluster').map((c) => c['name'])).toContain(karpenter.clusterName);
    const nodeClass = kubernetes.find((o) => o.kind === 'EC2NodeClass')?.spec as { role: string; subnetSelectorTerms: { tags: Record<string, string> }[]; securityGroupSelectorTerms: { tags: Record<string, string> }[] };
    expect(resources('aws_iam_role').map((r) => r['name'])).toContain(nodeClass.role);
    const [subnetTag] = Object.entries(nodeClass.subnetSelectorTerms[0]?.tags ?? {});
    expect(resources('aws_subnet').filter((s) => (s['tags'] as Record<string, string>)[subnetTag?.[0] as string] === subnetTag?.[1]).length).toBeGreaterThanOrEqual(2);
    const [sgTag] = Object.entries(nodeClass.securityGroupSelectorTerms[0]?.tags ?? {});
    expect(resources('aws_ec2_tag').some((t) => t['key'] === sgTag?.[0] && t['value'] === sgTag?.[1])).toBe(true);
    const vpcTags = values('aws-load-balancer-controller')['vpcTags'] as Record<string, string>;
    expect(resources('aws_vpc').filter((v) => Object.entries(vpcTags).every(([k, val]) => (v['tags'] as Record<string, string>)[k] === val)).length).toBe(1);
  });
});
