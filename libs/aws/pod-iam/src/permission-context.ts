import type { BucketPurpose } from '@platform/config';

/**
 * Everything a permission needs to name exact resources. Names and ARNs derivable from the
 * environment are plain strings; ARNs AWS generates (KMS keys, a created hosted zone) are Terraform
 * tokens of data sources looked up by alias or name.
 */
export interface PermissionContext {
  readonly partition: string;
  readonly accountId: string;
  readonly region: string;
  readonly clusterName: string;
  /** `arn:aws:eks:<region>:<account>:cluster/<cluster>` */
  readonly clusterArn: string;
  /** ARN of the Karpenter interruption queue. */
  readonly interruptionQueueArn: string;
  /** ARN of the Karpenter node role (`karpenterNodeRoleName`). */
  readonly karpenterNodeRoleArn: string;
  /** ARN pattern of the environment's application image repositories: `arn:aws:ecr:<region>:<account>:repository/<org>/<env>/*`. */
  readonly ecrRepositoriesArn: string;
  /** ARN of the environment's hosted zone. */
  hostedZoneArn(): string;
  /** ARN of the EBS CMK (`alias/<cluster>/ebs`). */
  ebsKeyArn(): string;
  /** ARN of the OpenBao unseal CMK. */
  unsealKeyArn(): string;
  /** Name of a purpose bucket. */
  bucketName(purpose: BucketPurpose): string;
  /** ARN of a purpose bucket's CMK. */
  bucketKeyArn(purpose: BucketPurpose): string;
  /** ARN of the environment's alerts topic (`alertsTopicArn`). */
  readonly alertsTopicArn: string;
  /** ARN of the alerts topic's CMK (`alias/<cluster>/alerts`). */
  alertsKeyArn(): string;
}
