import { bucketName, type EnvironmentConfig, podIdentityObjectPrefix, POSTGRES_CLUSTERS } from '@platform/config';
import { DEFAULT_STORAGE_CLASS, type PriorityClassName } from '@platform/k8s-baseline';
import { Addon, EGRESS_KUBE_API, type NetworkRule } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import { CNPG_INSTANCE_STATUS_PORT, CNPG_NAMESPACE, CNPG_OPERATOR_POD_LABELS, type CloudnativePgAddon } from '../cloudnative-pg/cloudnative-pg-addon';
import type { PluginBarmanCloudAddon } from '../plugin-barman-cloud/plugin-barman-cloud-addon';
import type { PostgresConnection } from '../common/connections';
import { metricsScrapeRule } from '../common/metrics-scrape';
import { POSTGRES_NAMESPACE } from '../common/namespaces';
import { PostgresCluster } from './postgres-cluster';
import { POSTGRES_PORT } from './postgres-images';

/** Port `metrics` of the instance manager's exporter in every PostgreSQL pod. @see https://cloudnative-pg.io/documentation/current/monitoring/ */
export const POSTGRES_METRICS_PORT = 9187;

/** Contract entry whose ServiceAccount every PostgreSQL pod runs as (writes `cnpg-backup/` of the backups bucket). */
export const POSTGRES_BACKUP_POD_IDENTITY = 'cnpg-backup';
const PRIORITY: PriorityClassName = 'platform-high';

/** Egress of the barman-cloud sidecars to S3 (the backups bucket; S3 endpoints, also behind the gateway endpoint, are public addresses). */
export const EGRESS_S3_BACKUPS: NetworkRule = { description: 'barman-cloud sidecar to S3 (backups bucket) over HTTPS', peer: 'anywhere', ports: [{ port: 443 }] };

export interface PostgresClustersAddonProps {
  readonly env: EnvironmentConfig;
  readonly operator: CloudnativePgAddon;
  readonly barmanCloud: PluginBarmanCloudAddon;
}

/**
 * The PostgreSQL clusters of `data.postgres` in namespace `databases` (manifests
 * `kubernetes/addons/postgres-clusters/<cluster>.yaml`), each a `PostgresCluster` whose backups go to
 * the backups bucket under the `cnpg-backup` pod identity's prefix. NetworkPolicies admit only the
 * declared consumers (PostgreSQL port of the cluster's instances and pooler), the operator (status
 * port and PostgreSQL), and let the pods reach the API server and S3.
 */
export class PostgresClustersAddon extends Addon {
  public readonly clusters: readonly PostgresCluster[];

  constructor(scope: Construct, id: string, props: PostgresClustersAddonProps) {
    const { env } = props;
    const ingress: NetworkRule[] = [];
    super(scope, id, {
      env,
      declaration: POSTGRES_CLUSTERS,
      dependsOn: [props.operator, props.barmanCloud],
      namespace: { name: POSTGRES_NAMESPACE, ingress, egress: [EGRESS_KUBE_API, EGRESS_S3_BACKUPS] },
    });
    const identity = this.podIdentity(POSTGRES_BACKUP_POD_IDENTITY);
    this.clusters = env.data.postgres.map(
      (c) =>
        new PostgresCluster(this.manifestFile(c.name), c.name, {
          name: c.name,
          namespace: POSTGRES_NAMESPACE,
          postgresMajor: c.postgresMajor,
          instances: c.instances,
          zones: env.network.azCount,
          storageGiB: c.storageGiB,
          walStorageGiB: c.walStorageGiB,
          storageClass: DEFAULT_STORAGE_CLASS,
          resources: c.resources,
          serviceAccountName: identity.serviceAccount,
          priorityClassName: PRIORITY,
          backup: { bucket: bucketName(env, 'backups'), prefix: podIdentityObjectPrefix(identity), region: env.aws.region, schedule: c.backup.schedule, retentionDays: c.backup.retentionDays },
          podMonitor: c.podMonitor,
          runbookBaseUrl: env.observability.runbookBaseUrl,
          pooler: c.pooler,
          databases: c.databases,
        }),
    );
    // the namespace declaration is read when the baseline secures namespaces (after composition)
    for (const cluster of this.clusters) {
      const instances = { name: cluster.clusterName, labels: cluster.instancePodLabels };
      ingress.push({
        description: `CloudNativePG operator to ${cluster.clusterName} (instance manager status, PostgreSQL)`,
        peer: { namespace: CNPG_NAMESPACE, podLabels: CNPG_OPERATOR_POD_LABELS },
        ports: [{ port: CNPG_INSTANCE_STATUS_PORT }, { port: POSTGRES_PORT }],
        pods: instances,
      });
      if (cluster.podMonitor) ingress.push({ ...metricsScrapeRule(`${cluster.clusterName} instances`, [POSTGRES_METRICS_PORT]), pods: instances });
      for (const consumer of [...new Set(cluster.databases.flatMap((d) => d.consumers))].sort()) {
        ingress.push({ description: `consumer ${consumer} to ${cluster.clusterName}`, peer: { namespace: consumer }, ports: [{ port: POSTGRES_PORT }], pods: instances });
        const pooler = cluster.poolerPodLabels;
        if (pooler) ingress.push({ description: `consumer ${consumer} to the ${cluster.clusterName} pooler`, peer: { namespace: consumer }, ports: [{ port: POSTGRES_PORT }], pods: { name: `${cluster.clusterName}-pooler`, labels: pooler } });
      }
    }
  }

  /** The cluster `name`. @throws Error naming the cluster and the declared ones when `data.postgres` has no such cluster */
  public cluster(name: string): PostgresCluster {
    const found = this.clusters.find((c) => c.clusterName === name);
    if (!found) throw new Error(`${this.env.name}: no PostgreSQL cluster "${name}" in data.postgres (declared: ${this.clusters.map((c) => c.clusterName).join(', ') || 'none'})`);
    return found;
  }

  /** The connection of `database` in cluster `cluster`. @throws Error naming the missing cluster or database */
  public database(cluster: string, database: string): PostgresConnection {
    try {
      return this.cluster(cluster).connection(database);
    } catch (e) {
      throw new Error(`${this.env.name}: ${(e as Error).message}`, { cause: e });
    }
  }
}
