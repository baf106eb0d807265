import type { AlertRule, RuleGroup } from './alert-rules';

/** Runbook files of the stores' own alerts (docs/runbooks/). */
export const OBSERVABILITY_RUNBOOK_FILES = { mimir: 'observability-mimir.md', loki: 'observability-loki.md' } as const;

/**
 * Share of a per-tenant limit above which the stores warn, before anything is discarded: the mixins' warning
 * level for Mimir's instance limits (`MimirIngesterReachingSeriesLimit` at 0.8).
 * @see https://github.com/grafana/mimir/blob/mimir-distributed-5.6.0/operations/mimir-mixin/alerts/alerts.libsonnet
 */
export const LIMIT_WARNING_RATIO = 0.8;

/**
 * `reason` values of `cortex_discarded_samples_total` that mean a per-tenant limit was hit (the distributors'
 * ingestion rate limit, the ingesters' per-tenant and per-metric series limits), as opposed to samples a client
 * sent invalid (out of order, too old, bad labels).
 * @see https://github.com/grafana/mimir/blob/mimir-distributed-5.6.0/pkg/distributor/validate.go (`reasonRateLimited`)
 * @see https://github.com/grafana/mimir/blob/mimir-distributed-5.6.0/pkg/ingester/ingester.go (`reasonPerUserSeriesLimit`, `reasonPerMetricSeriesLimit`)
 */
export const MIMIR_LIMIT_DISCARD_REASONS = ['rate_limited', 'per_user_series_limit', 'per_metric_series_limit'] as const;

/**
 * `reason` values of `loki_discarded_samples_total` / `loki_discarded_bytes_total` that mean a per-tenant limit was
 * hit: the ingestion rate (`ingestion_rate_mb`), the active streams (`max_global_streams_per_user`) and the rate of
 * one stream (`per_stream_rate_limit`).
 * @see https://github.com/grafana/loki/blob/main/pkg/validation/validate.go
 */
export const LOKI_LIMIT_DISCARD_REASONS = ['rate_limited', 'stream_limit', 'per_stream_rate_limit'] as const;

/**
 * Share of 5xx answers per route above which the stores' requests alert, percent: the mixins' thresholds
 * (`MimirRequestErrors` 1 %, `LokiRequestErrors` 10 %). Mimir's 529 (rate limiting the client should retry) and 598
 * (a client too slow to send its body) are not errors, as in the mixin.
 * @see https://github.com/grafana/mimir/blob/mimir-distributed-5.6.0/operations/mimir-mixin/alerts/alerts.libsonnet
 * @see https://github.com/grafana/loki/blob/main/production/loki-mixin/alerts.libsonnet
 */
export const REQUEST_ERROR_PERCENT = { mimir: 1, loki: 10 } as const;

/** Rate window of every store expression: ten scrapes at `STORE_SCRAPE_INTERVAL`. */
const WINDOW = '5m';

/** Where Mimir's own series come from and the limits they are compared with (`MimirAddon.scrapeMetrics`). */
export interface MimirMetricsSource {
  /** Namespace of the Mimir pods (the `namespace` target label every expression selects). */
  readonly namespace: string;
  /** `max_global_series_per_user` (`observability.mimir.limits.maxGlobalSeries`), series before replication. */
  readonly maxGlobalSeries: number;
  /**
   * In-memory series of the tenant one ingester holds before it discards new ones (`per_user_series_limit`): Mimir
   * turns the global limit into a local one, `maxGlobalSeries` x replication factor / ingesters (per zone, divided by
   * the zones), so the ingester holding the most series of the tenant reaches the limit first.
   * @see https://github.com/grafana/mimir/blob/mimir-distributed-5.6.0/pkg/ingester/limiter.go (`convertGlobalToLocalLimit`)
   */
  readonly maxSeriesPerIngester: number;
  /** `ingestion_rate` (`observability.mimir.limits.ingestionRateSamplesPerSecond`), samples/s across the distributors. */
  readonly ingestionRateSamplesPerSecond: number;
}

/** Where Loki's own series come from and the limits they are compared with (`LokiAddon.scrapeMetrics`). */
export interface LokiMetricsSource {
  /** Namespace of the Loki pods (the `namespace` target label every expression selects). */
  readonly namespace: string;
  /** `max_global_streams_per_user` (`observability.loki.limits.maxGlobalStreams`), streams before replication. */
  readonly maxGlobalStreams: number;
  /**
   * Streams of the tenant one ingester holds before it discards lines of new ones (`stream_limit`):
   * `maxGlobalStreams` x replication factor / ingesters (per zone, divided by the zones).
   * @see https://grafana.com/docs/loki/latest/operations/request-validation-rate-limits/#stream_limit
   */
  readonly maxStreamsPerIngester: number;
  /** `ingestion_rate_mb` (`observability.loki.limits.ingestionRateMiBPerSecond`) in bytes/s (MiB x 2^20) across the distributors. */
  readonly ingestionRateBytesPerSecond: number;
}

const alert = (a: AlertRule): AlertRule => a;

/** @throws Error naming the rule group and the field for a namespace that is not a DNS-1123 label or a limit that is not a positive number */
function checkSource(group: string, source: Readonly<Record<string, string | number>>): void {
  for (const [field, value] of Object.entries(source)) {
    if (field === 'namespace') {
      if (typeof value !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value)) throw new Error(`${group} alert rules: namespace "${String(value)}" is not a DNS-1123 label; pass the store's namespace`);
    } else if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new Error(`${group} alert rules: ${field} is ${String(value)}; it must be a positive number (the store's configured limit)`);
    }
  }
}

/**
 * Mimir, from its own metrics (the chart's ServiceMonitors, `metaMonitoring.serviceMonitor`): samples discarded
 * because a per-tenant limit was hit (critical: those series are lost, alerts on them go blind) or because a client
 * sent invalid ones, the tenant's series on an ingester and its accepted sample rate approaching the limits configured
 * in `observability.mimir.limits` (warning: nothing is lost yet), and the mixin's `MimirRequestErrors`.
 * @throws Error naming the field for a bad source (see `checkSource`)
 * @see https://grafana.com/docs/mimir/latest/manage/mimir-runbooks/#err-mimir-max-series-per-user
 */
export function mimirRules(source: MimirMetricsSource): RuleGroup {
  checkSource('mimir', { ...source });
  const runbook = (section: string) => ({ file: OBSERVABILITY_RUNBOOK_FILES.mimir, section });
  const ns = `namespace="${source.namespace}"`;
  const limitReasons = MIMIR_LIMIT_DISCARD_REASONS.join('|');
  const discarded = (reasons: string) => `sum by (user, reason) (rate(cortex_discarded_samples_total{${ns},${reasons}}[${WINDOW}])) > 0`;
  const percent = LIMIT_WARNING_RATIO * 100;
  const requests = (extra: string) => `sum by (namespace, job, route) (rate(cortex_request_duration_seconds_count{${ns},route!~"ready"${extra}}[${WINDOW}]))`;
  return {
    name: 'platform-mimir',
    rules: [
      alert({
        alert: 'MimirSamplesDiscardedByLimit',
        expr: discarded(`reason=~"${limitReasons}"`),
        for: '5m',
        severity: 'critical',
        summary: 'Mimir discards {{ $value | humanize }} samples/s of tenant {{ $labels.user }} ({{ $labels.reason }})',
        description: `A per-tenant limit of observability.mimir.limits is reached (${limitReasons}: ingestion_rate ${source.ingestionRateSamplesPerSecond} samples/s, max_global_series_per_user ${source.maxGlobalSeries}); the discarded samples are lost, and alerts on new series stay silent until the limit is raised or the series cut.`,
        runbook: runbook('mimirsamplesdiscardedbylimit'),
      }),
      alert({
        alert: 'MimirSamplesDiscarded',
        expr: discarded(`reason!~"${limitReasons}"`),
        for: '15m',
        severity: 'warning',
        summary: 'Mimir discards {{ $value | humanize }} samples/s of tenant {{ $labels.user }} as invalid ({{ $labels.reason }})',
        description: 'For 15 minutes a client has been sending samples Mimir rejects (out of order, too old or too far in the future, bad labels); those series have gaps. The reason names the check.',
        runbook: runbook('mimirsamplesdiscarded'),
      }),
      alert({
        alert: 'MimirTenantNearSeriesLimit',
        // the tenant's in-memory series per ingester against the local limit the ingester enforces
        expr: `max by (user) (sum by (user, pod) (cortex_ingester_memory_series_created_total{${ns}}) - sum by (user, pod) (cortex_ingester_memory_series_removed_total{${ns}})) > ${LIMIT_WARNING_RATIO} * ${source.maxSeriesPerIngester}`,
        for: '15m',
        severity: 'warning',
        summary: `An ingester holds {{ $value | humanize }} series of tenant {{ $labels.user }}, over ${percent}% of its limit of ${source.maxSeriesPerIngester}`,
        description: `The tenant's in-memory series on one ingester have been above ${percent}% of the ${source.maxSeriesPerIngester} it accepts (max_global_series_per_user ${source.maxGlobalSeries} x replication factor / ingesters) for 15 minutes; at the limit Mimir discards every new series (MimirSamplesDiscardedByLimit, reason per_user_series_limit).`,
        runbook: runbook('mimirtenantnearserieslimit'),
      }),
      alert({
        alert: 'MimirTenantNearIngestionRateLimit',
        expr: `sum by (user) (rate(cortex_distributor_received_samples_total{${ns}}[${WINDOW}])) > ${LIMIT_WARNING_RATIO} * ${source.ingestionRateSamplesPerSecond}`,
        for: '15m',
        severity: 'warning',
        summary: `Mimir accepts {{ $value | humanize }} samples/s of tenant {{ $labels.user }}, over ${percent}% of ingestion_rate ${source.ingestionRateSamplesPerSecond}`,
        description: `The accepted sample rate has been above ${percent}% of ingestion_rate (${source.ingestionRateSamplesPerSecond} samples/s, observability.mimir.limits.ingestionRateSamplesPerSecond) for 15 minutes; beyond the rate and its burst the distributors reject whole pushes (reason rate_limited).`,
        runbook: runbook('mimirtenantnearingestionratelimit'),
      }),
      alert({
        alert: 'MimirRequestErrors',
        expr: `100 * ${requests(',status_code=~"5..",status_code!~"529|598"')} / ${requests('')} > ${REQUEST_ERROR_PERCENT.mimir}`,
        for: '15m',
        severity: 'critical',
        summary: `{{ $labels.job }} route {{ $labels.route }} answers {{ printf "%.2f" $value }}% of requests with 5xx`,
        description: `More than ${REQUEST_ERROR_PERCENT.mimir}% of the requests of one route of a Mimir component have failed for 15 minutes: on the distributor or ingester push routes samples are not stored (the writers retry, then drop), on the query routes Grafana, the ruler and the canary analysis get errors.`,
        runbook: runbook('mimirrequesterrors'),
      }),
    ],
  };
}

/**
 * Loki, from its own metrics (the chart's ServiceMonitor, `monitoring.serviceMonitor`): log lines discarded because a
 * per-tenant limit was hit (critical, in bytes/s like the rate limits) or because they were invalid (lines/s), the
 * tenant's streams on an ingester and its received bytes approaching the limits configured in
 * `observability.loki.limits` (warning), and the mixin's `LokiRequestErrors`.
 * @throws Error naming the field for a bad source (see `checkSource`)
 * @see https://grafana.com/docs/loki/latest/operations/request-validation-rate-limits/
 */
export function lokiRules(source: LokiMetricsSource): RuleGroup {
  checkSource('loki', { ...source });
  const runbook = (section: string) => ({ file: OBSERVABILITY_RUNBOOK_FILES.loki, section });
  const ns = `namespace="${source.namespace}"`;
  const limitReasons = LOKI_LIMIT_DISCARD_REASONS.join('|');
  const mib = source.ingestionRateBytesPerSecond / 2 ** 20;
  const percent = LIMIT_WARNING_RATIO * 100;
  const requests = (extra: string) => `sum by (namespace, job, route) (rate(loki_request_duration_seconds_count{${ns}${extra}}[${WINDOW}]))`;
  return {
    name: 'platform-loki',
    rules: [
      alert({
        alert: 'LokiLogsDiscardedByLimit',
        expr: `sum by (tenant, reason) (rate(loki_discarded_bytes_total{${ns},reason=~"${limitReasons}"}[${WINDOW}])) > 0`,
        for: '5m',
        severity: 'critical',
        summary: 'Loki discards {{ $value | humanize1024 }}B/s of logs of tenant {{ $labels.tenant }} ({{ $labels.reason }})',
        description: `A per-tenant limit is reached (${limitReasons}: ingestion_rate_mb ${mib} MiB/s, max_global_streams_per_user ${source.maxGlobalStreams}, or one stream above its own rate); Loki answers 429, and the lines the writers give up on are lost.`,
        runbook: runbook('lokilogsdiscardedbylimit'),
      }),
      alert({
        alert: 'LokiLogsDiscarded',
        expr: `sum by (tenant, reason) (rate(loki_discarded_samples_total{${ns},reason!~"${limitReasons}"}[${WINDOW}])) > 0`,
        for: '15m',
        severity: 'warning',
        summary: 'Loki discards {{ $value | humanize }} lines/s of tenant {{ $labels.tenant }} as invalid ({{ $labels.reason }})',
        description: 'For 15 minutes Loki has been rejecting log lines (too long, too old or too far in the future, out of order, bad labels); those lines are lost. The reason names the check.',
        runbook: runbook('lokilogsdiscarded'),
      }),
      alert({
        alert: 'LokiTenantNearStreamLimit',
        expr: `max by (tenant) (sum by (tenant, pod) (loki_ingester_memory_streams{${ns}})) > ${LIMIT_WARNING_RATIO} * ${source.maxStreamsPerIngester}`,
        for: '15m',
        severity: 'warning',
        summary: `An ingester holds {{ $value | humanize }} streams of tenant {{ $labels.tenant }}, over ${percent}% of its limit of ${source.maxStreamsPerIngester}`,
        description: `The tenant's active streams on one ingester have been above ${percent}% of the ${source.maxStreamsPerIngester} it accepts (max_global_streams_per_user ${source.maxGlobalStreams} x replication factor / ingesters) for 15 minutes; at the limit Loki discards every line of a new stream (LokiLogsDiscardedByLimit, reason stream_limit).`,
        runbook: runbook('lokitenantnearstreamlimit'),
      }),
      alert({
        alert: 'LokiTenantNearIngestionRateLimit',
        expr: `sum by (tenant) (rate(loki_distributor_bytes_received_total{${ns}}[${WINDOW}])) > ${LIMIT_WARNING_RATIO} * ${source.ingestionRateBytesPerSecond}`,
        for: '15m',
        severity: 'warning',
        summary: `Loki receives {{ $value | humanize1024 }}B/s of tenant {{ $labels.tenant }}, over ${percent}% of ingestion_rate_mb ${mib} MiB/s`,
        description: `The received log bytes have been above ${percent}% of ingestion_rate_mb (${mib} MiB/s, observability.loki.limits.ingestionRateMiBPerSecond) for 15 minutes; beyond the rate and its burst the distributors answer 429 (reason rate_limited).`,
        runbook: runbook('lokitenantnearingestionratelimit'),
      }),
      alert({
        alert: 'LokiRequestErrors',
        expr: `100 * ${requests(',status_code=~"5.."')} / ${requests('')} > ${REQUEST_ERROR_PERCENT.loki}`,
        for: '15m',
        severity: 'critical',
        summary: `{{ $labels.job }} route {{ $labels.route }} answers {{ printf "%.2f" $value }}% of requests with 5xx`,
        description: `More than ${REQUEST_ERROR_PERCENT.loki}% of the requests of one route of a Loki component have failed for 15 minutes: on the push routes log lines are not stored (Alloy retries, then drops), on the query routes Grafana gets errors.`,
        runbook: runbook('lokirequesterrors'),
      }),
    ],
  };
}
