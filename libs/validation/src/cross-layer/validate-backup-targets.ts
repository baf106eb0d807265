import type { K8sDocument, TerraformStackFile } from '../dist-tree';
import { describeObject } from '../dist-tree';
import type { Finding } from '../finding';

/** Rule ids of the data layer. */
export const DATA_RULES = {
  /** A backup target (bucket + prefix) is not writable by the Pod Identity of the ServiceAccount that writes it. */
  backupTargetNotCovered: 'XL-DATA-001',
} as const;

/** Actions barman-cloud needs on the objects below its destination (WAL archive, base backups, retention). */
export const BACKUP_WRITE_ACTIONS = ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'] as const;

interface Statement {
  readonly Effect?: string;
  readonly Action?: string | readonly string[];
  readonly Resource?: string | readonly string[];
}

const list = (v: string | readonly string[] | undefined): readonly string[] => (v === undefined ? [] : typeof v === 'string' ? [v] : v);

/** IAM wildcard match (`*` any run of characters including `/`, `?` one character), case-sensitive as for ARNs. */
export function iamMatches(pattern: string, value: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(value);
}

/** Action match: IAM actions are case-insensitive and may use wildcards (`s3:*`). */
function actionAllowed(statements: readonly Statement[], action: string, resource: string): boolean {
  return statements.some(
    (s) => s.Effect === 'Allow' && list(s.Action).some((a) => iamMatches(a.toLowerCase(), action.toLowerCase())) && list(s.Resource).some((r) => iamMatches(r, resource)),
  );
}

/** `namespace/serviceAccount -> { association address, statements of its role's inline policies }` from every stack. */
function podIdentityPolicies(stacks: readonly TerraformStackFile[]): Map<string, { address: string; statements: Statement[] }> {
  const out = new Map<string, { address: string; statements: Statement[] }>();
  for (const stack of stacks) {
    const resources = (stack.json['resource'] ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
    const byRole = new Map<string, Statement[]>();
    for (const policy of Object.values(resources['aws_iam_role_policy'] ?? {})) {
      const role = /^\$\{aws_iam_role\.([^.}]+)\.(id|name)\}$/.exec(String(policy['role'] ?? ''))?.[1];
      if (!role || typeof policy['policy'] !== 'string') continue;
      try {
        const doc = JSON.parse(policy['policy']) as { Statement?: Statement | Statement[] };
        const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
        byRole.set(role, [...(byRole.get(role) ?? []), ...statements]);
      } catch {
        // an unparsable policy grants nothing this rule can see
      }
    }
    for (const [name, a] of Object.entries(resources['aws_eks_pod_identity_association'] ?? {})) {
      const role = /^\$\{aws_iam_role\.([^.}]+)\.arn\}$/.exec(String(a['role_arn'] ?? ''))?.[1];
      if (typeof a['namespace'] !== 'string' || typeof a['service_account'] !== 'string') continue;
      out.set(`${a['namespace']}/${a['service_account']}`, { address: `aws_eks_pod_identity_association.${name}`, statements: role ? (byRole.get(role) ?? []) : [] });
    }
  }
  return out;
}

const meta = (o: Record<string, unknown>) => (o['metadata'] ?? {}) as { name?: string; namespace?: string };

/**
 * XL-DATA-001: every backup target is writable by the workload that writes it. For each Barman Cloud
 * `ObjectStore` (`spec.configuration.destinationPath` `s3://<bucket>/<prefix>`) and each CloudNativePG
 * `Cluster` archiving to it (`spec.plugins[].parameters.barmanObjectName`), the Pod Identity association
 * of the Cluster's ServiceAccount (`spec.serviceAccountName`, default the Cluster name) must grant
 * `BACKUP_WRITE_ACTIONS` on `arn:aws:s3:::<bucket>/<prefix>/<cluster>/*` (barman writes below the
 * server name). Otherwise WAL archiving fails at runtime and the RPO silently grows.
 */
export function validateBackupTargets(stacks: readonly TerraformStackFile[], docs: readonly K8sDocument[]): Finding[] {
  const policies = podIdentityPolicies(stacks);
  const stores = new Map<string, { doc: K8sDocument; destination: string }>();
  for (const doc of docs) {
    const o = doc.object;
    if (o['kind'] !== 'ObjectStore' || !String(o['apiVersion']).startsWith('barmancloud.cnpg.io/')) continue;
    const destination = ((o['spec'] as Record<string, unknown> | undefined)?.['configuration'] as Record<string, unknown> | undefined)?.['destinationPath'];
    if (typeof destination === 'string') stores.set(`${meta(o).namespace}/${meta(o).name}`, { doc, destination });
  }
  const out: Finding[] = [];
  for (const doc of docs) {
    const o = doc.object;
    if (o['kind'] !== 'Cluster' || !String(o['apiVersion']).startsWith('postgresql.cnpg.io/')) continue;
    const spec = (o['spec'] ?? {}) as { serviceAccountName?: string; plugins?: { name?: string; parameters?: Record<string, string> }[] };
    const { name, namespace } = meta(o);
    (spec.plugins ?? []).forEach((plugin, i) => {
      const storeName = plugin.parameters?.['barmanObjectName'];
      const store = storeName ? stores.get(`${namespace}/${storeName}`) : undefined;
      if (!store) return;
      const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(store.destination);
      if (!m) return;
      const [, bucket, prefix] = m;
      const serverName = plugin.parameters?.['serverName'] ?? String(name);
      const objectArn = `arn:aws:s3:::${bucket}/${prefix ? `${prefix.replace(/\/+$/, '')}/` : ''}${serverName}/wals/0000000100000000/000000010000000000000001`;
      const serviceAccount = `${namespace}/${spec.serviceAccountName ?? name}`;
      const identity = policies.get(serviceAccount);
      const path = `spec.plugins[${i}].parameters.barmanObjectName`;
      if (!identity) {
        out.push({ file: doc.file, object: describeObject(o), path, rule: DATA_RULES.backupTargetNotCovered, message: `backs up to ${store.destination} (ObjectStore ${storeName}) as ServiceAccount ${serviceAccount}, which has no aws_eks_pod_identity_association; give it the backup pod identity` });
        return;
      }
      const missing = BACKUP_WRITE_ACTIONS.filter((a) => !actionAllowed(identity.statements, a, objectArn));
      if (missing.length > 0) {
        out.push({
          file: doc.file,
          object: describeObject(o),
          path,
          rule: DATA_RULES.backupTargetNotCovered,
          message: `backs up to ${store.destination} (ObjectStore ${storeName}) as ServiceAccount ${serviceAccount}, but the role of ${identity.address} does not allow ${missing.join(', ')} on arn:aws:s3:::${bucket}/${prefix ? `${prefix}/` : ''}${serverName}/*; point the ObjectStore at the prefix the pod identity allows or widen its permission`,
        });
      }
    });
  }
  return out;
}
