import { BACKUP_OF_LABEL, DR_OBJECTIVES, maxCronIntervalMinutes } from '@platform/config';
import { describeObject, type K8sDocument } from '../dist-tree';
import type { Finding } from '../finding';

/** Rule ids of the recovery point objective. */
export const RPO_RULES = {
  /** A backup runs less often than the environment's RPO (or never). */
  intervalExceedsRpo: 'DR-RPO-001',
  /** A backup schedule or archive timeout that cannot be read. */
  unreadableSchedule: 'DR-RPO-002',
} as const;

/**
 * CloudNativePG's `archive_timeout` when the Cluster does not set it: a WAL segment is archived at
 * least every 5 minutes. @see https://cloudnative-pg.io/documentation/current/wal_archiving/
 */
export const CNPG_DEFAULT_ARCHIVE_TIMEOUT_MINUTES = 5;

/** PostgreSQL time units (a bare number is seconds). @see https://www.postgresql.org/docs/current/config-setting.html#CONFIG-SETTING-NAMES-VALUES */
const PG_TIME_UNITS: Readonly<Record<string, number>> = { us: 1 / 60_000_000, ms: 1 / 60_000, s: 1 / 60, min: 1, h: 60, d: 1440 };

/** A PostgreSQL time setting (`5min`, `300`, `1h`, `30s`) in minutes; undefined when unreadable. 0 disables the timeout (Infinity). */
export function pgTimeMinutes(value: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(us|ms|s|min|h|d)?\s*$/.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]) * PG_TIME_UNITS[m[2] ?? 's'];
  return n === 0 ? Number.POSITIVE_INFINITY : n;
}

type Obj = Record<string, unknown>;
const rec = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** One thing that takes backups on a clock: where it is, its interval and how it is named in messages. */
interface BackupClock {
  readonly doc: K8sDocument;
  readonly path: string;
  readonly what: string;
  /** Minutes between two backups in the worst case; Infinity when it never runs; undefined when unreadable. */
  readonly minutes: number | undefined;
  readonly raw: string;
}

function cronMinutes(expression: unknown): number | undefined {
  if (typeof expression !== 'string') return undefined;
  try {
    return maxCronIntervalMinutes(expression);
  } catch {
    return undefined;
  }
}

/** The backup clocks of one object (none for objects that take no backups). */
function clocksOf(doc: K8sDocument): BackupClock[] {
  const o = doc.object;
  const kind = o['kind'];
  const group = String(o['apiVersion'] ?? '').split('/')[0];
  const spec = rec(o['spec']);
  if (group === 'velero.io' && kind === 'Schedule') {
    const paused = spec['paused'] === true;
    return [{ doc, path: paused ? 'spec.paused' : 'spec.schedule', what: 'Velero Schedule', minutes: paused ? Number.POSITIVE_INFINITY : cronMinutes(spec['schedule']), raw: paused ? 'paused' : String(spec['schedule']) }];
  }
  if (group === 'postgresql.cnpg.io' && kind === 'ScheduledBackup') {
    const suspended = spec['suspend'] === true;
    return [{ doc, path: suspended ? 'spec.suspend' : 'spec.schedule', what: 'CloudNativePG ScheduledBackup (base backup)', minutes: suspended ? Number.POSITIVE_INFINITY : cronMinutes(spec['schedule']), raw: suspended ? 'suspended' : String(spec['schedule']) }];
  }
  if (group === 'postgresql.cnpg.io' && kind === 'Cluster') {
    // WAL reaches the object store through the Barman Cloud plugin (or the deprecated in-tree barmanObjectStore)
    const plugins = Array.isArray(spec['plugins']) ? (spec['plugins'] as unknown[]).map(rec) : [];
    const archives = plugins.some((p) => p['isWALArchiver'] === true) || rec(spec['backup'])['barmanObjectStore'] !== undefined;
    if (!archives) return [{ doc, path: 'spec.plugins', what: 'CloudNativePG Cluster', minutes: Number.POSITIVE_INFINITY, raw: 'no WAL archiver' }];
    const timeout = rec(rec(spec['postgresql'])['parameters'])['archive_timeout'];
    if (timeout === undefined) return [{ doc, path: 'spec.postgresql.parameters', what: 'CloudNativePG Cluster WAL archive_timeout (default)', minutes: CNPG_DEFAULT_ARCHIVE_TIMEOUT_MINUTES, raw: `${CNPG_DEFAULT_ARCHIVE_TIMEOUT_MINUTES}min` }];
    return [{ doc, path: 'spec.postgresql.parameters.archive_timeout', what: 'CloudNativePG Cluster WAL archive_timeout', minutes: pgTimeMinutes(String(timeout)), raw: String(timeout) }];
  }
  const labels = rec(rec(o['metadata'])['labels']);
  if (o['apiVersion'] === 'batch/v1' && kind === 'CronJob' && typeof labels[BACKUP_OF_LABEL] === 'string') {
    const suspended = spec['suspend'] === true;
    return [{ doc, path: suspended ? 'spec.suspend' : 'spec.schedule', what: `backup CronJob (${BACKUP_OF_LABEL}: ${String(labels[BACKUP_OF_LABEL])})`, minutes: suspended ? Number.POSITIVE_INFINITY : cronMinutes(spec['schedule']), raw: suspended ? 'suspended' : String(spec['schedule']) }];
  }
  return [];
}

/** The declared RPO (minutes) from the `dr-objectives` ConfigMap, with where it was found. */
function declaredRpo(docs: readonly K8sDocument[]): { minutes: number; at: string } | undefined {
  for (const doc of docs) {
    const o = doc.object;
    if (o['apiVersion'] !== 'v1' || o['kind'] !== 'ConfigMap' || rec(rec(o['metadata'])['labels'])[DR_OBJECTIVES.label] !== 'true') continue;
    const minutes = Number(rec(o['data'])[DR_OBJECTIVES.keys.rpoMinutes]);
    if (Number.isFinite(minutes) && minutes > 0) return { minutes, at: describeObject(o) };
  }
  return undefined;
}

/**
 * DR-RPO-001 / DR-RPO-002: every backup of the environment must run at least as often as its RPO
 * (`dr.rpoMinutes`, rendered as the `dr-objectives` ConfigMap): Velero `Schedule`s, CloudNativePG
 * `ScheduledBackup`s (base backups) and Cluster `archive_timeout` (WAL shipping; CloudNativePG's
 * default 5 min when unset), and CronJobs labelled `platform.io/backup-of` (e.g. the OpenBao Raft
 * snapshot). The interval of a cron schedule is its longest gap between two runs (cron-parser, UTC);
 * a paused or suspended backup never runs. A tree without the ConfigMap declares no RPO and is not checked.
 */
export function validateRpo(docs: readonly K8sDocument[]): Finding[] {
  const rpo = declaredRpo(docs);
  if (!rpo) return [];
  const out: Finding[] = [];
  // drills/ holds restore objects applied by hand (a recovery Cluster archives nothing): not backups
  for (const clock of docs.filter((d) => d.relPath.startsWith('kubernetes/')).flatMap(clocksOf)) {
    const base = { file: clock.doc.file, object: describeObject(clock.doc.object), path: clock.path };
    if (clock.minutes === undefined) {
      out.push({ ...base, rule: RPO_RULES.unreadableSchedule, message: `${clock.what} "${clock.raw}" cannot be read as a schedule, so its interval cannot be checked against the RPO of ${rpo.minutes} min; use a cron expression (or a PostgreSQL time such as 5min)` });
    } else if (clock.minutes > rpo.minutes) {
      const every = Number.isFinite(clock.minutes) ? `runs up to ${clock.minutes} min apart` : 'never runs';
      out.push({ ...base, rule: RPO_RULES.intervalExceedsRpo, message: `${clock.what} "${clock.raw}" ${every}, more than the RPO of ${rpo.minutes} min (dr.rpoMinutes, ${rpo.at}); run it more often or raise dr.rpoMinutes` });
    }
  }
  return out;
}
