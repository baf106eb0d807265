import type { ServiceProfile } from '@platform/config';
import { BUILD_IMAGES, SPRING_BOOT_TEST_COMMAND } from './build-images';
import { PROFILE_TEST_STEPS, serviceTestSteps } from './service-test-steps';

const springBoot = (name: string, repository = name) => ({ name, profile: 'spring-boot' as const, image: { repository } });
const GOLANG = { image: 'public.ecr.aws/docker/library/golang:1.23.4-bookworm', command: 'make test' };

describe('serviceTestSteps', () => {
  it('tests a spring-boot repository with the pinned JDK image and the Maven wrapper, never the node default', () => {
    expect(PROFILE_TEST_STEPS['spring-boot']).toEqual({ image: BUILD_IMAGES.springBootTest, command: SPRING_BOOT_TEST_COMMAND });
    expect(BUILD_IMAGES.springBootTest).toMatch(/^public\.ecr\.aws\/docker\/library\/eclipse-temurin:21\.[0-9._]+-jdk-/);
    expect(SPRING_BOOT_TEST_COMMAND).toContain('./mvnw');
    expect(SPRING_BOOT_TEST_COMMAND).toMatch(/--batch-mode .*verify$/);
    expect(serviceTestSteps([springBoot('emissions-api'), springBoot('gateway', 'ecotrack-gateway')], {})).toEqual({
      'ecotrack-gateway': PROFILE_TEST_STEPS['spring-boot'],
      'emissions-api': PROFILE_TEST_STEPS['spring-boot'],
    });
  });

  it('keeps an explicit override over the profile step, and passes overrides of repositories no service declares', () => {
    expect(serviceTestSteps([springBoot('emissions-api'), springBoot('reports')], { reports: GOLANG, payments: GOLANG })).toEqual({
      'emissions-api': PROFILE_TEST_STEPS['spring-boot'],
      reports: GOLANG,
      payments: GOLANG,
    });
  });

  it('gives a repository of no golden-path service no entry (the Pipeline default applies)', () => {
    expect(serviceTestSteps([], {})).toEqual({});
  });

  it('refuses services of different profiles sharing a repository without an override, naming the repository and the fix', () => {
    const other = { name: 'worker', profile: 'quarkus' as ServiceProfile, image: { repository: 'shared' } };
    expect(() => serviceTestSteps([springBoot('api', 'shared'), other], {})).toThrow(
      'repository "shared" is built for services of different profiles: api (spring-boot); worker (quarkus); set tekton.testOverrides.shared',
    );
    expect(serviceTestSteps([springBoot('api', 'shared'), other], { shared: GOLANG })).toEqual({ shared: GOLANG });
  });
});
