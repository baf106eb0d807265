import { EcrPullThroughCacheRule } from '@cdktn/provider-aws/lib/ecr-pull-through-cache-rule';
import { EcrRepositoryCreationTemplate } from '@cdktn/provider-aws/lib/ecr-repository-creation-template';
import { SecretsmanagerSecret } from '@cdktn/provider-aws/lib/secretsmanager-secret';
import { PULL_THROUGH_UPSTREAMS, type PullThroughUpstream } from '@platform/config';
import { Construct } from 'constructs';
import { ecrLifecyclePolicy } from './ecr-repositories';

/** Days a deleted credential secret can still be restored. @see https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html */
export const CREDENTIAL_RECOVERY_WINDOW_DAYS = 7;

export interface EcrPullThroughCacheProps {
  /** The upstream registry (`PULL_THROUGH_UPSTREAMS` key). */
  readonly upstream: PullThroughUpstream;
  /** ECR repository prefix of the cache, `pullThroughRepositoryPrefix(env, upstream)` (`<env>/<segment>`). */
  readonly repositoryPrefix: string;
  /**
   * Secrets Manager secret of the upstream credentials, `pullThroughCredentialSecretName(env, upstream)`;
   * created only when the upstream `requiresCredentials`.
   */
  readonly credentialSecretName: string;
  /** Environment name, in the creation template's description. */
  readonly environmentName: string;
  /** Newest images kept per cached repository (`ecr.maxImageCount`). */
  readonly maxImageCount: number;
}

/**
 * An ECR pull-through cache of one upstream registry (`PULL_THROUGH_UPSTREAMS`) under the repository
 * prefix `repositoryPrefix` (`<env>/<segment>`):
 * - the rule, reading upstream credentials from the Secrets Manager secret `credentialSecretName`
 *   (`ecr-pullthroughcache/<env>-<upstream>`, created empty here; the value `{"username","accessToken"}`
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
    const { upstream } = props;
    const source = PULL_THROUGH_UPSTREAMS[upstream];
    const prefix = props.repositoryPrefix;
    if (source.requiresCredentials) {
      this.credentials = new SecretsmanagerSecret(this, 'credentials', {
        name: props.credentialSecretName,
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
      description: `Repositories of the ${upstream} pull-through cache of ${props.environmentName}`,
      appliedFor: ['PULL_THROUGH_CACHE'],
      imageTagMutability: 'MUTABLE',
      encryptionConfiguration: [{ encryptionType: 'AES256' }],
      lifecyclePolicy: ecrLifecyclePolicy(props.maxImageCount),
    });
  }
}
