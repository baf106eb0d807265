import { EcrLifecyclePolicy } from '@cdktn/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository } from '@cdktn/provider-aws/lib/ecr-repository';
import { KMS_KEY_PURPOSES, PlatformKmsKey } from '@platform/aws-kms';
import { ecrRepositoryName, type EnvironmentConfig, kmsAlias } from '@platform/config';
import { Construct } from 'constructs';

/** Days after which untagged images (superseded layers of a re-pushed build) expire. */
export const UNTAGGED_IMAGE_EXPIRY_DAYS = 7;

/**
 * ECR lifecycle policy: untagged images expire after 7 days; of all images, the newest
 * `maxImageCount` are kept. A `tagStatus: any` rule must have the highest priority number.
 * @see https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html
 */
export function ecrLifecyclePolicy(maxImageCount: number): string {
  return JSON.stringify({
    rules: [
      {
        rulePriority: 1,
        description: `Expire untagged images after ${UNTAGGED_IMAGE_EXPIRY_DAYS} days`,
        selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: UNTAGGED_IMAGE_EXPIRY_DAYS },
        action: { type: 'expire' },
      },
      {
        rulePriority: 2,
        description: `Keep the newest ${maxImageCount} images`,
        selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: maxImageCount },
        action: { type: 'expire' },
      },
    ],
  });
}

export interface EcrRepositoriesProps {
  readonly env: EnvironmentConfig;
}

/**
 * One ECR repository per `ecr.repositories` entry (`ecrRepositoryName`): scan on push, IMMUTABLE
 * tags (a tag always means the same image, which GitOps relies on), KMS encryption with a CMK, and
 * the lifecycle policy keeping `ecr.maxImageCount` images.
 */
export class EcrRepositories extends Construct {
  public readonly key: PlatformKmsKey;
  public readonly repositories: Readonly<Record<string, EcrRepository>>;

  constructor(scope: Construct, id: string, props: EcrRepositoriesProps) {
    super(scope, id);
    const { env } = props;
    this.key = new PlatformKmsKey(this, 'key', { accountId: env.aws.accountId, aliasName: kmsAlias(env, KMS_KEY_PURPOSES.ecr), description: `ECR image encryption of ${env.name}` });
    const repositories: Record<string, EcrRepository> = {};
    for (const repo of env.ecr.repositories) {
      const repository = new EcrRepository(this, repo, {
        name: ecrRepositoryName(env, repo),
        imageTagMutability: 'IMMUTABLE',
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfiguration: [{ encryptionType: 'KMS', kmsKey: this.key.arn }],
        forceDelete: false,
      });
      new EcrLifecyclePolicy(this, `${repo}-lifecycle`, { repository: repository.name, policy: ecrLifecyclePolicy(env.ecr.maxImageCount) });
      repositories[repo] = repository;
    }
    this.repositories = repositories;
  }
}
