/**
 * The image rules every image must follow, wherever it is named: in a construct (checked by
 * `nx validate`, policies K8S-POD-007/008) or in an environment file (checked by the schema, since an
 * image in an env.ts may end up where validation cannot see it, e.g. inside a CEL expression).
 */

/**
 * Registries images may come from, each with its reason:
 * - `public.ecr.aws/`: ECR Public (AWS-maintained images, and Docker official images mirrored as
 *   `public.ecr.aws/docker/library/<name>`); pulled from inside AWS without Docker Hub's anonymous rate limits.
 * - `ecr-public.aws.com/`: the same ECR Public registry through its dual-stack (IPv4 and IPv6) endpoint, which
 *   serves the same repositories and digests (argo-cd chart 10.x defaults its redis and haproxy images to it).
 *   @see https://aws.amazon.com/about-aws/whats-new/2025/05/amazon-ecr-support-ipv6/
 *   @see https://github.com/argoproj/argo-helm/pull/3328
 * - `registry.k8s.io/`: the Kubernetes project's registry (controllers, external-dns ...).
 * - `quay.io/`: Red Hat Quay (Argo CD, buildah, Prometheus images).
 * - `ghcr.io/`: GitHub Container Registry (Dex, Tekton and other projects that publish there).
 * - private ECR (see {@link ECR_PRIVATE_REGISTRY}): the organisation's own images and the pull-through caches.
 * Docker Hub (`docker.io/`, or no registry host) is not allowed: anonymous pulls are rate limited per node IP,
 * and official tags are mutable. Use the ECR Public mirror of Docker official images, or the pull-through cache.
 */
export const ALLOWED_REGISTRY_PREFIXES: readonly string[] = ['public.ecr.aws/', 'ecr-public.aws.com/', 'registry.k8s.io/', 'quay.io/', 'ghcr.io/'];

/** Private ECR: `<12-digit account>.dkr.ecr.<region>.amazonaws.com/`. */
export const ECR_PRIVATE_REGISTRY = /^[0-9]{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\//;

/** A tag other than `latest` (`:<tag>` after the last `/`), or a `@sha256:` digest. */
const PINNED = /(^[^@]+:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$)|(@sha256:[a-f0-9]{64}$)/;

/** `golang:1.23` / `docker.io/library/golang:1.23` / `index.docker.io/x/y:1` -> `library/golang:1.23` / `x/y:1`. */
function dockerHubPath(image: string): string | undefined {
  const match = /^(?:(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\/)?([^/]+(?:\/[^/]+)*)$/.exec(image);
  if (!match) return undefined;
  const first = image.split('/')[0];
  const hasHost = image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasHost && !/docker\.io$/.test(first)) return undefined;
  const rest = match[1];
  return rest.includes('/') ? rest : `library/${rest}`;
}

/**
 * Why `image` breaks the registry or pinning rule, with the fix; undefined when it complies.
 * For a Docker Hub image the message names the ECR Public mirror (official images) and the
 * environment's pull-through cache as the replacements.
 */
export function imagePolicyViolation(image: string): string | undefined {
  const allowed = ALLOWED_REGISTRY_PREFIXES.some((p) => image.startsWith(p)) || ECR_PRIVATE_REGISTRY.test(image);
  if (!allowed) {
    const hub = dockerHubPath(image);
    const fix = hub
      ? `Docker Hub is not allowed: use ${hub.startsWith('library/') ? `the ECR Public mirror public.ecr.aws/docker/${hub} or ` : ''}the pull-through cache <account>.dkr.ecr.<region>.amazonaws.com/<env>/dockerhub/${hub}`
      : 'use one of those registries or a private ECR repository';
    return `"${image}" is not from an allowed registry (${ALLOWED_REGISTRY_PREFIXES.join(', ')} or private ECR <account>.dkr.ecr.<region>.amazonaws.com/); ${fix}`;
  }
  if (!PINNED.test(image) || /:latest$/.test(image)) {
    return `"${image}" is not pinned: add a tag other than latest or an @sha256: digest`;
  }
  return undefined;
}

/** A key that names a container image: `image`, `images`, or ending in `Image`/`Images` (`toolchainImage`). */
const IMAGE_KEY = /^(image|images)$|(Image|Images)$/;

/**
 * Every image an environment declaration names, with its path: string values (or string array
 * entries) under a key named `image`, `images`, `*Image` or `*Images`, at any depth.
 */
export function environmentImages(value: unknown, path: readonly (string | number)[] = []): { readonly path: (string | number)[]; readonly image: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => environmentImages(v, [...path, i]));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) => {
    if (IMAGE_KEY.test(key)) {
      if (typeof v === 'string') return [{ path: [...path, key], image: v }];
      if (Array.isArray(v)) return v.flatMap((e, i) => (typeof e === 'string' ? [{ path: [...path, key, i], image: e }] : environmentImages(e, [...path, key, i])));
    }
    return environmentImages(v, [...path, key]);
  });
}
