import { fixtureEnvironment, podIdentityContract } from '@platform/config';
import { synthFoundation } from '@platform/aws-foundation';
import { synthClusterAddons } from '@platform/cluster-addons';
import { parseAllDocuments } from 'yaml';

/**
 * DESIGN D5: the EKS Pod Identity associations of the Terraform side and the ServiceAccounts of
 * the Kubernetes side, checked against each other on one environment synthesized in process.
 */
describe('cross-layer contract: pod identity associations <-> ServiceAccounts', () => {
  const env = fixtureEnvironment();
  let associations: string[] = [];
  let serviceAccounts: string[] = [];
  const kmsAliases: string[] = [];
  const kubernetesKmsKeyIds: string[] = [];

  beforeAll(() => {
    for (const file of synthFoundation(env).files) {
      const tf = JSON.parse(file.content) as { resource?: Record<string, Record<string, { namespace: string; service_account: string; name: string }>> };
      for (const a of Object.values(tf.resource?.['aws_eks_pod_identity_association'] ?? {})) associations.push(`${a.namespace}/${a.service_account}`);
      for (const a of Object.values(tf.resource?.['aws_kms_alias'] ?? {})) kmsAliases.push(a.name);
    }
    for (const file of synthClusterAddons(env).files) {
      if (!file.path.endsWith('.yaml') || file.path.endsWith('argocd-values.yaml')) continue;
      for (const doc of parseAllDocuments(file.content)) {
        const o = doc.toJS() as { kind?: string; metadata?: { name: string; namespace: string } } | null;
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
});
