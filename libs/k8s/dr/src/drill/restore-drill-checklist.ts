/** What the checklist names. */
export interface RestoreDrillChecklistProps {
  readonly environment: string;
  readonly drillName: string;
  readonly veleroNamespace: string;
  readonly schedule: string;
  readonly namespaces: readonly string[];
  readonly scratchNamespace: string;
  readonly databases: readonly string[];
  readonly rpoMinutes: number;
  readonly rtoMinutes: number;
}

/** One timed step: the share of the RTO it may take, minutes. */
interface Step {
  readonly title: string;
  readonly minutes: number;
  readonly commands: readonly string[];
  readonly check: string;
}

/**
 * Budget of each step as a fraction of the RTO (sums to 1): most of a restore is waiting for volumes
 * from snapshots and for the database to replay WAL.
 */
export const DRILL_STEP_BUDGET = { find: 0.05, apply: 0.05, restore: 0.4, databases: 0.3, verify: 0.2 } as const;

/**
 * The drill checklist (Markdown): trigger, timed steps with exact commands, the verification of each,
 * the record to keep and the clean-up. Steps without databases give their budget to the Velero restore.
 */
export function restoreDrillChecklist(p: RestoreDrillChecklistProps): string {
  const budget = (share: number): number => Math.max(1, Math.floor(p.rtoMinutes * share));
  const hasDb = p.databases.length > 0;
  const ns = p.scratchNamespace;
  const steps: Step[] = [
    {
      title: `Find the newest completed backup of schedule \`${p.schedule}\``,
      minutes: budget(DRILL_STEP_BUDGET.find),
      commands: [`velero backup get -n ${p.veleroNamespace} --selector velero.io/schedule-name=${p.schedule}`],
      check: `the newest backup is \`Completed\` and younger than the RPO (${p.rpoMinutes} min)`,
    },
    {
      title: 'Apply the drill (a previous run must be deleted first: a Restore runs once)',
      minutes: budget(DRILL_STEP_BUDGET.apply),
      commands: [`velero restore delete ${p.drillName} -n ${p.veleroNamespace} --confirm || true`, `kubectl apply -f dist/${p.environment}/drills/restore-drill.yaml`],
      check: `\`kubectl get namespace ${ns}\` exists with the deny-all NetworkPolicy`,
    },
    {
      title: `Wait for the Velero restore of ${p.namespaces.join(', ')} into \`${ns}\``,
      minutes: budget(DRILL_STEP_BUDGET.restore + (hasDb ? 0 : DRILL_STEP_BUDGET.databases)),
      commands: [`kubectl -n ${p.veleroNamespace} wait restore/${p.drillName} --for=jsonpath='{.status.phase}'=Completed --timeout=${budget(DRILL_STEP_BUDGET.restore + (hasDb ? 0 : DRILL_STEP_BUDGET.databases))}m`, `velero restore describe ${p.drillName} -n ${p.veleroNamespace} --details`],
      check: `phase \`Completed\` with 0 errors; \`kubectl -n ${ns} get pvc\` all \`Bound\` (volumes from their CSI snapshots)`,
    },
    ...(hasDb
      ? [
          {
            title: `Wait for the recovered database${p.databases.length > 1 ? 's' : ''} (${p.databases.join(', ')})`,
            minutes: budget(DRILL_STEP_BUDGET.databases),
            commands: p.databases.map((db) => `kubectl -n ${ns} wait cluster.postgresql.cnpg.io/${db} --for=condition=Ready --timeout=${budget(DRILL_STEP_BUDGET.databases)}m`),
            check: 'each Cluster is Ready; its newest row is no older than the RPO before the backup time',
          },
        ]
      : []),
    {
      title: 'Verify the restored workloads',
      minutes: budget(DRILL_STEP_BUDGET.verify),
      commands: [`kubectl -n ${ns} get deploy,statefulset,pod,pvc`, `kubectl -n ${ns} rollout status deploy --timeout=5m`],
      check: 'every Deployment and StatefulSet is available; the owning team confirms the data they know is there',
    },
  ];
  const total = steps.reduce((n, s) => n + s.minutes, 0);
  const lines = [
    `# Restore drill \`${p.drillName}\` (${p.environment})`,
    '',
    `Generated from \`dr.drill\` of ${p.environment}; applied by hand, never synced by ArgoCD. Owner: the platform on-call engineer, with the owning team of ${p.namespaces.join(', ')} for the data check.`,
    '',
    `- **Trigger**: quarterly, after every change to Velero, the snapshot path or a database's backup, and before a production launch.`,
    `- **Objectives**: RPO ${p.rpoMinutes} min, RTO ${p.rtoMinutes} min. The timed steps below add up to ${total} min; the drill passes when it ends within the RTO and the restored data is at most the RPO old.`,
    '',
    '| # | Step | Budget (min) | Started | Done |',
    '|---|---|---|---|---|',
    ...steps.map((s, i) => `| ${i + 1} | ${s.title} | ${s.minutes} | | |`),
    '',
    ...steps.flatMap((s, i) => [`## ${i + 1}. ${s.title} (${s.minutes} min)`, '', '```sh', ...s.commands, '```', '', `Check: ${s.check}.`, '']),
    '## Record',
    '',
    `Write the start and end times of each step, the backup's age and the total in the drill log; a total above ${p.rtoMinutes} min or data older than ${p.rpoMinutes} min is an incident to fix (runbook \`docs/runbooks/dr-lose-the-cluster.md\`).`,
    '',
    '## Clean up',
    '',
    '```sh',
    `kubectl delete namespace ${ns}`,
    `velero restore delete ${p.drillName} -n ${p.veleroNamespace} --confirm`,
    '```',
    '',
  ];
  return lines.join('\n');
}
