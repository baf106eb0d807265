import { Cluster, ClusterSpecResourcesLimits, ClusterSpecResourcesRequests } from '@platform/k8s-imports/postgresql.cnpg.io';
import { Construct } from 'constructs';
import { BARMAN_CLOUD_PLUGIN_NAME } from '../plugin-barman-cloud/plugin-barman-cloud-addon';
import { type DataResources, typedResources, ZONE_TOPOLOGY_KEY } from '../common/data-resources';
import { POSTGRES_IMAGES } from './postgres-images';

/** The backed-up cluster a recovery reads from: its name (barman `serverName`) and its `ObjectStore`. */
export interface PostgresRecoverySource {
  /** Name of the original cluster (the folder under the object store's destination path). */
  readonly clusterName: string;
  /** Barman Cloud `ObjectStore` of the original cluster, in `namespace`. */
  readonly objectStoreName: string;
}

export interface PostgresRecoveryProps {
  /** Name of the new cluster; must differ from the source (the original keeps running, or its name stays free for a later rename). */
  readonly name: string;
  readonly namespace: string;
  readonly source: PostgresRecoverySource;
  /**
   * Point in time to recover to, RFC 3339 with offset (`2026-12-05T03:00:00Z`); WAL is replayed up to it.
   * Omit to recover to the end of the archived WAL.
   */
  readonly targetTime?: string;
  readonly postgresMajor: 16 | 17 | 18;
  readonly instances: number;
  readonly storageGiB: number;
  readonly storageClass: string;
  readonly resources: DataResources;
  /** The backup ServiceAccount: its Pod Identity reads the object store. */
  readonly serviceAccountName: string;
  readonly priorityClassName: string;
}

/** RFC 3339 date-time with an explicit offset, as PostgreSQL's `recovery_target_time` expects it unambiguously. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A new CloudNativePG cluster bootstrapped by point-in-time recovery (PITR) from the Barman Cloud
 * object store of another cluster: the latest base backup before `targetTime`, then WAL replayed up
 * to it. It does not archive WAL itself (it cannot overwrite the source's archive); promote it to a
 * regular cluster by adding the plugin as WAL archiver with its own `serverName` (runbook
 * docs/runbooks/data-postgres-pitr.md). Used by the PITR runbook and the DR restore drills.
 * @throws Error for a name equal to the source's, or a target time that is not RFC 3339 with offset
 * @see https://cloudnative-pg.io/plugin-barman-cloud/docs/usage/#restoring-a-cluster
 */
export class PostgresRecovery extends Construct {
  public readonly clusterName: string;

  constructor(scope: Construct, id: string, props: PostgresRecoveryProps) {
    super(scope, id);
    const { name, namespace, source } = props;
    if (name === source.clusterName) throw new Error(`PostgresRecovery ${name}: name must differ from the source cluster ${source.clusterName}`);
    if (props.targetTime !== undefined && (!RFC3339.test(props.targetTime) || Number.isNaN(Date.parse(props.targetTime)))) {
      throw new Error(`PostgresRecovery ${name}: targetTime "${props.targetTime}" must be RFC 3339 with offset, e.g. 2026-12-05T03:00:00Z`);
    }
    this.clusterName = name;
    const origin = 'origin';
    new Cluster(this, 'cluster', {
      metadata: { name, namespace, labels: { 'platform.io/recovered-from': source.clusterName } },
      spec: {
        instances: props.instances,
        imageName: POSTGRES_IMAGES[props.postgresMajor],
        enableSuperuserAccess: false,
        serviceAccountName: props.serviceAccountName,
        priorityClassName: props.priorityClassName,
        storage: { size: `${props.storageGiB}Gi`, storageClass: props.storageClass },
        resources: typedResources(props.resources, ClusterSpecResourcesLimits, ClusterSpecResourcesRequests),
        affinity: { enablePodAntiAffinity: true, topologyKey: ZONE_TOPOLOGY_KEY, podAntiAffinityType: 'preferred' },
        bootstrap: { recovery: { source: origin, ...(props.targetTime ? { recoveryTarget: { targetTime: props.targetTime } } : {}) } },
        externalClusters: [{ name: origin, plugin: { name: BARMAN_CLOUD_PLUGIN_NAME, parameters: { barmanObjectName: source.objectStoreName, serverName: source.clusterName } } }],
      },
    });
  }
}
