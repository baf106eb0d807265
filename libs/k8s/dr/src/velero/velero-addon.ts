import { bucketName, type EnvironmentConfig, podIdentityEntry, podIdentityObjectPrefix, pullThroughImagePrefix, VELERO } from '@platform/config';
import type { PriorityClassName } from '@platform/k8s-baseline';
import { Addon, EGRESS_AWS_APIS, EGRESS_KUBE_API, EGRESS_POD_IDENTITY_AGENT, type NetworkRule } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import { DrObjectivesConfigMap } from './dr-objectives-config-map';
import { EbsVolumeSnapshotClass } from './ebs-volume-snapshot-class';
import { VeleroBackupAlerts } from './velero-backup-alerts';
import { VeleroSchedules } from './velero-schedules';
import type { VeleroContainerSecurityContext, VeleroResources, VeleroValues } from './velero-values';

/** Pod identity contract entry of Velero (`s3-bucket` on `backups`); also its key prefix `velero/`. */
export const VELERO_POD_IDENTITY = 'velero';

/** Name of the BackupStorageLocation every Schedule writes to. */
export const VELERO_STORAGE_LOCATION = 'default';

/**
 * The AWS object store plugin, pinned: v1.14.x is the line built against Velero 1.18 (chart 12.1.0's
 * appVersion 1.18.1). Docker Hub only, so through the ECR pull-through cache.
 * @see https://github.com/vmware-tanzu/velero-plugin-for-aws#compatibility
 */
export const VELERO_AWS_PLUGIN = { repository: 'velero/velero-plugin-for-aws', tag: 'v1.14.2' } as const;

/** Velero server image repository on Docker Hub (tag: the chart's appVersion). */
export const VELERO_IMAGE_REPOSITORY = 'velero/velero';

/**
 * User and group of the Velero images (Paketo `run-jammy-tiny` base, user `cnb`), numeric so
 * `runAsNonRoot` can be verified by the kubelet.
 * @see https://github.com/vmware-tanzu/velero/blob/main/Dockerfile
 */
export const VELERO_RUN_AS = { user: 1002, group: 1000 } as const;

/** Velero metrics port. @see chart template deployment.yaml (`http-monitoring`) */
export const VELERO_METRICS_PORT = 8085;

/** Backups must keep running under node pressure, but the cluster runs without them. */
export const VELERO_PRIORITY_CLASS: PriorityClassName = 'platform-high';

const SERVER_RESOURCES: VeleroResources = { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } };
const PLUGIN_RESOURCES: VeleroResources = { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '128Mi' } };
const NODE_AGENT_RESOURCES: VeleroResources = { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '2Gi' } };
const RESTRICTED: VeleroContainerSecurityContext = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } };

export interface VeleroAddonProps {
  readonly env: EnvironmentConfig;
  /** The cluster baseline, and the add-on that installs the ServiceMonitor CRD when `metricsScraperNamespace` is set. */
  readonly dependsOn: readonly Addon[];
  /**
   * Namespace of the agent that scrapes ServiceMonitors; renders the chart's ServiceMonitor, allows the
   * scrape and renders the backup alerts (`VeleroBackupAlerts`). @default none (no ServiceMonitor, no alerts)
   */
  readonly metricsScraperNamespace?: string;
}

/**
 * Velero (chart 12.1.0) backing Kubernetes objects up to the `backups` bucket under its Pod Identity
 * prefix (`velero/`) with the pinned AWS plugin and no static keys, and PersistentVolumes as CSI
 * VolumeSnapshots (`EnableCSI`; the EBS CSI driver takes the EBS snapshots, ADR 0035): no
 * VolumeSnapshotLocation, no EC2 permission for Velero. In `kubernetes/addons/velero/`: the EBS
 * VolumeSnapshotClass labelled for Velero, one Schedule per `dr.velero.schedules` entry and the
 * `dr-objectives` ConfigMap (RPO/RTO, read by rule DR-RPO-001). The node
 * agent (file-system backup, hostPath, root) runs only when `dr.velero.fileSystemBackupNamespaces`
 * is not empty; the namespace is then `privileged`.
 * @see https://velero.io/docs/v1.18/
 */
export class VeleroAddon extends Addon<VeleroValues> {
  public readonly schedules: VeleroSchedules;
  public readonly snapshotClass: EbsVolumeSnapshotClass;

  constructor(scope: Construct, id: string, props: VeleroAddonProps) {
    const { env } = props;
    const entry = podIdentityEntry(env, VELERO_POD_IDENTITY);
    const nodeAgent = env.dr.velero.fileSystemBackupNamespaces.length > 0;
    const dockerHub = pullThroughImagePrefix(env, 'docker-hub');
    const scrape: NetworkRule[] = props.metricsScraperNamespace
      ? [{ description: 'metrics scrape (ServiceMonitor)', peer: { namespace: props.metricsScraperNamespace }, ports: [{ port: VELERO_METRICS_PORT }] }]
      : [];
    super(scope, id, {
      env,
      declaration: VELERO,
      dependsOn: props.dependsOn,
      namespace: {
        name: entry.namespace,
        ...(nodeAgent ? { podSecurity: { level: 'privileged' as const, reason: 'Velero node agent: hostPath mounts of pod volumes, runs as root (file-system backup of dr.velero.fileSystemBackupNamespaces)' } } : {}),
        ingress: scrape,
        egress: [EGRESS_KUBE_API, { ...EGRESS_AWS_APIS, description: 'S3 (backups bucket) and STS over HTTPS' }, EGRESS_POD_IDENTITY_AGENT],
      },
      chart: {
        values: {
          image: { repository: `${dockerHub}/${VELERO_IMAGE_REPOSITORY}` },
          initContainers: [
            {
              name: 'velero-plugin-for-aws',
              image: `${dockerHub}/${VELERO_AWS_PLUGIN.repository}:${VELERO_AWS_PLUGIN.tag}`,
              imagePullPolicy: 'IfNotPresent',
              volumeMounts: [{ mountPath: '/target', name: 'plugins' }],
              securityContext: RESTRICTED,
              resources: PLUGIN_RESOURCES,
            },
          ],
          priorityClassName: VELERO_PRIORITY_CLASS,
          resources: SERVER_RESOURCES,
          podSecurityContext: { runAsNonRoot: true, runAsUser: VELERO_RUN_AS.user, runAsGroup: VELERO_RUN_AS.group, fsGroup: VELERO_RUN_AS.group, seccompProfile: { type: 'RuntimeDefault' } },
          containerSecurityContext: RESTRICTED,
          upgradeCRDs: false,
          serviceAccount: { server: { create: false, name: entry.serviceAccount } },
          credentials: { useSecret: false },
          backupsEnabled: true,
          snapshotsEnabled: false,
          deployNodeAgent: nodeAgent,
          nodeAgent: { priorityClassName: VELERO_PRIORITY_CLASS, resources: NODE_AGENT_RESOURCES },
          configuration: {
            backupStorageLocation: [
              {
                name: VELERO_STORAGE_LOCATION,
                provider: 'aws',
                bucket: bucketName(env, 'backups'),
                prefix: podIdentityObjectPrefix(entry).replace(/\/$/, ''),
                default: true,
                accessMode: 'ReadWrite',
                config: { region: env.aws.region },
              },
            ],
            volumeSnapshotLocation: [],
            features: 'EnableCSI',
            uploaderType: 'kopia',
            logFormat: 'json',
            defaultBackupStorageLocation: VELERO_STORAGE_LOCATION,
          },
          metrics: { enabled: true, serviceMonitor: { enabled: props.metricsScraperNamespace !== undefined, autodetect: false } },
          schedules: {},
        },
      },
    });
    this.snapshotClass = new EbsVolumeSnapshotClass(this.manifestFile('volume-snapshot-class'), 'ebs');
    new DrObjectivesConfigMap(this.manifestFile('dr-objectives'), 'objectives', { namespace: entry.namespace, rpoMinutes: env.dr.rpoMinutes, rtoMinutes: env.dr.rtoMinutes });
    this.schedules = new VeleroSchedules(this.manifestFile('schedules'), 'schedules', {
      namespace: entry.namespace,
      storageLocation: VELERO_STORAGE_LOCATION,
      schedules: env.dr.velero.schedules,
    });
    // with monitoring composed (ServiceMonitor scraped, PrometheusRule CRD present): the runtime RPO alerts
    if (props.metricsScraperNamespace !== undefined) {
      new VeleroBackupAlerts(this.manifestFile('alerts'), 'alerts', { namespace: entry.namespace, schedules: env.dr.velero.schedules.map((s) => s.name), rpoMinutes: env.dr.rpoMinutes, runbookBaseUrl: env.observability.runbookBaseUrl });
    }
  }
}
