/**
 * The rendered form of an environment's recovery objectives: a ConfigMap in Velero's namespace
 * (`kubernetes/addons/velero/`), so operators read the targets from the cluster and `nx validate`
 * (rule DR-RPO-001) reads them from the output tree.
 */
export const DR_OBJECTIVES = {
  /** ConfigMap name. */
  name: 'dr-objectives',
  /** Label that marks the ConfigMap (value `"true"`). */
  label: 'platform.io/dr-objectives',
  /** Data keys, values in minutes as decimal strings. */
  keys: { rpoMinutes: 'rpoMinutes', rtoMinutes: 'rtoMinutes' },
} as const;

/**
 * Label of a CronJob that takes a backup (value: what it backs up, e.g. `openbao-raft`); rule
 * DR-RPO-001 checks its schedule against the RPO.
 */
export const BACKUP_OF_LABEL = 'platform.io/backup-of';
