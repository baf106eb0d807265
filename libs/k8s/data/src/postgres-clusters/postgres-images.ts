/**
 * PostgreSQL image per major version: the CloudNativePG `standard` images (no barman-cloud inside:
 * backups run in the Barman Cloud plugin's sidecar), pinned to a minor so a rollout is a reviewed diff.
 * @see https://github.com/cloudnative-pg/postgres-containers (tags `<minor>-standard-<distro>`)
 */
export const POSTGRES_IMAGES: Readonly<Record<16 | 17 | 18, string>> = {
  16: 'ghcr.io/cloudnative-pg/postgresql:16.12-standard-trixie',
  17: 'ghcr.io/cloudnative-pg/postgresql:17.8-standard-trixie',
  18: 'ghcr.io/cloudnative-pg/postgresql:18.2-standard-trixie',
};

/** PostgreSQL port of the cluster and pooler Services. */
export const POSTGRES_PORT = 5432;

/**
 * `archive_timeout`: the longest a finished WAL segment waits before the plugin archives it (the
 * RPO bound of a quiet database). The DR layer's RPO rule reads it from the Cluster.
 */
export const POSTGRES_ARCHIVE_TIMEOUT = '5min';
