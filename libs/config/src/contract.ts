import type { EnvironmentConfig } from './environment-schema';
import type { AddonDeclaration } from './addons/addon-declaration';
import { enabledAddons } from './addons/enabled';
import { ADDONS } from './addons/registry';
import type { PodIdentityEntry } from './pod-identity';
import { roleName } from './naming';

export type { AwsPermission, PodIdentityEntry } from './pod-identity';

/**
 * Identities of EKS managed add-ons (the cluster stack installs them, no Application): always present.
 * The EBS CSI driver tags every volume it creates and needs them to encrypt with the EBS key.
 */
export const CLUSTER_POD_IDENTITIES: readonly PodIdentityEntry[] = [
  { id: 'ebs-csi', namespace: 'kube-system', serviceAccount: 'ebs-csi-controller-sa', permissions: [{ kind: 'ebs-csi-driver' }], serviceAccountOwner: 'eks-addon' },
];

/**
 * The cross-layer contract: every workload that needs AWS, in a stable order: the EKS managed
 * add-ons' identities, then those of the add-ons (default: the registry) enabled in `env`, in list order. A disabled or
 * not-yet-built add-on has no entry, so neither side creates its role, association or ServiceAccount.
 */
export function podIdentityContract(env: EnvironmentConfig, addons: readonly AddonDeclaration[] = ADDONS): readonly PodIdentityEntry[] {
  return [...CLUSTER_POD_IDENTITIES, ...enabledAddons(env, addons).flatMap((a) => a.podIdentities ?? []), ...tenantServicePodIdentities(env)];
}

/** Contract id of a tenant service's identity: `svc-<tenant>-<service>`. */
export function tenantServicePodIdentityId(tenant: string, service: string): string {
  return `svc-${tenant}-${service}`;
}

/**
 * Identities of the tenants' services that declare `awsPermissions` (golden path), in tenant and
 * service order. The ServiceAccount is the service's own; S3 access stays under the entry's prefix.
 */
export function tenantServicePodIdentities(env: EnvironmentConfig): readonly PodIdentityEntry[] {
  return env.tenants.flatMap((t) =>
    (t.services ?? [])
      .filter((s) => s.awsPermissions.length > 0)
      .map((s) => ({ id: tenantServicePodIdentityId(t.namespace, s.name), namespace: t.namespace, serviceAccount: s.name, permissions: s.awsPermissions, serviceAccountOwner: 'golden-path' as const })),
  );
}

/** The IAM role name of a contract entry: `<cluster>-<id>`. */
export function podIdentityRoleName(env: EnvironmentConfig, entry: PodIdentityEntry): string {
  return roleName(env, entry.id);
}

/** Looks up an entry by id. @throws Error naming the id and the known ids */
export function podIdentityEntry(env: EnvironmentConfig, id: string): PodIdentityEntry {
  const entry = podIdentityContract(env).find((e) => e.id === id);
  if (!entry) {
    throw new Error(`unknown pod identity entry "${id}"; known: ${podIdentityContract(env).map((e) => e.id).join(', ')}`);
  }
  return entry;
}

/**
 * The key prefix a contract entry owns in its purpose bucket: `<entry id>/`. The Terraform side
 * confines the entry's S3 permissions to it; the Kubernetes side configures the chart's bucket
 * prefix with it, so workloads sharing a bucket (CloudNativePG and Velero in `backups`) cannot
 * read, overwrite or delete each other's objects.
 */
export function podIdentityObjectPrefix(entry: Pick<PodIdentityEntry, 'id'>): string {
  return `${entry.id}/`;
}

/**
 * Every key prefix an entry owns in the bucket of one `s3-bucket` permission: its own prefix, then the
 * permission's `extraPrefixes`.
 * @throws Error naming the entry when an extra prefix is not `<id><letters or digits>/`
 */
export function podIdentityObjectPrefixes(entry: Pick<PodIdentityEntry, 'id'>, permission: { readonly extraPrefixes?: readonly string[] }): string[] {
  const extra = permission.extraPrefixes ?? [];
  for (const p of extra) {
    if (!p.startsWith(entry.id) || !/^[a-z0-9]+\/$/.test(p.slice(entry.id.length)) || p === `${entry.id}/`) {
      throw new Error(`pod identity entry "${entry.id}": extraPrefixes "${p}" must be "${entry.id}" followed by letters or digits and "/", e.g. "${entry.id}ruler/"`);
    }
  }
  return [podIdentityObjectPrefix(entry), ...extra];
}

/**
 * Label the Kubernetes side puts on every ServiceAccount it renders for a contract entry; the value is
 * the entry id. The validation rule XL-POD-002 finds contract ServiceAccounts by it; XL-POD-004 flags one
 * rendered for an association without it.
 */
export const POD_IDENTITY_LABEL = 'platform.io/pod-identity';
