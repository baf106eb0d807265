import { PrometheusRule, PrometheusRuleSpecGroupsRulesExpr } from '@platform/k8s-imports/monitoring.coreos.com';
import { Construct } from 'constructs';

export interface VeleroBackupAlertsProps {
  /** Velero's namespace (the rule lives next to it). */
  readonly namespace: string;
  /** Names of the Velero Schedules to watch. */
  readonly schedules: readonly string[];
  /** Recovery point objective, minutes (`dr.rpoMinutes`): the newest successful backup must be younger. */
  readonly rpoMinutes: number;
  /** Prefix of the alerts' `runbook_url` (`observability.runbookBaseUrl`), an https URL of `docs/runbooks` without a trailing slash. */
  readonly runbookBaseUrl: string;
}

/** Runbook of the backup alerts in `docs/runbooks/`: one section per alert, headed by the alert name. */
export const VELERO_ALERTS_RUNBOOK = 'observability-velero.md';

/** Name of the PrometheusRule. */
export const VELERO_ALERTS_NAME = 'velero-backups';

/**
 * Runtime half of the RPO check (ADR 0036; rule DR-RPO-001 checks the schedules at render time): per
 * Schedule, `VeleroBackupOlderThanRpo` (critical) when the newest successful backup is older than the
 * RPO or none ever succeeded, and `VeleroBackupFailed` (warning) on a failed or partially failed
 * backup; each alert's `runbook_url` is `<runbookBaseUrl>/observability-velero.md#<alert name, lower-case>`. Evaluated by the Mimir ruler (Alloy loads every PrometheusRule) on Velero's metrics.
 * @see https://velero.io/docs/v1.18/ (metrics: velero_backup_last_successful_timestamp, velero_backup_failure_total, velero_backup_partial_failure_total)
 */
export class VeleroBackupAlerts extends Construct {
  public readonly rule: PrometheusRule;

  constructor(scope: Construct, id: string, props: VeleroBackupAlertsProps) {
    super(scope, id);
    const seconds = props.rpoMinutes * 60;
    const runbookUrl = (alert: string): string => `${props.runbookBaseUrl}/${VELERO_ALERTS_RUNBOOK}#${alert.toLowerCase()}`;
    this.rule = new PrometheusRule(this, 'rule', {
      metadata: { name: VELERO_ALERTS_NAME, namespace: props.namespace },
      spec: {
        groups: [
          {
            name: 'velero-backups',
            rules: props.schedules.flatMap((schedule) => [
              {
                alert: 'VeleroBackupOlderThanRpo',
                expr: PrometheusRuleSpecGroupsRulesExpr.fromString(`(time() - velero_backup_last_successful_timestamp{schedule="${schedule}"} > ${seconds}) or absent(velero_backup_last_successful_timestamp{schedule="${schedule}"})`),
                for: '15m',
                labels: { severity: 'critical' },
                annotations: {
                  summary: `No successful Velero backup of schedule ${schedule} within the RPO (${props.rpoMinutes} min)`,
                  description: `Check \`velero backup get -n ${props.namespace} --selector velero.io/schedule-name=${schedule}\` and the Velero logs; the environment cannot meet dr.rpoMinutes until a backup succeeds.`,
                  runbook_url: runbookUrl('VeleroBackupOlderThanRpo'),
                },
              },
              {
                alert: 'VeleroBackupFailed',
                expr: PrometheusRuleSpecGroupsRulesExpr.fromString(`increase(velero_backup_failure_total{schedule="${schedule}"}[1h]) > 0 or increase(velero_backup_partial_failure_total{schedule="${schedule}"}[1h]) > 0`),
                labels: { severity: 'warning' },
                annotations: {
                  summary: `A Velero backup of schedule ${schedule} failed or partially failed in the last hour`,
                  description: `\`velero backup describe <backup> -n ${props.namespace} --details\` names the failed items.`,
                  runbook_url: runbookUrl('VeleroBackupFailed'),
                },
              },
            ]),
          },
        ],
      },
    });
  }
}
