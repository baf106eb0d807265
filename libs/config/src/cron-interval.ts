import { CronExpressionParser } from 'cron-parser';

/**
 * Fixed start of the interval scan (a Monday, 00:00 UTC), so results never depend on the clock.
 * Any start works: a 5-field cron repeats at most yearly, and the scan covers more than a year.
 */
export const CRON_SCAN_START = '2026-01-05T00:00:00Z';

/** Scan horizon of schedules that name days of the month or months: longer than a year, so they show their longest gap. */
export const CRON_SCAN_DAYS = 400;

/** Scan horizon of schedules with `*` as day of month and month: they repeat every week (plus a day for the wrap-around gap). */
export const CRON_SCAN_WEEKLY_DAYS = 8;

/**
 * Runs scanned at most (cron-parser takes ~0.2 ms a run): a full week of any schedule that runs at most every
 * 3 minutes (7 x 480 = 3360 runs), so weekday-only schedules show their weekend gap. More frequent schedules
 * are scanned for fewer days; their longest gap is still far below any RPO the schema accepts (5 minutes+)
 * unless they skip whole days, which such a short scan may miss.
 */
export const CRON_SCAN_MAX_RUNS = 4_000;

/**
 * True when `expression` is a 5-field cron expression (minute hour day-of-month month day-of-week)
 * that cron-parser accepts. Velero, CloudNativePG (6 fields, seconds first: use {@link cronFields})
 * and Kubernetes CronJobs read these in UTC here.
 */
export function isFiveFieldCron(expression: string): boolean {
  if (expression.trim().split(/\s+/).length !== 5) return false;
  try {
    CronExpressionParser.parse(expression, { tz: 'UTC' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The longest time between two consecutive runs of a cron schedule, in minutes: the worst-case age
 * of the newest backup taken on that schedule. Parsed with cron-parser in UTC; 5 fields, or 6 with
 * seconds first (CloudNativePG's ScheduledBackup). Scans from {@link CRON_SCAN_START} for
 * {@link CRON_SCAN_WEEKLY_DAYS} days (weekly-repeating schedules) or {@link CRON_SCAN_DAYS} days, at most
 * {@link CRON_SCAN_MAX_RUNS} runs.
 * @returns `Infinity` when the schedule runs fewer than twice in the scan (e.g. a fixed date)
 * @throws Error naming the expression when cron-parser rejects it
 * @see https://github.com/harrisiirak/cron-parser
 */
export function maxCronIntervalMinutes(expression: string): number {
  const start = new Date(CRON_SCAN_START);
  let parsed;
  try {
    parsed = CronExpressionParser.parse(expression, { tz: 'UTC', currentDate: start });
  } catch (e) {
    throw new Error(`cron expression "${expression}" is invalid: ${(e as Error).message}`, { cause: e });
  }
  const weekly = parsed.fields.dayOfMonth.isWildcard && parsed.fields.month.isWildcard;
  const end = start.getTime() + (weekly ? CRON_SCAN_WEEKLY_DAYS : CRON_SCAN_DAYS) * 86_400_000;
  let previous: number | undefined;
  let longest = 0;
  for (let i = 0; i < CRON_SCAN_MAX_RUNS; i++) {
    const t = parsed.next().getTime();
    if (t > end) break;
    if (previous !== undefined) longest = Math.max(longest, t - previous);
    previous = t;
  }
  return longest === 0 ? Number.POSITIVE_INFINITY : longest / 60_000;
}
