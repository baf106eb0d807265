import { onlyResource, type StackJson, synthInStack } from '@platform/aws-core/testing';
import { PULL_THROUGH_PREFIX_MAX_LENGTH, pullThroughCredentialSecretName, pullThroughImagePrefix, pullThroughRepositoryPrefix } from '@platform/config';
import { fixtureEnvironment } from '@platform/config/testing';
import { EcrPullThroughCache } from './ecr-pull-through-cache';

const env = fixtureEnvironment({ ecr: { repositories: [], maxImageCount: 40 } });
let json: StackJson;
beforeAll(() => {
  json = synthInStack(env, (s) =>
    new EcrPullThroughCache(s, 'cache', {
      upstream: 'docker-hub',
      repositoryPrefix: pullThroughRepositoryPrefix(env, 'docker-hub'),
      credentialSecretName: pullThroughCredentialSecretName(env, 'docker-hub'),
      environmentName: env.name,
      maxImageCount: 40,
    }),
  );
});

describe('EcrPullThroughCache', () => {
  it('mirrors Docker Hub under <env>/dockerhub with credentials from an ecr-pullthroughcache/ secret', () => {
    const rule = onlyResource(json, 'aws_ecr_pull_through_cache_rule');
    expect(rule).toMatchObject({ ecr_repository_prefix: `${env.name}/dockerhub`, upstream_registry_url: 'registry-1.docker.io' });
    expect(rule.credential_arn).toMatch(/^\$\{aws_secretsmanager_secret\.cache_credentials/);
    expect(onlyResource(json, 'aws_secretsmanager_secret').name).toBe(`ecr-pullthroughcache/${env.name}-docker-hub`);
  });

  it('creates cached repositories encrypted, with the lifecycle policy keeping maxImageCount images', () => {
    const template = onlyResource(json, 'aws_ecr_repository_creation_template');
    expect(template).toMatchObject({ prefix: `${env.name}/dockerhub`, applied_for: ['PULL_THROUGH_CACHE'], encryption_configuration: [{ encryption_type: 'AES256' }] });
    const lifecycle = JSON.parse(String(template.lifecycle_policy)) as { rules: { selection: { countNumber: number } }[] };
    expect(lifecycle.rules.map((r) => r.selection.countNumber)).toEqual([7, 40]);
  });

  it('keeps the prefix within ECR limits for the longest environment name', () => {
    const longest = fixtureEnvironment({ name: 'a'.repeat(20) });
    expect(pullThroughRepositoryPrefix(longest, 'docker-hub').length).toBeLessThanOrEqual(PULL_THROUGH_PREFIX_MAX_LENGTH);
    expect(pullThroughImagePrefix(env, 'docker-hub')).toBe(`111122223333.dkr.ecr.eu-west-1.amazonaws.com/${env.name}/dockerhub`);
  });

});
