/**
 * Every container image of the reference build pipeline, pinned to a release tag (bumped by hand
 * or Renovate like a chart version; never `latest`), from an allowed registry (docs/validation.md,
 * K8S-POD-007). Known gap: tags, not `@sha256:` digests (digests cannot be resolved offline).
 */
export const BUILD_IMAGES = {
  /**
   * git CLI and a POSIX shell: the Docker official `buildpack-deps` `-scm` variant (git, openssh,
   * curl), from its ECR Public mirror (Docker Hub is not an allowed registry).
   * @see https://gallery.ecr.aws/docker/library/buildpack-deps
   */
  git: 'public.ecr.aws/docker/library/buildpack-deps:bookworm-scm',
  /** AWS CLI v2, for the ECR login token. @see https://gallery.ecr.aws/aws-cli/aws-cli */
  awsCli: 'public.ecr.aws/aws-cli/aws-cli:2.22.0',
  /** Buildah, run rootless (uid 1000, chroot isolation, vfs storage). @see https://quay.io/repository/buildah/stable?tab=tags */
  buildah: 'quay.io/buildah/stable:v1.38.0',
  /**
   * Default image of the test step, paired with `DEFAULT_TEST_COMMAND` (npm is in the image), for a
   * repository no golden-path service declares; a service overrides both through `tekton.testOverrides`.
   */
  test: 'public.ecr.aws/docker/library/node:22.12.0-alpine3.21',
  /**
   * Test image of the `spring-boot` profile, paired with `SPRING_BOOT_TEST_COMMAND`: the Eclipse
   * Temurin 21 JDK (the Java LTS Spring Boot 3 supports; curl and wget for the Maven wrapper's download),
   * from the ECR Public mirror of the Docker official image.
   * @see https://gallery.ecr.aws/docker/library/eclipse-temurin
   * @see https://github.com/adoptium/containers (Dockerfiles: curl/wget kept in the JDK images)
   */
  springBootTest: 'public.ecr.aws/docker/library/eclipse-temurin:21.0.5_11-jdk-noble',
} as const;

/** Default test command, run by `sh` in the repository root of the default test image (`BUILD_IMAGES.test`). */
export const DEFAULT_TEST_COMMAND = 'npm ci && npm test';

/**
 * Test command of the `spring-boot` profile: the repository's Maven wrapper (Spring Initializr
 * generates it; it pins the Maven version and downloads it to `$HOME/.m2`), batch mode, the `verify`
 * phase (unit and integration tests). Run through `sh` so a wrapper committed without the executable
 * bit still runs. A Gradle service sets its own command in `tekton.testOverrides`.
 * @see https://maven.apache.org/tools/wrapper/
 * @see https://maven.apache.org/guides/introduction/introduction-to-the-lifecycle.html
 */
export const SPRING_BOOT_TEST_COMMAND = 'sh ./mvnw --batch-mode --no-transfer-progress verify';

/** Unprivileged user of the buildah image (`build`, with /etc/subuid ranges). */
export const BUILDAH_USER_ID = 1000;
