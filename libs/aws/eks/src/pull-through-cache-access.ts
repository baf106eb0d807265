import { IamRolePolicy } from '@cdktn/provider-aws/lib/iam-role-policy';
import { policyJson, regionalArn } from '@platform/aws-core';
import { Construct } from 'constructs';

/**
 * Actions a node needs, beyond `AmazonEC2ContainerRegistryPullOnly`, for its first pull of an image
 * through a pull-through cache: import the upstream image and create its cached repository.
 * @see https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache-iam.html
 */
export const PULL_THROUGH_CACHE_ACTIONS = ['ecr:BatchImportUpstreamImage', 'ecr:CreateRepository'] as const;

/** Where the environment's pull-through caches live: what both node roles get. */
export interface PullThroughCacheScope {
  /** Account of the registry. */
  readonly accountId: string;
  /** Region of the registry (`aws.region`). */
  readonly region: string;
  /** Repository prefix of each cache, `pullThroughRepositoryPrefix(env, upstream)` per `PULL_THROUGH_UPSTREAMS` entry. */
  readonly repositoryPrefixes: readonly string[];
}

export interface PullThroughCacheAccessProps extends PullThroughCacheScope {
  /** Name of the node role that pulls images. */
  readonly roleName: string;
}

/**
 * Inline policy of a node role: {@link PULL_THROUGH_CACHE_ACTIONS} on the repositories under the
 * `repositoryPrefixes` only (`<env>/<segment>/*`), nothing else in the registry.
 */
export class PullThroughCacheAccess extends Construct {
  public readonly policy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: PullThroughCacheAccessProps) {
    super(scope, id);
    const resources = props.repositoryPrefixes.map((prefix) => regionalArn(props, 'ecr', `repository/${prefix}/*`));
    this.policy = new IamRolePolicy(this, 'policy', {
      name: 'ecr-pull-through-cache',
      role: props.roleName,
      policy: policyJson([{ Sid: 'PullThroughCache', Effect: 'Allow', Action: [...PULL_THROUGH_CACHE_ACTIONS], Resource: resources }], this.node.path),
    });
  }
}
