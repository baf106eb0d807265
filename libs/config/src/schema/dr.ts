import { z } from 'zod';
import { isFiveFieldCron } from '../cron-interval';

/** Kubernetes namespace name (DNS-1123 label). */
const namespaceName = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, { message: 'must be a namespace name (DNS-1123 label) such as team-orders' });

/** A 5-field cron expression in UTC, checked with cron-parser. */
export const cronSchedule = z.string().refine(isFiveFieldCron, {
  message: 'must be a 5-field cron expression in UTC (minute hour day-of-month month day-of-week) such as "0 */6 * * *"',
});

/**
 * One Velero backup Schedule. Volumes are snapshotted through the CSI snapshot path (ADR 0035); the
 * namespaces of `dr.velero.fileSystemBackupNamespaces` are copied file by file instead.
 * @see https://velero.io/docs/v1.18/api-types/schedule/
 */
export const veleroScheduleSchema = z
  .strictObject({
    /** Schedule name (also the prefix of every Backup it creates), DNS-1123 label of at most 52 characters. */
    name: z.string().regex(/^[a-z0-9]([-a-z0-9]{0,50}[a-z0-9])?$/, { message: 'must be a DNS-1123 label of at most 52 characters such as platform-6h' }),
    /** When backups run, 5-field cron in UTC. Its longest gap between runs must not exceed `dr.rpoMinutes` (rule DR-RPO-001). */
    cron: cronSchedule,
    /** How long Velero keeps each backup (Backup `spec.ttl`), hours. */
    ttlHours: z.number().int().min(1).max(8760),
    /** Namespaces backed up; `['*']` for all. */
    includedNamespaces: z.array(z.union([z.literal('*'), namespaceName])).min(1),
    /** Namespaces skipped (only meaningful with `['*']`). @default [] */
    excludedNamespaces: z.array(namespaceName).default([]),
    /** Take CSI volume snapshots of the PersistentVolumes in scope. */
    snapshotVolumes: z.boolean(),
  })
  .superRefine((s, ctx) => {
    const included = Array.isArray(s.includedNamespaces) ? s.includedNamespaces : [];
    const excluded = Array.isArray(s.excludedNamespaces) ? s.excludedNamespaces : [];
    if (included.includes('*') && included.length > 1) {
      ctx.addIssue({ code: 'custom', path: ['includedNamespaces'], message: `"*" already includes every namespace; list either ["*"] or named namespaces, not both (got ${JSON.stringify(included)})` });
    }
    for (const [i, ns] of excluded.entries()) {
      if (included.includes(ns)) ctx.addIssue({ code: 'custom', path: ['excludedNamespaces', i], message: `namespace "${ns}" is both included and excluded; remove it from one of the lists` });
    }
  });

/** Velero per environment. */
export const veleroSchema = z.strictObject({
  /** Backup Schedules; at least one, names unique. */
  schedules: z.array(veleroScheduleSchema).min(1),
  /**
   * Namespaces whose pod volumes are backed up file by file (Kopia through the node agent), for volumes
   * CSI cannot snapshot (e.g. emptyDir, non-CSI volumes). The node agent DaemonSet runs only when this is
   * not empty. @default []
   */
  fileSystemBackupNamespaces: z.array(namespaceName).default([]),
});

/**
 * What a restore drill restores (rendered to `dist/<env>/drills/`, applied by hand, never synced by ArgoCD).
 */
export const drillSchema = z.strictObject({
  /** Velero Schedule whose latest completed Backup the drill restores (Restore `spec.scheduleName`). */
  schedule: z.string().min(1),
  /** Namespaces of that backup the drill restores. */
  namespaces: z.array(namespaceName).min(1),
  /** Scratch namespace every restored namespace is mapped into (`namespaceMapping`), deleted after the drill. */
  scratchNamespace: namespaceName,
});

/**
 * Backup and disaster recovery targets per environment. `rpoMinutes`: the most data (in time) a
 * restore may lose; every backup schedule must run at least that often (DR-RPO-00x rules).
 * `rtoMinutes`: how long a full rebuild may take; the "lose the cluster" runbook's timed steps sum to it.
 */
export const drSchema = z
  .strictObject({
    /** Recovery point objective, minutes (5 minutes to 7 days). */
    rpoMinutes: z.number().int().min(5).max(10_080),
    /** Recovery time objective, minutes (15 minutes to 7 days). */
    rtoMinutes: z.number().int().min(15).max(10_080),
    velero: veleroSchema,
    drill: drillSchema,
  })
  .superRefine((dr, ctx) => {
    const names = Array.isArray(dr.velero?.schedules) ? dr.velero.schedules.map((s) => s.name) : [];
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i) ctx.addIssue({ code: 'custom', path: ['velero', 'schedules', i, 'name'], message: `schedule "${n}" is declared twice; give each schedule its own name` });
    });
    if (dr.drill && typeof dr.drill.schedule === 'string' && !names.includes(dr.drill.schedule)) {
      ctx.addIssue({ code: 'custom', path: ['drill', 'schedule'], message: `"${dr.drill.schedule}" is not one of dr.velero.schedules (${names.join(', ')}); name one of those` });
    }
  });

/**
 * One ArgoCD sync window of the `platform` and `platform-bootstrap` AppProjects, in UTC.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync_windows/
 */
export const syncWindowSchema = z.strictObject({
  kind: z.enum(['allow', 'deny']),
  /** When the window opens: 5-field cron in UTC, e.g. `0 8 * * 1-4`. */
  schedule: cronSchedule,
  /** Window length, e.g. `9h` or `30m`. */
  duration: z.string().regex(/^\d+[hm]$/, { message: 'must be a duration such as 10h or 30m' }),
  /** Allow manual syncs while the window blocks automated ones. */
  manualSync: z.boolean(),
});

/**
 * Operation mode (ADR 0038). `autopilot`: ArgoCD syncs automatically at any time with prune and
 * self-heal, and Terraform applies on merge. `supervised`: ArgoCD syncs automatically only inside the
 * declared allow windows and never prunes, and a Terraform apply waits for a reviewer on the
 * environment's protected GitHub environment. `freeze: true` adds a deny-all sync window to the
 * `platform` AppProject (the emergency kill switch), in both modes.
 */
export const operationsSchema = z
  .strictObject({
    mode: z.enum(['autopilot', 'supervised']),
    /** Emergency freeze: a deny-all sync window on every add-on Application, manual syncs included. */
    freeze: z.boolean(),
    /** Sync windows: at least one `allow` window in supervised mode, none in autopilot. @default [] */
    syncWindows: z.array(syncWindowSchema).default([]),
  })
  .superRefine((o, ctx) => {
    const windows = Array.isArray(o.syncWindows) ? o.syncWindows : [];
    if (o.mode === 'supervised' && !windows.some((w) => w?.kind === 'allow')) {
      ctx.addIssue({ code: 'custom', path: ['syncWindows'], message: 'supervised mode syncs only inside allow windows; declare at least one, e.g. { kind: "allow", schedule: "0 8 * * 1-4", duration: "9h", manualSync: true }' });
    }
    if (o.mode === 'autopilot' && windows.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['syncWindows'], message: 'autopilot syncs at any time; remove the windows or set operations.mode to supervised' });
    }
  });

export type DrConfig = z.output<typeof drSchema>;
export type OperationsConfig = z.output<typeof operationsSchema>;
