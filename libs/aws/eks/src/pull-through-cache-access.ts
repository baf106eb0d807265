import { IamRolePolicy } from '@cdktn/provider-aws/lib/iam-role-policy';
import { policyJson, regionalArn } from '@platform/aws-core';
import { type EnvironmentConfig, PULL_THROUGH_UPSTREAMS, type PullThroughUpstream, pullThroughRepositoryPrefix } from '@platform/config';
import { Construct } from 'constructs';

/**
 * Actions a node needs, beyond `AmazonEC2ContainerRegistryPullOnly`, for its first pull of an image
 * through a pull-through cache: import the upstream image and create its cached repository.
 * @see https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache-iam.html
 */
export const PULL_THROUGH_CACHE_ACTIONS = ['ecr:BatchImportUpstreamImage', 'ecr:CreateRepository'] as const;

export interface PullThroughCacheAccessProps {
  readonly env: EnvironmentConfig;
  /** Name of the node role that pulls images. */
  readonly roleName: string;
}

/**
 * Inline policy of a node role: {@link PULL_THROUGH_CACHE_ACTIONS} on the repositories under this
 * environment's pull-through cache prefixes only (`<env>/<segment>/*`), nothing else in the registry.
 */
export class PullThroughCacheAccess extends Construct {
  public readonly policy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: PullThroughCacheAccessProps) {
    super(scope, id);
    const { env } = props;
    const resources = (Object.keys(PULL_THROUGH_UPSTREAMS) as PullThroughUpstream[]).map((u) => regionalArn(env.aws, 'ecr', `repository/${pullThroughRepositoryPrefix(env, u)}/*`));
    this.policy = new IamRolePolicy(this, 'policy', {
      name: 'ecr-pull-through-cache',
      role: props.roleName,
      policy: policyJson([{ Sid: 'PullThroughCache', Effect: 'Allow', Action: [...PULL_THROUGH_CACHE_ACTIONS], Resource: resources }], env.name),
    });
  }
}
