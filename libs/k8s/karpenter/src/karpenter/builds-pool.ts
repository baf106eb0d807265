/**
 * The `builds` capacity of the CI build pods: an EC2NodeClass `builds` (the `default` one plus
 * Bottlerocket kernel settings for rootless buildah) and a NodePool `builds` tainted so that only
 * the build pods, which tolerate the taint and select the pool, land on it.
 */

/** Name of the builds EC2NodeClass and NodePool; value of the `platform.io/node-pool` node label. */
export const BUILDS_NODE_POOL = 'builds';

/** Taint of the builds nodes: `platform.io/builds=true:NoSchedule`. */
export const BUILDS_TAINT = { key: 'platform.io/builds', value: 'true', effect: 'NoSchedule' } as const;

/** The build images are amd64: the builds nodes are amd64 only. */
export const BUILDS_ARCHITECTURE = 'amd64';

/**
 * `user.max_user_namespaces` of the builds nodes. Rootless buildah creates a user namespace per
 * build; Bottlerocket ships `user.max_user_namespaces = 0`, which makes `newuidmap`/`unshare` fail.
 * 16384 is far above what one node's builds use and bounded.
 * @see https://github.com/bottlerocket-os/bottlerocket/issues/2163
 * @see https://github.com/moby/buildkit/blob/master/docs/rootless.md
 */
export const BUILDS_MAX_USER_NAMESPACES = 16384;

/**
 * Bottlerocket settings TOML of the builds EC2NodeClass (`spec.userData`): enables user namespaces.
 * @see https://bottlerocket.dev/en/os/latest/api/settings/kernel/#sysctl
 */
export const BUILDS_USER_DATA = `[settings.kernel.sysctl]\n"user.max_user_namespaces" = "${BUILDS_MAX_USER_NAMESPACES}"\n`;
