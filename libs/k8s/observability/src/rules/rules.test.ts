import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureEnvironment } from '@platform/config/testing';
import { parser } from '@prometheus-io/lezer-promql';
import { Testing } from 'cdk8s';
import { type AlertRule, headingAnchor, isAlertRule, type RuleGroup } from './alert-rules';
import { postgresBackupMaxAgeMinutes, postgresRules } from './data-rule-groups';
import { lokiRules, type LokiMetricsSource, mimirRules, type MimirMetricsSource } from './observability-rule-groups';
import { openBaoRules } from './security-rule-groups';
import { PlatformPrometheusRule } from './platform-prometheus-rule';
import { platformRuleGroups } from './platform-rule-groups';
import { ServiceLevelObjective } from './service-level-objective';

const RUNBOOKS = join(__dirname, '../../../../../docs/runbooks');
const gateway = { namespace: 'istio-ingress', workload: 'platform-gateway-istio' };
// prod's limits: 3 ingesters at replication factor 3 hold the global limit each
const mimir: MimirMetricsSource = { namespace: 'mimir', maxGlobalSeries: 500_000, maxSeriesPerIngester: 500_000, ingestionRateSamplesPerSecond: 100_000 };
const loki: LokiMetricsSource = { namespace: 'loki', maxGlobalStreams: 25_000, maxStreamsPerIngester: 25_000, ingestionRateBytesPerSecond: 16 * 2 ** 20 };
const all = platformRuleGroups({
  certManager: true,
  mesh: true,
  mimir,
  loki,
  ingressGateway: gateway,
  postgres: { backupSchedules: ['0 0 2 * * *', '0 0 */6 * * *'] },
  kafka: true,
  openbao: { namespace: 'openbao', job: 'openbao-internal' },
  externalSecrets: true,
  falco: true,
});

/** Offsets of PromQL syntax errors (lezer-promql, the Prometheus project's grammar). */
function promqlErrors(expr: string): number[] {
  const errors: number[] = [];
  parser.parse(expr).iterate({ enter: (n) => void (n.type.isError && errors.push(n.from)) });
  return errors;
}
const alertNamed = (name: string): AlertRule => {
  const found = all.flatMap((g) => g.rules.filter(isAlertRule)).find((r) => r.alert === name);
  if (!found) throw new Error(`no alert ${name}`);
  return found;
};

/** Heading anchors of a Markdown file. */
function anchors(file: string): Set<string> {
  const text = readFileSync(join(RUNBOOKS, file), 'utf8');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => headingAnchor(m[1])));
}

const slo = (patch: Partial<ConstructorParameters<typeof ServiceLevelObjective>[0]> = {}) =>
  new ServiceLevelObjective({ name: 'checkout', service: 'checkout', description: 'Checkout answers', sli: { good: 'sum(rate(ok_total[{{window}}]))', total: 'sum(rate(all_total[{{window}}]))' }, objectivePercent: 99.9, ...patch });

describe('platform PrometheusRule groups', () => {
  it('has the add-on groups of the layers that run, and an SLO group per entry point', () => {
    expect(all.map((g) => g.name)).toEqual([
      'platform-argocd',
      'platform-karpenter',
      'platform-nodes',
      'platform-mimir',
      'platform-loki',
      'platform-certificates',
      'platform-mesh',
      'platform-postgres',
      'platform-kafka',
      'platform-openbao',
      'platform-external-secrets',
      'platform-falco',
      'slo-argocd-api',
      'slo-ingress',
    ]);
    expect(platformRuleGroups({ certManager: false, mesh: false }).map((g) => g.name)).toEqual(['platform-argocd', 'platform-karpenter', 'platform-nodes', 'slo-argocd-api']);
    const alerts = all.flatMap((g) => g.rules.filter(isAlertRule).map((r) => r.alert));
    expect(alerts).toEqual(expect.arrayContaining(['ArgoCdAppDegraded', 'ArgoCdAppOutOfSync', 'KarpenterCloudProviderErrors', 'NodeUnderPressure', 'CertificateExpiresSoon', 'IstioXdsRejects', 'IngressGatewayHigh5xx', 'SloErrorBudgetBurn']));
  });

  it('every expression parses as PromQL', () => {
    for (const g of all) for (const r of g.rules) expect([g.name, 'alert' in r ? r.alert : r.record, promqlErrors(r.expr)]).toEqual([g.name, 'alert' in r ? r.alert : r.record, []]);
  });

  it('data layer: PostgreSQL down, replication lag, failed backups (Barman Cloud plugin metrics) and a backup age from the sparsest schedule', () => {
    expect(alertNamed('PostgresInstanceDown').expr).toBe('max by (namespace, pod) (cnpg_collector_up) == 0');
    expect(alertNamed('PostgresReplicationLagHigh').expr).toBe('max by (namespace, pod) (cnpg_pg_replication_lag) > 300');
    expect(alertNamed('PostgresBackupFailed').expr).toContain('barman_cloud_cloudnative_pg_io_last_failed_backup_timestamp');
    // daily (1440 min) is sparser than every 6 hours: two missed runs plus an hour
    expect(postgresBackupMaxAgeMinutes(['0 0 2 * * *', '0 0 */6 * * *'])).toBe(2 * 1440 + 60);
    expect(alertNamed('PostgresBackupTooOld').expr).toBe(
      'time() - max by (namespace, cluster) (label_replace(barman_cloud_cloudnative_pg_io_last_available_backup_timestamp > 0, "cluster", "$1", "pod", "(.+)-[0-9]+")) > 2940 * 60',
    );
    expect(postgresRules({ backupSchedules: ['0 0 */6 * * *'] }).rules.filter(isAlertRule).find((r) => r.alert === 'PostgresBackupTooOld')?.summary).toContain('older than 13 hours');
    expect(alertNamed('KafkaNoActiveController').expr).toBe('sum by (namespace) (kafka_controller_kafkacontroller_activecontrollercount) != 1');
    // consumer-group lag (Strimzi Kafka Exporter): above the threshold and not shrinking over the window
    expect(alertNamed('KafkaConsumerGroupLagHigh')).toMatchObject({
      expr: 'sum by (namespace, consumergroup, topic) (kafka_consumergroup_lag) > 100000 and sum by (namespace, consumergroup, topic) (delta(kafka_consumergroup_lag[15m])) >= 0',
      for: '15m',
      severity: 'warning',
      runbook: { file: 'observability-kafka.md', section: 'kafkaconsumergrouplaghigh' },
    });
  });

  it('rejects postgres rules without a backup schedule, or with one that does not recur', () => {
    expect(() => postgresRules({ backupSchedules: [] })).toThrow('backupSchedules is empty');
    expect(() => postgresBackupMaxAgeMinutes(['0 0 0 29 2 *'])).toThrow('runs fewer than twice a year; use a recurring schedule');
    expect(() => postgresBackupMaxAgeMinutes(['not a cron'])).toThrow('cron expression "not a cron" is invalid');
  });

  it('security layer: OpenBao sealed / without an active node / unscraped from its own vault_* metrics, Falco and External Secrets from their metrics', () => {
    const [sealed, noLeader, down] = openBaoRules({ namespace: 'vault', job: 'vault-internal' }).rules.filter(isAlertRule);
    // a scraped server that does not report unsealed = 1 (0, or the gauge expired because a sealed server stops refreshing it)
    expect(sealed.expr).toBe(
      'max by (namespace, pod) (up{namespace="vault",job="vault-internal"}) == 1 unless on (namespace, pod) (max by (namespace, pod) (vault_core_unsealed{namespace="vault",job="vault-internal"}) == 1)',
    );
    expect(noLeader.expr).toBe('(sum(vault_core_active{namespace="vault",job="vault-internal"}) or vector(0)) == 0');
    expect([down.alert, down.expr, down.severity]).toEqual(['OpenBaoMetricsDown', 'max by (namespace, pod) (up{namespace="vault",job="vault-internal"}) == 0', 'warning']);
    expect(alertNamed('FalcoCriticalEvents').expr).toContain('falcosecurity_falcosidekick_falco_events_total{priority_raw=~"critical|alert|emergency"}');
    expect(alertNamed('FalcoEventsNotDelivered').severity).toBe('critical');
    expect(alertNamed('ExternalSecretNotSynced').expr).toContain('externalsecret_status_condition{condition="Ready",status="False"}');
  });

  it("observability layer: Mimir's and Loki's discards by reason, the typed limits approached, and the mixins' request errors", () => {
    expect(alertNamed('MimirSamplesDiscardedByLimit')).toMatchObject({
      expr: 'sum by (user, reason) (rate(cortex_discarded_samples_total{namespace="mimir",reason=~"rate_limited|per_user_series_limit|per_metric_series_limit"}[5m])) > 0',
      for: '5m',
      severity: 'critical',
    });
    expect(alertNamed('MimirSamplesDiscarded')).toMatchObject({ expr: expect.stringContaining('reason!~"rate_limited|per_user_series_limit|per_metric_series_limit"'), for: '15m', severity: 'warning' });
    // the thresholds are the typed limits, not numbers of their own
    expect(alertNamed('MimirTenantNearSeriesLimit').expr).toBe(
      'max by (user) (sum by (user, pod) (cortex_ingester_memory_series_created_total{namespace="mimir"}) - sum by (user, pod) (cortex_ingester_memory_series_removed_total{namespace="mimir"})) > 0.8 * 500000',
    );
    expect(alertNamed('MimirTenantNearIngestionRateLimit').expr).toBe('sum by (user) (rate(cortex_distributor_received_samples_total{namespace="mimir"}[5m])) > 0.8 * 100000');
    expect(alertNamed('MimirRequestErrors')).toMatchObject({ expr: expect.stringMatching(/status_code=~"5..",status_code!~"529\|598".* > 1$/), for: '15m', severity: 'critical' });
    expect(alertNamed('LokiLogsDiscardedByLimit')).toMatchObject({
      expr: 'sum by (tenant, reason) (rate(loki_discarded_bytes_total{namespace="loki",reason=~"rate_limited|stream_limit|per_stream_rate_limit"}[5m])) > 0',
      severity: 'critical',
    });
    expect(alertNamed('LokiLogsDiscarded').expr).toBe('sum by (tenant, reason) (rate(loki_discarded_samples_total{namespace="loki",reason!~"rate_limited|stream_limit|per_stream_rate_limit"}[5m])) > 0');
    expect(alertNamed('LokiTenantNearStreamLimit').expr).toBe('max by (tenant) (sum by (tenant, pod) (loki_ingester_memory_streams{namespace="loki"})) > 0.8 * 25000');
    expect(alertNamed('LokiTenantNearIngestionRateLimit').expr).toBe('sum by (tenant) (rate(loki_distributor_bytes_received_total{namespace="loki"}[5m])) > 0.8 * 16777216');
    expect(alertNamed('LokiTenantNearIngestionRateLimit').description).toContain('ingestion_rate_mb (16 MiB/s');
    expect(alertNamed('LokiRequestErrors')).toMatchObject({ expr: expect.stringMatching(/status_code=~"5.."\}\[5m\]\)\) \/ .* > 10$/), for: '15m', severity: 'critical' });
    // another environment's limits give other thresholds
    const dev = mimirRules({ ...mimir, maxGlobalSeries: 150_000, maxSeriesPerIngester: 150_000, ingestionRateSamplesPerSecond: 10_000 }).rules.filter(isAlertRule);
    expect(dev.find((r) => r.alert === 'MimirTenantNearSeriesLimit')?.expr).toMatch(/> 0\.8 \* 150000$/);
    // without the sources the groups are not rendered
    expect(platformRuleGroups({ certManager: false, mesh: false }).map((g) => g.name)).not.toContain('platform-mimir');
  });

  it('rejects a store source with a bad namespace or a limit that is not positive, naming the field', () => {
    expect(() => mimirRules({ ...mimir, maxSeriesPerIngester: 0 })).toThrow('mimir alert rules: maxSeriesPerIngester is 0; it must be a positive number');
    expect(() => mimirRules({ ...mimir, namespace: 'Mimir' })).toThrow('mimir alert rules: namespace "Mimir" is not a DNS-1123 label');
    expect(() => lokiRules({ ...loki, ingestionRateBytesPerSecond: Number.NaN })).toThrow('loki alert rules: ingestionRateBytesPerSecond is NaN; it must be a positive number');
  });

  it('every alert has a runbook_url pointing at an existing section of docs/runbooks', () => {
    for (const g of all) {
      for (const r of g.rules.filter(isAlertRule)) {
        expect([r.alert, existsSync(join(RUNBOOKS, r.runbook.file))]).toEqual([r.alert, true]);
        expect([r.alert, anchors(r.runbook.file).has(r.runbook.section)]).toEqual([r.alert, true]);
      }
    }
  });

  it('renders one PrometheusRule with severity, summary, description and runbook_url on every alert', () => {
    const chart = Testing.chart();
    new PlatformPrometheusRule(chart, 'rules', { name: 'platform-rules', namespace: 'monitoring', groups: all, runbookBaseUrl: 'https://github.com/acme/platform/blob/main/docs/runbooks' });
    const [obj] = Testing.synth(chart) as { kind: string; spec: { groups: { name: string; rules: { alert: string; for: string; expr: unknown; labels: Record<string, string>; annotations: Record<string, string> }[] }[] } }[];
    expect(obj.kind).toBe('PrometheusRule');
    const degraded = obj.spec.groups[0].rules[0];
    expect(degraded).toMatchObject({ alert: 'ArgoCdAppDegraded', for: '15m', labels: { severity: 'critical' } });
    expect(degraded.annotations.runbook_url).toBe('https://github.com/acme/platform/blob/main/docs/runbooks/observability-argocd.md#argocdappdegraded');
    expect(typeof degraded.expr).toBe('string');
  });

  it('rejects a runbook base URL that is not https or ends in a slash, naming the field', () => {
    for (const runbookBaseUrl of ['http://git.acme.example/docs/runbooks', 'https://git.acme.example/docs/runbooks/']) {
      expect(() => fixtureEnvironment({ observability: { runbookBaseUrl } })).toThrow(/observability\.runbookBaseUrl: must be an https:\/\/ URL of the docs\/runbooks folder without a trailing slash/);
    }
  });

  it('rejects a duplicate group, an empty group and a bad duration, naming them', () => {
    const g: RuleGroup = { name: 'x', rules: [{ record: 'a:b:c', expr: 'up' }] };
    const make = (groups: RuleGroup[]) => () => new PlatformPrometheusRule(Testing.chart(), 'r', { name: 'r', namespace: 'monitoring', groups, runbookBaseUrl: 'https://x' });
    expect(make([g, g])).toThrow('PrometheusRule r: group "x" is declared twice');
    expect(make([{ name: 'e', rules: [] }])).toThrow('group "e" has no rules');
    const bad = { ...all[0].rules[0], for: '15 minutes' };
    expect(make([{ name: 'b', rules: [bad] }])).toThrow(/alert ArgoCdAppDegraded in group "b" has for "15 minutes"; use a Prometheus duration/);
  });
});

describe('ServiceLevelObjective', () => {
  it('records the error ratio over 5m, 30m, 1h and 6h from the good/total SLI', () => {
    const rules = slo().ruleGroup().rules;
    const recorded = rules.filter((r) => !isAlertRule(r));
    expect(recorded.map((r) => 'record' in r && r.record)).toEqual(['slo:sli_error:ratio_rate5m', 'slo:sli_error:ratio_rate30m', 'slo:sli_error:ratio_rate1h', 'slo:sli_error:ratio_rate6h']);
    expect(recorded[2]).toEqual({ record: 'slo:sli_error:ratio_rate1h', expr: '1 - ((sum(rate(ok_total[1h]))) / (sum(rate(all_total[1h]))))', labels: { slo: 'checkout', service: 'checkout' } });
  });

  it('pages at 14.4x over 1h/5m and 6x over 6h/30m for a 30-day window (SRE workbook)', () => {
    const s = slo();
    expect(s.errorBudget).toBe(0.001);
    const alerts = s.ruleGroup().rules.filter(isAlertRule);
    expect(alerts.map((a) => [a.labels?.['long_window'], a.severity])).toEqual([['1h', 'critical'], ['6h', 'critical']]);
    expect(alerts[0].expr).toBe('slo:sli_error:ratio_rate1h{slo="checkout"} > (14.4 * 0.001) and slo:sli_error:ratio_rate5m{slo="checkout"} > (14.4 * 0.001)');
    expect(alerts[1].expr).toBe('slo:sli_error:ratio_rate6h{slo="checkout"} > (6 * 0.001) and slo:sli_error:ratio_rate30m{slo="checkout"} > (6 * 0.001)');
    // the factors scale with the window: 28 days keeps the same budget shares
    expect(slo({ windowDays: 28 }).ruleGroup().rules.filter(isAlertRule)[0].expr).toContain('> (13.44 * 0.001)');
  });

  it('rejects an objective outside (0, 100), a bad name and an SLI without {{window}}, naming the field', () => {
    expect(() => slo({ objectivePercent: 100 })).toThrow('ServiceLevelObjective checkout: objectivePercent is 100; use a value above 0 and below 100');
    expect(() => slo({ name: 'Checkout' })).toThrow('ServiceLevelObjective Checkout: name must be a DNS-1123 label');
    expect(() => slo({ sli: { good: 'sum(rate(ok_total[5m]))', total: 'sum(rate(all_total[{{window}}]))' } })).toThrow('sli.good has no {{window}} rate window');
    expect(() => slo({ windowDays: 0 })).toThrow('windowDays is 0');
  });
});
