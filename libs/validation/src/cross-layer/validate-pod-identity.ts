import { POD_IDENTITY_LABEL } from '@platform/config';
import type { K8sDocument, TerraformStackFile } from '../dist-tree';
import { describeObject } from '../dist-tree';
import type { Finding } from '../finding';
import { asList } from '../terraform/stack-model';

/** Rule ids of the pod identity contract (ADR 0008). */
export const POD_IDENTITY_RULES = {
  /** An association has no rendered ServiceAccount. */
  missingServiceAccount: 'XL-POD-001',
  /** A contract ServiceAccount has no association. */
  missingAssociation: 'XL-POD-002',
  /** namespace/service_account of an association are not literal strings. */
  notLiteral: 'XL-POD-003',
  /** The rendered ServiceAccount an association targets lacks the `platform.io/pod-identity` label. */
  unlabelled: 'XL-POD-004',
} as const;

interface Association {
  readonly file: string;
  readonly address: string;
  readonly namespace: string;
  readonly serviceAccount: string;
}

/**
 * Checks the cross-layer contract between the Terraform stacks and the rendered YAML:
 * - every `aws_eks_pod_identity_association` has a rendered ServiceAccount with that namespace/name,
 *   unless an `aws_eks_addon` of the same stack creates that service account (its own
 *   `pod_identity_association` names it, or it references the association, e.g. in `depends_on`);
 * - every rendered ServiceAccount labelled `platform.io/pod-identity` (`POD_IDENTITY_LABEL`) has an association;
 * - every rendered ServiceAccount an association targets carries that label (the Kubernetes side always
 *   renders contract ServiceAccounts with it, so a missing label means the ServiceAccount comes from elsewhere).
 */
export function validatePodIdentity(stacks: readonly TerraformStackFile[], docs: readonly K8sDocument[]): Finding[] {
  const out: Finding[] = [];
  const associations: Association[] = [];
  const addonServiceAccounts = new Set<string>();
  for (const stack of stacks) {
    const resources = (stack.json['resource'] ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
    const stackAddonSas = new Set<string>();
    const addonLinked = new Set<string>();
    for (const addon of Object.values(resources['aws_eks_addon'] ?? {})) {
      for (const pia of asList(addon['pod_identity_association'])) {
        if (typeof pia['service_account'] === 'string') stackAddonSas.add(pia['service_account']);
      }
      // An add-on that depends on / references a standalone association owns that association's service account.
      const text = JSON.stringify(addon);
      for (const m of text.matchAll(/aws_eks_pod_identity_association\.([A-Za-z0-9_-]+)/g)) addonLinked.add(m[1]);
    }
    for (const [name, a] of Object.entries(resources['aws_eks_pod_identity_association'] ?? {})) {
      const address = `aws_eks_pod_identity_association.${name}`;
      const { namespace, service_account: serviceAccount } = a as { namespace?: unknown; service_account?: unknown };
      if (typeof namespace !== 'string' || typeof serviceAccount !== 'string' || namespace.includes('${') || serviceAccount.includes('${')) {
        out.push({ file: stack.file, object: address, path: 'namespace', rule: POD_IDENTITY_RULES.notLiteral, message: 'namespace and service_account must be literal strings (the contract is checked against the rendered YAML)' });
        continue;
      }
      if (stackAddonSas.has(serviceAccount) || addonLinked.has(name)) {
        addonServiceAccounts.add(`${namespace}/${serviceAccount}`);
        continue;
      }
      associations.push({ file: stack.file, address, namespace, serviceAccount });
    }
  }
  const serviceAccounts = docs.filter((d) => d.object['kind'] === 'ServiceAccount' && d.object['apiVersion'] === 'v1');
  const key = (d: K8sDocument) => {
    const m = (d.object['metadata'] ?? {}) as Record<string, unknown>;
    return `${String(m['namespace'] ?? 'default')}/${String(m['name'])}`;
  };
  const rendered = new Set(serviceAccounts.map(key));
  for (const a of associations) {
    if (!rendered.has(`${a.namespace}/${a.serviceAccount}`)) {
      out.push({ file: a.file, object: a.address, path: 'service_account', rule: POD_IDENTITY_RULES.missingServiceAccount, message: `no rendered ServiceAccount ${a.namespace}/${a.serviceAccount} (kubernetes/**), but the association grants it an IAM role` });
    }
  }
  const associated = new Set(associations.map((a) => `${a.namespace}/${a.serviceAccount}`));
  const labelled = (d: K8sDocument): boolean => POD_IDENTITY_LABEL in (((d.object['metadata'] as Record<string, unknown>)?.['labels'] ?? {}) as Record<string, unknown>);
  for (const d of serviceAccounts) {
    const k = key(d);
    if (labelled(d) && !associated.has(k) && !addonServiceAccounts.has(k)) {
      out.push({ file: d.file, object: describeObject(d.object), path: 'metadata.name', rule: POD_IDENTITY_RULES.missingAssociation, message: `ServiceAccount ${k} is a pod identity of the contract but no aws_eks_pod_identity_association targets it` });
    }
    if (!labelled(d) && associated.has(k)) {
      out.push({ file: d.file, object: describeObject(d.object), path: 'metadata.labels', rule: POD_IDENTITY_RULES.unlabelled, message: `ServiceAccount ${k} is the target of an aws_eks_pod_identity_association but lacks the label ${POD_IDENTITY_LABEL} that every contract ServiceAccount carries (rendered by ContractServiceAccounts, not by a chart)` });
    }
  }
  return out;
}
