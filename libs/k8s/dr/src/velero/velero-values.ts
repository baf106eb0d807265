/** Requests and limits of one container. */
export interface VeleroResources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly memory: string };
}

/** A container security context (Pod Security Standard `restricted`). */
export interface VeleroContainerSecurityContext {
  readonly allowPrivilegeEscalation: false;
  readonly readOnlyRootFilesystem: boolean;
  readonly capabilities: { readonly drop: readonly ['ALL'] };
}

/** A plugin init container: copies the plugin binary into the shared `plugins` volume (`/target`). */
export interface VeleroPluginInitContainer {
  readonly name: string;
  readonly image: string;
  readonly imagePullPolicy: 'IfNotPresent';
  readonly volumeMounts: readonly [{ readonly mountPath: '/target'; readonly name: 'plugins' }];
  readonly securityContext: VeleroContainerSecurityContext;
  readonly resources: VeleroResources;
}

/** One `configuration.backupStorageLocation` entry (rendered as a BackupStorageLocation). */
export interface VeleroBackupStorageLocation {
  readonly name: string;
  readonly provider: 'aws';
  readonly bucket: string;
  /** Key prefix without the trailing `/`. */
  readonly prefix: string;
  readonly default: true;
  readonly accessMode: 'ReadWrite';
  /** AWS plugin settings (`region`, ...). @see https://github.com/vmware-tanzu/velero-plugin-for-aws/blob/main/backupstoragelocation.md */
  readonly config: { readonly region: string };
}

/**
 * Typed subset of the velero chart 12.1.0 values the platform sets (keys as in values.yaml).
 * @see ../shared/upstream/charts/velero/12.1.0/values.yaml
 */
export interface VeleroValues {
  readonly image: { readonly repository: string };
  readonly initContainers: readonly VeleroPluginInitContainer[];
  readonly priorityClassName: string;
  readonly resources: VeleroResources;
  readonly podSecurityContext: { readonly runAsNonRoot: true; readonly runAsUser: number; readonly runAsGroup: number; readonly fsGroup: number; readonly seccompProfile: { readonly type: 'RuntimeDefault' } };
  readonly containerSecurityContext: VeleroContainerSecurityContext;
  /** The chart's CRD upgrade Job (kubectl image, cluster-admin): off, ArgoCD applies the chart's `crds/`. */
  readonly upgradeCRDs: false;
  readonly serviceAccount: { readonly server: { readonly create: false; readonly name: string } };
  /** No static keys: the AWS SDK in the plugin takes the Pod Identity credentials. */
  readonly credentials: { readonly useSecret: false };
  readonly backupsEnabled: true;
  /** VolumeSnapshotLocations of the native AWS volume snapshotter: off, volumes go through CSI (ADR 0035). */
  readonly snapshotsEnabled: false;
  readonly deployNodeAgent: boolean;
  readonly nodeAgent: { readonly priorityClassName: string; readonly resources: VeleroResources };
  readonly configuration: {
    readonly backupStorageLocation: readonly VeleroBackupStorageLocation[];
    readonly volumeSnapshotLocation: readonly never[];
    /** `EnableCSI`: back volumes up as CSI VolumeSnapshots. */
    readonly features: string;
    readonly uploaderType: 'kopia';
    readonly logFormat: 'json';
    readonly defaultBackupStorageLocation: string;
  };
  readonly metrics: { readonly enabled: true; readonly serviceMonitor: { readonly enabled: boolean; readonly autodetect: false } };
  /** Schedules are rendered as typed `Schedule` objects next to the chart (so the RPO rule and the CRD check see them). */
  readonly schedules: Record<string, never>;
}
