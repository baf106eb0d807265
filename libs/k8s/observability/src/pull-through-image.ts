import { ecrRegistry, type EnvironmentConfig, pullThroughImagePrefix, pullThroughRepositoryPrefix } from '@platform/config';

/** An image map split the way charts with a `registry` key take it. */
export interface RegistryImage {
  readonly registry: string;
  readonly repository: string;
}

/**
 * A Docker Hub image through the environment's ECR pull-through cache (Docker Hub itself is banned),
 * as a `{ registry, repository }` map: `<account>.dkr.ecr.<region>.amazonaws.com` +
 * `<env>/dockerhub/<repository>`.
 * @param repository Docker Hub repository, e.g. `grafana/loki` (official images: `library/memcached`)
 */
export function dockerHubImage(env: EnvironmentConfig, repository: string): RegistryImage {
  return { registry: ecrRegistry(env), repository: `${pullThroughRepositoryPrefix(env, 'docker-hub')}/${repository}` };
}

/** The same as one repository string (charts without a `registry` key): `<account>.dkr.ecr.<region>.amazonaws.com/<env>/dockerhub/<repository>`. */
export function dockerHubRepository(env: EnvironmentConfig, repository: string): string {
  return `${pullThroughImagePrefix(env, 'docker-hub')}/${repository}`;
}
