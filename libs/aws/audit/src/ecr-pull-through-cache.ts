import { EcrPullThroughCacheRule } from '@cdktn/provider-aws/lib/ecr-pull-through-cache-rule';
import { EcrRepositoryCreationTemplate } from '@cdktn/provider-aws/lib/ecr-repository-creation-template';
import { SecretsmanagerSecret } from '@cdktn/provider-aws/lib/secretsmanager-secret';
import {
  type EnvironmentConfig,
  PULL_THROUGH_UPSTREAMS,
  type PullThroughUpstream,
  pullThroughCredentialSecretName,
  pullThroughRepositoryPrefix,
} from '@platform/config';
import { Construct } from 'constructs';
import { ecrLifecyclePolicy } from './ecr-repositories';

/** Days a deleted credential secret can still be restored. @see https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html */
export const CREDENTIAL_RECOVERY_WINDOW_DAYS = 7;

export interface EcrPullThroughCacheProps {
  readonly env: EnvironmentConfig;
  readonly upstream: PullThroughUpstream;
  /** Newest images kept per cached repository (`ecr.maxImageCount`). */
  readonly maxImageCount: number;
}

/**
 * An ECR pull-through cache of one upstream registry (`PULL_THROUGH_UPSTREAMS`) under the repository
 * prefix `<env>/<segment>`:
 * - the rule, reading upstream credentials from the Secrets Manager secret
 *   `ecr-pullthroughcache/<env>-<upstream>` (created empty here; the value `{"username","accessToken"}`
 *   is seeded once by hand, see docs/operations.md);
 * - a repository creation template for the repositories ECR creates on first pull: the same lifecycle policy as the application repositories, AES-256 encryption (the content is public
 *   upstream images; a customer-managed key would need ECR's template role in its key policy) and
 *   MUTABLE tags, because a cache must follow upstream tags (the platform pins every tag it deploys).
 * Nodes need `ecr:BatchImportUpstreamImage` and `ecr:CreateRepository` on the prefix
 * (`pullThroughCacheStatement` in the eks lib).
 * @see https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache-creating-rule.html
 * @see https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-creation-templates.html
 */
export class EcrPullThroughCache extends Construct {
  public readonly rule: EcrPullThroughCacheRule;
  public readonly credentials?: SecretsmanagerSecret;

  constructor(scope: Construct, id: string, props: EcrPullThroughCacheProps) {
    super(scope, id);
    const { env, upstream } = props;
    const source = PULL_THROUGH_UPSTREAMS[upstream];
    const prefix = pullThroughRepositoryPrefix(env, upstream);
    if (source.requiresCredentials) {
      this.credentials = new SecretsmanagerSecret(this, 'credentials', {
        name: pullThroughCredentialSecretName(env, upstream),
        description: `Credentials of ${source.upstreamRegistryUrl} for the ECR pull-through cache ${prefix} (username + accessToken, seeded by hand)`,
        recoveryWindowInDays: CREDENTIAL_RECOVERY_WINDOW_DAYS,
      });
    }
    this.rule = new EcrPullThroughCacheRule(this, 'rule', {
      ecrRepositoryPrefix: prefix,
      upstreamRegistryUrl: source.upstreamRegistryUrl,
      ...(this.credentials ? { credentialArn: this.credentials.arn } : {}),
    });
    new EcrRepositoryCreationTemplate(this, 'template', {
      prefix,
      description: `Repositories of the ${upstream} pull-through cache of ${env.name}`,
      appliedFor: ['PULL_THROUGH_CACHE'],
      imageTagMutability: 'MUTABLE',
      encryptionConfiguration: [{ encryptionType: 'AES256' }],
      lifecyclePolicy: ecrLifecyclePolicy(props.maxImageCount),
    });
  }
}
