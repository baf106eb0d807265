import type { EnvironmentConfig } from './environment-schema';
import { type BucketPurpose, roleName } from './naming';

/**
 * What an add-on may do in AWS. The Terraform side turns each permission into a least-privilege
 * policy on exact resource ARNs; the Kubernetes side never sees it.
 */
export type AwsPermission =
  | { readonly kind: 'karpenter-controller' }
  | { readonly kind: 'aws-load-balancer-controller' }
  | { readonly kind: 'ebs-csi-driver' }
  /** Manage records in the environment's hosted zone (external-dns). */
  | { readonly kind: 'route53-records' }
  /** Create `_acme-challenge` TXT records in the environment's hosted zone (cert-manager DNS-01). */
  | { readonly kind: 'route53-dns01' }
  /** Encrypt/decrypt with the dedicated unseal key (OpenBao). */
  | { readonly kind: 'kms-unseal' }
  /** Read and write objects in one purpose bucket. */
  | { readonly kind: 's3-bucket'; readonly bucket: BucketPurpose }
  /** EBS snapshots for volume backups (Velero). */
  | { readonly kind: 'ebs-snapshots' }
  /** Push images to the environment's ECR repositories (`<org>/<env>/*`), e.g. the Tekton image builder. */
  | { readonly kind: 'ecr-push' };

/**
 * One workload identity: an IAM role plus one EKS Pod Identity association for exactly this
 * namespace/service account (DESIGN D5).
 */
export interface PodIdentityEntry {
  /** Stable id; also the suffix of the role name and the Terraform construct id. */
  readonly id: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly permissions: readonly AwsPermission[];
  /**
   * Who renders the ServiceAccount. `platform`: the cdk8s side renders it (charts are told not to
   * create one). `eks-addon`: an EKS managed add-on creates it, so no YAML renders it.
   */
  readonly serviceAccountOwner: 'platform' | 'eks-addon';
}

const ENTRIES: readonly PodIdentityEntry[] = [
  { id: 'karpenter', namespace: 'karpenter', serviceAccount: 'karpenter', permissions: [{ kind: 'karpenter-controller' }], serviceAccountOwner: 'platform' },
  {
    id: 'aws-load-balancer-controller',
    namespace: 'kube-system',
    serviceAccount: 'aws-load-balancer-controller',
    permissions: [{ kind: 'aws-load-balancer-controller' }],
    serviceAccountOwner: 'platform',
  },
  { id: 'ebs-csi', namespace: 'kube-system', serviceAccount: 'ebs-csi-controller-sa', permissions: [{ kind: 'ebs-csi-driver' }], serviceAccountOwner: 'eks-addon' },
  { id: 'external-dns', namespace: 'external-dns', serviceAccount: 'external-dns', permissions: [{ kind: 'route53-records' }], serviceAccountOwner: 'platform' },
  { id: 'cert-manager', namespace: 'cert-manager', serviceAccount: 'cert-manager', permissions: [{ kind: 'route53-dns01' }], serviceAccountOwner: 'platform' },
  { id: 'openbao', namespace: 'openbao', serviceAccount: 'openbao', permissions: [{ kind: 'kms-unseal' }], serviceAccountOwner: 'platform' },
  { id: 'loki', namespace: 'loki', serviceAccount: 'loki', permissions: [{ kind: 's3-bucket', bucket: 'logs' }], serviceAccountOwner: 'platform' },
  { id: 'tempo', namespace: 'tempo', serviceAccount: 'tempo', permissions: [{ kind: 's3-bucket', bucket: 'traces' }], serviceAccountOwner: 'platform' },
  { id: 'mimir', namespace: 'mimir', serviceAccount: 'mimir', permissions: [{ kind: 's3-bucket', bucket: 'metrics' }], serviceAccountOwner: 'platform' },
  {
    id: 'cnpg-backup',
    namespace: 'databases',
    serviceAccount: 'platform-postgres',
    permissions: [{ kind: 's3-bucket', bucket: 'backups' }],
    serviceAccountOwner: 'platform',
  },
  {
    id: 'velero',
    namespace: 'velero',
    serviceAccount: 'velero-server',
    permissions: [{ kind: 's3-bucket', bucket: 'backups' }, { kind: 'ebs-snapshots' }],
    serviceAccountOwner: 'platform',
  },
  {
    id: 'image-builder',
    namespace: 'tekton-builds',
    serviceAccount: 'image-builder',
    permissions: [{ kind: 'ecr-push' }],
    serviceAccountOwner: 'platform',
  },
];

/**
 * The cross-layer contract: every workload that needs AWS, in a stable order.
 * @param _env reserved so the contract can depend on add-on toggles without changing callers
 */
export function podIdentityContract(_env: EnvironmentConfig): readonly PodIdentityEntry[] {
  return ENTRIES;
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
 * Label the Kubernetes side puts on every ServiceAccount it renders for a contract entry; the value is
 * the entry id. The validation rule XL-POD-002 finds contract ServiceAccounts by it; XL-POD-004 flags one
 * rendered for an association without it.
 */
export const POD_IDENTITY_LABEL = 'platform.io/pod-identity';
