import { ecrRegistry, type EnvironmentConfig, pullThroughRepositoryPrefix } from '@platform/config';

/** An image map split the way charts with a `registry` key take it. */
export interface RegistryImage {
  readonly registry: string;
  readonly repository: string;
}

/**
 * The environment's ECR pull-through cache of Docker Hub (Docker Hub itself is banned): the registry host and the
 * repository prefix under it. Add-on roots map it from the environment once ({@link dockerHubCache}) and hand it down.
 */
export interface DockerHubCache {
  /** `<account>.dkr.ecr.<region>.amazonaws.com`. */
  readonly registry: string;
  /** `<env>/dockerhub`: the cache rule's prefix in that registry. */
  readonly repositoryPrefix: string;
}

/** The Docker Hub pull-through cache of `env` (add-on roots only). */
export function dockerHubCache(env: EnvironmentConfig): DockerHubCache {
  return { registry: ecrRegistry(env), repositoryPrefix: pullThroughRepositoryPrefix(env, 'docker-hub') };
}

/**
 * A Docker Hub image through the pull-through cache as a `{ registry, repository }` map:
 * `<account>.dkr.ecr.<region>.amazonaws.com` + `<env>/dockerhub/<repository>`.
 * @param repository Docker Hub repository, e.g. `grafana/loki` (official images: `library/memcached`)
 */
export function dockerHubImage(cache: DockerHubCache, repository: string): RegistryImage {
  return { registry: cache.registry, repository: `${cache.repositoryPrefix}/${repository}` };
}

/** The same as one repository string (charts without a `registry` key): `<account>.dkr.ecr.<region>.amazonaws.com/<env>/dockerhub/<repository>`. */
export function dockerHubRepository(cache: DockerHubCache, repository: string): string {
  return `${cache.registry}/${cache.repositoryPrefix}/${repository}`;
}
