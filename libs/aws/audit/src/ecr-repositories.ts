import { EcrLifecyclePolicy } from '@cdktn/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository } from '@cdktn/provider-aws/lib/ecr-repository';
import { PlatformKmsKey } from '@platform/aws-kms';
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

/** One application repository: its id in `ecr.repositories` and its full name. */
export interface EcrRepositorySpec {
  /** The `ecr.repositories` entry; the construct id of the repository (a Terraform address: never rename). */
  readonly id: string;
  /** Full repository name, `ecrRepositoryName(env, id)` (`<org>/<env>/<id>`). */
  readonly name: string;
}

export interface EcrRepositoriesProps {
  /** Account of the repositories' CMK. */
  readonly accountId: string;
  /** Alias of the repositories' CMK, `kmsAlias(env, KMS_KEY_PURPOSES.ecr)`. */
  readonly keyAliasName: string;
  /** Environment name, in the key's description. */
  readonly environmentName: string;
  /** The repositories, in `ecr.repositories` order (ids unique: the schema refuses repeats). */
  readonly repositories: readonly EcrRepositorySpec[];
  /** Newest images kept per repository (`ecr.maxImageCount`). */
  readonly maxImageCount: number;
}

/**
 * One ECR repository per `repositories` entry: scan on push, IMMUTABLE tags (a tag always means the
 * same image, which GitOps relies on), KMS encryption with a CMK, and the lifecycle policy keeping
 * `maxImageCount` images.
 */
export class EcrRepositories extends Construct {
  public readonly key: PlatformKmsKey;
  public readonly repositories: Readonly<Record<string, EcrRepository>>;

  constructor(scope: Construct, id: string, props: EcrRepositoriesProps) {
    super(scope, id);
    this.key = new PlatformKmsKey(this, 'key', { accountId: props.accountId, aliasName: props.keyAliasName, description: `ECR image encryption of ${props.environmentName}` });
    const repositories: Record<string, EcrRepository> = {};
    for (const { id: repo, name } of props.repositories) {
      const repository = new EcrRepository(this, repo, {
        name,
        imageTagMutability: 'IMMUTABLE',
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfiguration: [{ encryptionType: 'KMS', kmsKey: this.key.arn }],
        forceDelete: false,
      });
      new EcrLifecyclePolicy(this, `${repo}-lifecycle`, { repository: repository.name, policy: ecrLifecyclePolicy(props.maxImageCount) });
      repositories[repo] = repository;
    }
    this.repositories = repositories;
  }
}
