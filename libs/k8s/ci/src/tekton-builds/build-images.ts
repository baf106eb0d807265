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
   * Default image of the test step, paired with `DEFAULT_TEST_COMMAND` (npm is in the image); a
   * service overrides both through `tekton.testOverrides`.
   */
  test: 'public.ecr.aws/docker/library/node:22.12.0-alpine3.21',
} as const;

/** Default test command, run by `sh` in the repository root of the default test image (`BUILD_IMAGES.test`). */
export const DEFAULT_TEST_COMMAND = 'npm ci && npm test';

/** Unprivileged user of the buildah image (`build`, with /etc/subuid ranges). */
export const BUILDAH_USER_ID = 1000;
