import type { EnvironmentConfig } from './environment-schema';
import { ecrRegistry } from './naming';

/**
 * Upstream registries the platform mirrors through ECR pull-through cache rules, for images that
 * are published on Docker Hub only (Grafana's, Velero's, Istio's): nodes pull them from the
 * environment's private ECR, so the image policies (no Docker Hub) hold and Docker Hub's anonymous
 * rate limits never stall a rollout. `repositorySegment` is the last segment of the cache's
 * repository prefix (ECR allows 2-30 characters for the whole prefix).
 * @see https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache.html
 */
export const PULL_THROUGH_UPSTREAMS = {
  'docker-hub': { upstreamRegistryUrl: 'registry-1.docker.io', repositorySegment: 'dockerhub', requiresCredentials: true },
} as const;

export type PullThroughUpstream = keyof typeof PULL_THROUGH_UPSTREAMS;

/** Longest repository prefix of a pull-through cache rule (`ecrRepositoryPrefix`, 2-30 characters). */
export const PULL_THROUGH_PREFIX_MAX_LENGTH = 30;

/** Prefix of the secrets a pull-through cache rule may read upstream credentials from (required by ECR). */
export const PULL_THROUGH_SECRET_PREFIX = 'ecr-pullthroughcache/';

/**
 * ECR repository prefix of `upstream`'s cache in this environment: `<env>/<segment>`, e.g.
 * `prod/dockerhub` (environment names are at most 20 characters, so this stays within ECR's 30).
 */
export function pullThroughRepositoryPrefix(env: EnvironmentConfig, upstream: PullThroughUpstream): string {
  return `${env.name}/${PULL_THROUGH_UPSTREAMS[upstream].repositorySegment}`;
}

/**
 * Image reference prefix for images of `upstream`: `<account>.dkr.ecr.<region>.amazonaws.com/<env>/dockerhub`.
 * Append the upstream repository, e.g. `${pullThroughImagePrefix(env, 'docker-hub')}/grafana/loki`
 * (official images live under `library/`).
 */
export function pullThroughImagePrefix(env: EnvironmentConfig, upstream: PullThroughUpstream): string {
  return `${ecrRegistry(env)}/${pullThroughRepositoryPrefix(env, upstream)}`;
}

/** Secrets Manager secret holding `{ "username", "accessToken" }` for `upstream`, seeded once by hand. */
export function pullThroughCredentialSecretName(env: EnvironmentConfig, upstream: PullThroughUpstream): string {
  return `${PULL_THROUGH_SECRET_PREFIX}${env.name}-${upstream}`;
}
