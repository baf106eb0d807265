import { STATE_KEY_PURPOSE } from '@platform/aws-core';
import { type BucketPurpose, EBS_KMS_KEY_PURPOSE, OPENBAO_UNSEAL_KMS_KEY_PURPOSE } from '@platform/config';

/**
 * Purposes of the customer-managed keys. Each becomes the alias `alias/<cluster>/<purpose>`
 * (`kmsAlias`), which is how other stacks find a key (data source by alias) without passing ARNs.
 */
export const KMS_KEY_PURPOSES = {
  /** Terraform state bucket (bootstrap stack); every S3 backend names this key's alias in `kms_key_id`. */
  tfstate: STATE_KEY_PURPOSE,
  /** VPC flow log group (network stack). */
  flowLogs: 'flow-logs',
  /** Kubernetes secrets envelope encryption (cluster stack). */
  eksSecrets: 'eks-secrets',
  /** EKS control-plane log group (cluster stack). */
  eksLogs: 'eks-logs',
  /** EBS volumes: node root/data volumes and PersistentVolumes (cluster stack); the Kubernetes side names its alias ARN. */
  ebs: EBS_KMS_KEY_PURPOSE,
  /** OpenBao auto-unseal (storage stack; stateful, outlives the cluster). */
  openbaoUnseal: OPENBAO_UNSEAL_KMS_KEY_PURPOSE,
  /** CloudTrail log files (audit stack). */
  cloudtrail: 'cloudtrail',
  /** ECR image layers (audit stack). */
  ecr: 'ecr',
  /** Alerts SNS topic (storage stack, before pod-iam: Alertmanager's role names it). */
  alerts: 'alerts',
} as const;

/** Purpose of the key of one storage bucket: `s3-<purpose>`. */
export function bucketKeyPurpose(purpose: BucketPurpose | 'backups-replica'): string {
  return `s3-${purpose}`;
}
