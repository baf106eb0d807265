import { maxCronIntervalMinutes } from '@platform/config';
import type { AlertRule, RuleGroup } from './alert-rules';

/** Runbook files of the data-layer alerts (docs/runbooks/). */
export const DATA_RUNBOOK_FILES = { postgres: 'observability-postgres.md', kafka: 'observability-kafka.md' } as const;

/**
 * Replication lag above which a PostgreSQL replica alerts, seconds: a failover to it would lose this much of
 * recent commits (asynchronous replication) or stall commits (synchronous).
 */
export const POSTGRES_REPLICATION_LAG_SECONDS = 300;

/** Time a base backup may take, minutes: added to the schedule's gaps before the newest backup counts as too old. */
export const POSTGRES_BACKUP_DURATION_MINUTES = 60;

/**
 * Age of the newest base backup above which a cluster alerts, minutes: two missed runs of the sparsest
 * ScheduledBackup schedule plus {@link POSTGRES_BACKUP_DURATION_MINUTES}.
 * @throws Error when there is no schedule or cron-parser rejects one
 */
export function postgresBackupMaxAgeMinutes(backupSchedules: readonly string[]): number {
  if (backupSchedules.length === 0) throw new Error('postgres alert rules: backupSchedules is empty; pass the ScheduledBackup schedule of every cluster');
  const gap = Math.max(...backupSchedules.map((s) => maxCronIntervalMinutes(s)));
  if (!Number.isFinite(gap)) throw new Error(`postgres alert rules: a backup schedule in ${backupSchedules.join(', ')} runs fewer than twice a year; use a recurring schedule`);
  return 2 * gap + POSTGRES_BACKUP_DURATION_MINUTES;
}

export interface PostgresRulesInput {
  /** ScheduledBackup schedules of the clusters (6-field cron, seconds first); the sparsest sets the backup age limit. */
  readonly backupSchedules: readonly string[];
}

/** The cluster name of a CloudNativePG instance pod (`<cluster>-<n>`), as label `cluster`. */
const byCluster = (expr: string): string => `label_replace(${expr}, "cluster", "$1", "pod", "(.+)-[0-9]+")`;

const alert = (a: AlertRule): AlertRule => a;

/**
 * CloudNativePG clusters (instance manager exporter on port 9187, scraped through each cluster's PodMonitor):
 * an instance whose PostgreSQL is down, replicas lagging, and base backups failing or too old (metrics of the
 * Barman Cloud plugin, `barman_cloud_cloudnative_pg_io_*`, which supersede `cnpg_collector_*_backup_*`).
 * WAL archiving alerts are rendered per cluster by the data layer.
 * @see https://cloudnative-pg.io/documentation/current/monitoring/
 * @see https://cloudnative-pg.io/plugin-barman-cloud/docs/observability
 */
export function postgresRules(input: PostgresRulesInput): RuleGroup {
  const maxAgeMinutes = postgresBackupMaxAgeMinutes(input.backupSchedules);
  const maxAgeHours = Math.round((maxAgeMinutes / 60) * 10) / 10;
  const runbook = (section: string) => ({ file: DATA_RUNBOOK_FILES.postgres, section });
  const lastBackup = 'barman_cloud_cloudnative_pg_io_last_available_backup_timestamp';
  const lastFailed = 'barman_cloud_cloudnative_pg_io_last_failed_backup_timestamp';
  return {
    name: 'platform-postgres',
    rules: [
      alert({
        alert: 'PostgresInstanceDown',
        // the instance manager answers while PostgreSQL does not (crash loop, recovery stuck, disk full)
        expr: 'max by (namespace, pod) (cnpg_collector_up) == 0',
        for: '5m',
        severity: 'critical',
        summary: 'PostgreSQL is down on {{ $labels.namespace }}/{{ $labels.pod }}',
        description: 'The CloudNativePG instance manager of {{ $labels.pod }} cannot connect to its PostgreSQL for 5 minutes; a primary means writes fail until failover.',
        runbook: runbook('postgresinstancedown'),
      }),
      alert({
        alert: 'PostgresReplicationLagHigh',
        expr: `max by (namespace, pod) (cnpg_pg_replication_lag) > ${POSTGRES_REPLICATION_LAG_SECONDS}`,
        for: '10m',
        severity: 'warning',
        summary: 'Replica {{ $labels.namespace }}/{{ $labels.pod }} lags {{ $value | humanizeDuration }} behind its primary',
        description: `The replica has not replayed the primary's WAL for more than ${POSTGRES_REPLICATION_LAG_SECONDS} seconds for 10 minutes; a failover to it would lose or wait for those transactions.`,
        runbook: runbook('postgresreplicationlaghigh'),
      }),
      alert({
        alert: 'PostgresBackupFailed',
        // the latest attempt failed after the latest success; the plugin reports 0 before the first of either
        expr: `max by (namespace, cluster) (${byCluster(lastFailed)}) > max by (namespace, cluster) (${byCluster(lastBackup)})`,
        for: '15m',
        severity: 'warning',
        summary: 'The last base backup of PostgreSQL cluster {{ $labels.namespace }}/{{ $labels.cluster }} failed',
        description: 'The most recent base backup attempt failed after the last successful one; the next scheduled backup retries, point-in-time recovery still works from the older backup and the WAL archive.',
        runbook: runbook('postgresbackupfailed'),
      }),
      alert({
        alert: 'PostgresBackupTooOld',
        expr: `time() - max by (namespace, cluster) (${byCluster(`${lastBackup} > 0`)}) > ${maxAgeMinutes} * 60`,
        for: '30m',
        severity: 'critical',
        summary: `The newest base backup of PostgreSQL cluster {{ $labels.namespace }}/{{ $labels.cluster }} is older than ${maxAgeHours} hours`,
        description: `No base backup succeeded for ${maxAgeHours} hours (two scheduled runs missed); a restore must replay every WAL segment since, and a gap in the archive would make it impossible.`,
        runbook: runbook('postgresbackuptooold'),
      }),
    ],
  };
}

/**
 * Messages a consumer group may lag behind on one topic before a lag that does not shrink alerts: well above
 * the in-flight batch of a healthy consumer (Tempo's block-builders consume in cycles, so a lag of a few
 * thousand spans between cycles is normal), far below a backlog that outlives a topic's retention.
 */
export const KAFKA_CONSUMER_LAG_MESSAGES = 100_000;

/** Window over which a consumer group's lag must not have shrunk before it alerts. */
export const KAFKA_CONSUMER_LAG_WINDOW = '15m';

/**
 * Kafka (Strimzi JMX exporter on port 9404 with Strimzi's example rules, and Strimzi's Kafka Exporter, both
 * scraped through each cluster's PodMonitors): the KRaft quorum without an active controller, and a consumer
 * group whose lag (`kafka_consumergroup_lag`, Kafka Exporter) is above `KAFKA_CONSUMER_LAG_MESSAGES` and has not
 * shrunk for `KAFKA_CONSUMER_LAG_WINDOW`. Under-replicated and offline partitions are rendered per cluster by
 * the data layer.
 * @see https://github.com/strimzi/strimzi-kafka-operator/blob/main/packaging/examples/metrics/kafka-metrics.yaml
 * @see https://strimzi.io/docs/operators/latest/deploying#con-metrics-kafka-exporter-lag-str
 */
export function kafkaRules(): RuleGroup {
  return {
    name: 'platform-kafka',
    rules: [
      alert({
        alert: 'KafkaNoActiveController',
        // exactly one controller of the quorum reports 1; 0 means no metadata changes (leader elections, topic changes)
        expr: 'sum by (namespace) (kafka_controller_kafkacontroller_activecontrollercount) != 1',
        for: '5m',
        severity: 'critical',
        summary: 'Kafka in {{ $labels.namespace }} has {{ $value }} active controllers instead of one',
        description: 'The KRaft quorum has no active controller (or reports several) for 5 minutes: partition leaders cannot move, and brokers that restart cannot rejoin.',
        runbook: { file: DATA_RUNBOOK_FILES.kafka, section: 'kafkanoactivecontroller' },
      }),
      alert({
        alert: 'KafkaConsumerGroupLagHigh',
        // above the threshold and not shrinking over the window: a stuck or too slow consumer, not a burst being drained
        expr: `sum by (namespace, consumergroup, topic) (kafka_consumergroup_lag) > ${KAFKA_CONSUMER_LAG_MESSAGES} and sum by (namespace, consumergroup, topic) (delta(kafka_consumergroup_lag[${KAFKA_CONSUMER_LAG_WINDOW}])) >= 0`,
        for: KAFKA_CONSUMER_LAG_WINDOW,
        severity: 'warning',
        summary: 'Consumer group {{ $labels.consumergroup }} lags {{ $value }} messages behind on {{ $labels.namespace }}/{{ $labels.topic }}',
        description: `The lag of the group has stayed above ${KAFKA_CONSUMER_LAG_MESSAGES} messages without shrinking for ${KAFKA_CONSUMER_LAG_WINDOW}: its consumers are stopped or slower than the producers, and messages older than the topic's retention are lost to it.`,
        runbook: { file: DATA_RUNBOOK_FILES.kafka, section: 'kafkaconsumergrouplaghigh' },
      }),
    ],
  };
}
