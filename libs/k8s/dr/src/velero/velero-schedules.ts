import { Schedule } from '@platform/k8s-imports/velero.io';
import { Construct } from 'constructs';

/** One backup schedule, as declared in `dr.velero.schedules`. */
export interface VeleroScheduleDeclaration {
  /** Schedule name, also the prefix of every Backup it creates. */
  readonly name: string;
  /** 5-field cron in UTC. */
  readonly cron: string;
  /** Backup lifetime, hours (`spec.template.ttl`). */
  readonly ttlHours: number;
  /** Namespaces backed up; `['*']` for all. */
  readonly includedNamespaces: readonly string[];
  readonly excludedNamespaces: readonly string[];
  /** Take CSI snapshots of the PersistentVolumes in scope. */
  readonly snapshotVolumes: boolean;
}

export interface VeleroSchedulesProps {
  /** Velero's namespace (Schedules are read there only). */
  readonly namespace: string;
  /** BackupStorageLocation the backups go to. */
  readonly storageLocation: string;
  readonly schedules: readonly VeleroScheduleDeclaration[];
}

/** Label on every platform Schedule and the Backups it creates (`spec.template.metadata.labels`). */
export const VELERO_SCHEDULE_LABEL = 'platform.io/velero-schedule';

/**
 * One Velero `Schedule` per declaration: cron in UTC, `ttl` in hours, namespaces as declared,
 * cluster-scoped resources of the namespaces in scope (`includeClusterResources` unset = auto), CSI
 * snapshots when `snapshotVolumes`, and `useOwnerReferencesInBackup: false` so deleting a Schedule
 * never cascades to its Backups.
 * @see https://velero.io/docs/v1.18/api-types/schedule/
 */
export class VeleroSchedules extends Construct {
  public readonly schedules: readonly Schedule[];

  constructor(scope: Construct, id: string, props: VeleroSchedulesProps) {
    super(scope, id);
    this.schedules = props.schedules.map(
      (s) =>
        new Schedule(this, s.name, {
          metadata: { name: s.name, namespace: props.namespace, labels: { [VELERO_SCHEDULE_LABEL]: s.name } },
          spec: {
            schedule: s.cron,
            useOwnerReferencesInBackup: false,
            template: {
              metadata: { labels: { [VELERO_SCHEDULE_LABEL]: s.name } },
              ttl: `${s.ttlHours}h0m0s`,
              storageLocation: props.storageLocation,
              includedNamespaces: [...s.includedNamespaces],
              ...(s.excludedNamespaces.length > 0 ? { excludedNamespaces: [...s.excludedNamespaces] } : {}),
              snapshotVolumes: s.snapshotVolumes,
            },
          },
        }),
    );
  }
}
