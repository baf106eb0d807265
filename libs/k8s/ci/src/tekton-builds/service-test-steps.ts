import type { ServiceProfile } from '@platform/config';
import { BUILD_IMAGES, SPRING_BOOT_TEST_COMMAND } from './build-images';
import type { ServiceTestOverride } from './service-build-triggers';

/** Test step of each golden-path profile: the toolchain image and the command of a repository built for that profile. */
export const PROFILE_TEST_STEPS: Readonly<Record<ServiceProfile, ServiceTestOverride>> = {
  'spring-boot': { image: BUILD_IMAGES.springBootTest, command: SPRING_BOOT_TEST_COMMAND },
};

/** What the derivation reads of a declared tenant service. */
export interface ProfiledService {
  readonly name: string;
  readonly profile: ServiceProfile;
  readonly image: { readonly repository: string };
}

/**
 * The test step of every repository the build knows: the explicit `overrides` (`tekton.testOverrides`)
 * first, else the step of the profile of the golden-path services built from the repository; a
 * repository neither names is absent (the Pipeline default test step applies).
 * @throws Error naming the repository and the services when services of different profiles share a
 *   repository without an override (no single test step fits them)
 */
export function serviceTestSteps(services: readonly ProfiledService[], overrides: Readonly<Record<string, ServiceTestOverride>>): Record<string, ServiceTestOverride> {
  const profiles = new Map<string, Map<ServiceProfile, string[]>>();
  for (const s of services) {
    const byProfile = profiles.get(s.image.repository) ?? new Map<ServiceProfile, string[]>();
    byProfile.set(s.profile, [...(byProfile.get(s.profile) ?? []), s.name]);
    profiles.set(s.image.repository, byProfile);
  }
  const steps: Record<string, ServiceTestOverride> = {};
  for (const [repository, byProfile] of [...profiles].sort(([a], [b]) => a.localeCompare(b))) {
    if (overrides[repository]) continue;
    if (byProfile.size > 1) {
      const who = [...byProfile].map(([profile, names]) => `${names.join(', ')} (${profile})`).join('; ');
      throw new Error(`repository "${repository}" is built for services of different profiles: ${who}; set tekton.testOverrides.${repository}`);
    }
    const [profile] = [...byProfile.keys()] as [ServiceProfile];
    steps[repository] = PROFILE_TEST_STEPS[profile];
  }
  return { ...steps, ...overrides };
}
