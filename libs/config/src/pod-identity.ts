// The shapes of the cross-layer contract, without the schema: add-on declarations (which the schema
// composes) import them, so they must not import the schema back.
import type { BucketPurpose } from './bucket-purposes';

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
  /**
   * Read and write objects in one purpose bucket, under the entry's own prefix `<id>/`
   * (`podIdentityObjectPrefix`) and under `extraPrefixes`: further top-level prefixes, each the entry id
   * followed by letters or digits and `/` (e.g. `mimirruler/`), for stores that need two disjoint
   * prefixes but accept only alphanumeric ones (Mimir's blocks vs ruler storage). @default [] (none)
   */
  | { readonly kind: 's3-bucket'; readonly bucket: BucketPurpose; readonly extraPrefixes?: readonly string[] }
  /** EBS snapshots for volume backups (Velero). */
  | { readonly kind: 'ebs-snapshots' }
  /** Push images to the environment's ECR repositories (`<org>/<env>/*`), e.g. the Tekton image builder. */
  | { readonly kind: 'ecr-push' }
  /** Publish to the environment's KMS-encrypted alerts topic (`alertsTopicName`), e.g. Alertmanager's SNS receiver. */
  | { readonly kind: 'sns-publish-alerts' };

/**
 * One workload identity: an IAM role plus one EKS Pod Identity association for exactly this
 * namespace/service account (ADR 0008).
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
   * `golden-path`: the tenant service's `Microservice` renders it next to its workload.
   */
  readonly serviceAccountOwner: 'platform' | 'eks-addon' | 'golden-path';
}
