import type { BucketPurpose } from './bucket-purposes';
import type { EnvironmentConfig } from './environment-schema';

/**
 * Every name shared between the Terraform and the Kubernetes side is derived here (ADR 0008),
 * so the two layers agree by construction and no ARN crosses the boundary.
 */

export { BUCKET_PURPOSES, type BucketPurpose } from './bucket-purposes';

/** `<organization>-<env>`, e.g. `acme-prod`. Also the EKS cluster name. */
export function clusterName(env: EnvironmentConfig): string {
  return `${env.tags.organization}-${env.name}`;
}

/** Globally unique S3 bucket name: `<org>-<env>-<purpose>-<account>` (at most 63 characters). */
export function bucketName(env: EnvironmentConfig, purpose: BucketPurpose | 'tfstate' | 'cloudtrail' | 'backups-replica' | 'access-logs'): string {
  return `${clusterName(env)}-${purpose}-${env.aws.accountId}`;
}

/** S3 server access logs of every other bucket of the environment (created by the `bootstrap` stack). */
export function accessLogBucketName(env: EnvironmentConfig): string {
  return bucketName(env, 'access-logs');
}

/** Terraform state bucket created by the `bootstrap` stack. */
export function stateBucketName(env: EnvironmentConfig): string {
  return bucketName(env, 'tfstate');
}

/** S3 backend key of a stack: `<env>/<stack>.tfstate`. */
export function stateKey(env: EnvironmentConfig, stack: string): string {
  return `${env.name}/${stack}.tfstate`;
}

/** IAM role name for a workload or service: `<cluster>-<suffix>` (IAM allows 64 characters). */
export function roleName(env: EnvironmentConfig, suffix: string): string {
  return `${clusterName(env)}-${suffix}`;
}

/** KMS alias: `alias/<cluster>/<purpose>`. */
export function kmsAlias(env: EnvironmentConfig, purpose: string): string {
  return `alias/${clusterName(env)}/${purpose}`;
}

/** The tag Karpenter uses to discover subnets and security groups. */
export function discoveryTag(env: EnvironmentConfig): { readonly key: 'karpenter.sh/discovery'; readonly value: string } {
  return { key: 'karpenter.sh/discovery', value: clusterName(env) };
}

/** IAM role of Karpenter-launched nodes (referenced by the EC2NodeClass and an EKS access entry). */
export function karpenterNodeRoleName(env: EnvironmentConfig): string {
  return roleName(env, 'karpenter-node');
}

/** SQS queue receiving EC2 interruption events for Karpenter. */
export function interruptionQueueName(env: EnvironmentConfig): string {
  return `${clusterName(env)}-karpenter-interruption`;
}

/** ECR repository name for an application image: `<org>/<env>/<repo>`. */
export function ecrRepositoryName(env: EnvironmentConfig, repository: string): string {
  return `${env.tags.organization}/${env.name}/${repository}`;
}

/** ECR registry host of the environment's account and region. */
export function ecrRegistry(env: EnvironmentConfig): string {
  return `${env.aws.accountId}.dkr.ecr.${env.aws.region}.amazonaws.com`;
}

/**
 * Keys of the mandatory tags, in the order `mandatoryTags(env)` emits them. The validation rule
 * TF-TAG-001 checks every AWS provider's `default_tags` for exactly these keys.
 */
export const MANDATORY_TAG_KEYS = ['Environment', 'Owner', 'CostCenter', 'ManagedBy', 'Organization'] as const;
export type MandatoryTagKey = (typeof MANDATORY_TAG_KEYS)[number];

/**
 * Mandatory tags applied through the AWS provider's `default_tags`: one entry per `MANDATORY_TAG_KEYS`
 * key, in that order (the `Record<MandatoryTagKey, string>` type makes a missing or extra key a compile error).
 */
export function mandatoryTags(env: EnvironmentConfig): Readonly<Record<MandatoryTagKey, string>> {
  const values: Record<MandatoryTagKey, string> = {
    Environment: env.name,
    Owner: env.tags.owner,
    CostCenter: env.tags.costCenter,
    ManagedBy: 'platform-cdktn',
    Organization: env.tags.organization,
  };
  return Object.fromEntries(MANDATORY_TAG_KEYS.map((key) => [key, values[key]])) as Record<MandatoryTagKey, string>;
}

/** Path of the environment's folder inside the GitOps repo: `<basePath>/<env>` or `<env>`. */
export function gitopsEnvPath(env: EnvironmentConfig): string {
  return env.gitops.basePath === '' ? env.name : `${env.gitops.basePath}/${env.name}`;
}

/**
 * In-cluster address of the Kubernetes API (`kubernetes.default.svc`): the first IP of
 * `cluster.serviceIpv4Cidr`, e.g. `172.20.0.1`. NetworkPolicies allow egress to it on 443.
 */
export function kubernetesApiServiceIp(env: EnvironmentConfig): string {
  const [network] = env.cluster.serviceIpv4Cidr.split('/');
  const octets = network.split('.').map(Number);
  octets[3] += 1;
  return octets.join('.');
}

/**
 * The AWS partition of every environment: `aws`. The schema's `aws.region` (`awsRegion`) accepts
 * commercial region codes only, which all belong to `aws`; China (`cn-*`, `aws-cn`), GovCloud
 * (`us-gov-*`, `aws-us-gov`) and the ISO partitions are refused there, so every ARN built from
 * config uses this value.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
export const AWS_PARTITION = 'aws';

/**
 * The partition of a region: {@link AWS_PARTITION} for a commercial region.
 * @throws Error naming the region when it belongs to another partition (China, GovCloud, ISO), which
 *   the schema does not accept and no ARN built here supports
 */
export function awsPartition(region: string): typeof AWS_PARTITION {
  const other = /^(cn|us-gov|us-iso[a-z]?|eu-isoe)-/.exec(region);
  if (other) throw new Error(`region ${region} is in a non-commercial AWS partition (${other[1]}-*); only the "${AWS_PARTITION}" partition is supported (aws.region accepts commercial regions only)`);
  return AWS_PARTITION;
}

/**
 * Purpose of the customer managed key of EBS volumes (node volumes and PersistentVolumes): alias
 * `alias/<cluster>/ebs`. The cluster stack creates it; the EC2NodeClass and the default
 * StorageClass name it by {@link kmsAliasArn}.
 */
export const EBS_KMS_KEY_PURPOSE = 'ebs';

/**
 * Purpose of OpenBao's auto-unseal key: alias `alias/<cluster>/openbao-unseal`. The storage stack creates it
 * (it outlives the cluster); OpenBao's `awskms` seal names it by {@link kmsAliasArn}, so no key id crosses the
 * layer boundary.
 */
export const OPENBAO_UNSEAL_KMS_KEY_PURPOSE = 'openbao-unseal';

/**
 * ARN of a KMS alias of the environment: `arn:aws:kms:<region>:<account>:alias/<cluster>/<purpose>`.
 * Services that accept alias ARNs (EC2 volumes, the S3 backend's `kms_key_id`) use it, so no key id
 * crosses a layer or stack boundary.
 * @throws Error when the region is outside the `aws` partition (see {@link awsPartition})
 */
export function kmsAliasArn(env: EnvironmentConfig, purpose: string): string {
  return `arn:${awsPartition(env.aws.region)}:kms:${env.aws.region}:${env.aws.accountId}:${kmsAlias(env, purpose)}`;
}

/** Name of the environment's alerts SNS topic: `<cluster>-alerts` (GuardDuty findings, budgets, Alertmanager). */
export function alertsTopicName(env: EnvironmentConfig): string {
  return `${clusterName(env)}-alerts`;
}

/**
 * ARN of the alerts topic, `arn:aws:sns:<region>:<account>:<cluster>-alerts`: the Terraform side (EventBridge target,
 * budget notification, Alertmanager's IAM policy) and the Kubernetes side (Alertmanager's SNS receiver) both derive it.
 * @throws Error when the region is outside the `aws` partition (see {@link awsPartition})
 */
export function alertsTopicArn(env: EnvironmentConfig): string {
  return `arn:${awsPartition(env.aws.region)}:sns:${env.aws.region}:${env.aws.accountId}:${alertsTopicName(env)}`;
}
