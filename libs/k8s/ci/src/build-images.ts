/**
 * Every container image of the reference build pipeline, pinned to an exact release tag (bumped
 * by hand or Renovate like a chart version; never `latest`).
 */
export const BUILD_IMAGES = {
  /** git CLI. @see https://hub.docker.com/r/alpine/git/tags */
  git: 'docker.io/alpine/git:v2.47.2',
  /** AWS CLI v2, for the ECR login token. @see https://gallery.ecr.aws/aws-cli/aws-cli */
  awsCli: 'public.ecr.aws/aws-cli/aws-cli:2.22.0',
  /** Buildah, run rootless (uid 1000, chroot isolation, vfs storage). @see https://quay.io/repository/buildah/stable?tab=tags */
  buildah: 'quay.io/buildah/stable:v1.38.0',
  /** Default image of the test step; a service overrides it with the `test-image` param. */
  test: 'docker.io/library/node:22.12.0-alpine3.21',
} as const;

/** Unprivileged user of the buildah image (`build`, with /etc/subuid ranges). */
export const BUILDAH_USER_ID = 1000;
