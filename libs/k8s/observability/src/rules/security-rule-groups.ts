import type { AlertRule, RuleGroup } from './alert-rules';

/** Runbook files of the security-layer alerts (docs/runbooks/). */
export const SECURITY_RUNBOOK_FILES = { openbao: 'observability-openbao.md', falco: 'observability-falco.md', externalSecrets: 'observability-external-secrets.md' } as const;

/** Falco priorities that page (falcosidekick's lower-case `priority_raw`). */
export const FALCO_PAGING_PRIORITIES = ['critical', 'alert', 'emergency'] as const;

const alert = (a: AlertRule): AlertRule => a;

/** Where OpenBao's scraped series come from (security layer's `OpenBaoAddon.scrapeMetrics`). */
export interface OpenBaoMetricsSource {
  readonly namespace: string;
  /** `job` label of the scraped servers. */
  readonly job: string;
}

/**
 * OpenBao, from its own metrics (every server scraped without a token, OpenBao keeps Vault's `vault_` names):
 * a server that is scraped but does not report itself unsealed (auto-unseal through KMS failed; a sealed server
 * stops refreshing `vault_core_unsealed`, which then expires from its metrics), a cluster without an active node
 * (Raft lost its leader or quorum: every login and secret read fails), and a server whose metrics cannot be read
 * (the two alerts above are blind for it).
 * @see https://openbao.org/docs/internals/telemetry/metrics/core-system
 */
export function openBaoRules(source: OpenBaoMetricsSource): RuleGroup {
  const runbook = (section: string) => ({ file: SECURITY_RUNBOOK_FILES.openbao, section });
  const selector = `{namespace="${source.namespace}",job="${source.job}"}`;
  return {
    name: 'platform-openbao',
    rules: [
      alert({
        alert: 'OpenBaoSealed',
        expr: `max by (namespace, pod) (up${selector}) == 1 unless on (namespace, pod) (max by (namespace, pod) (vault_core_unsealed${selector}) == 1)`,
        for: '5m',
        severity: 'critical',
        summary: 'OpenBao server {{ $labels.pod }} is sealed',
        description: 'The server answers its metrics but has not reported itself unsealed for 5 minutes (auto-unseal through AWS KMS failed); it serves no request, and the cluster loses its quorum if more servers seal.',
        runbook: runbook('openbaosealed'),
      }),
      alert({
        alert: 'OpenBaoNoActiveNode',
        // no series at all (every server gone or unscrapable) counts as no active node
        expr: `(sum(vault_core_active${selector}) or vector(0)) == 0`,
        for: '5m',
        severity: 'critical',
        summary: 'OpenBao has no active node',
        description: 'No OpenBao server has been active for 5 minutes (Raft leader lost, quorum lost, or every server sealed): External Secrets cannot refresh, and logins and secret reads fail.',
        runbook: runbook('openbaonoactivenode'),
      }),
      alert({
        alert: 'OpenBaoMetricsDown',
        expr: `max by (namespace, pod) (up${selector}) == 0`,
        for: '15m',
        severity: 'warning',
        summary: 'The metrics of OpenBao server {{ $labels.pod }} cannot be scraped',
        description: 'Alloy has failed to scrape the server for 15 minutes (pod not running, NetworkPolicy, listener configuration): OpenBaoSealed cannot see this server.',
        runbook: runbook('openbaometricsdown'),
      }),
    ],
  };
}

/**
 * Falco through falcosidekick's metrics. falcosidekick raises each event of `alertmanagerMinimumPriority` or higher
 * as an Alertmanager alert itself; these rules add a per-rule summary with a runbook, and catch events that stop
 * reaching Alertmanager or Loki.
 * @see https://github.com/falcosecurity/falcosidekick/blob/2.32.0/stats_prometheus.go
 */
export function falcoRules(): RuleGroup {
  const runbook = (section: string) => ({ file: SECURITY_RUNBOOK_FILES.falco, section });
  return {
    name: 'platform-falco',
    rules: [
      alert({
        alert: 'FalcoCriticalEvents',
        expr: `sum by (rule, k8s_ns_name) (increase(falcosecurity_falcosidekick_falco_events_total{priority_raw=~"${FALCO_PAGING_PRIORITIES.join('|')}"}[15m])) > 0`,
        for: '0m',
        // falcosidekick pages each event already; this is the team channel's summary per rule and namespace
        severity: 'warning',
        summary: 'Falco rule "{{ $labels.rule }}" fired {{ $value | humanize }} times in namespace {{ $labels.k8s_ns_name }} (15 minutes)',
        description: 'Falco reported events of priority critical or higher; read them in Loki and decide whether they are expected behaviour or an incident.',
        runbook: runbook('falcocriticalevents'),
      }),
      alert({
        alert: 'FalcoEventsNotDelivered',
        expr: 'sum by (destination) (increase(falcosecurity_falcosidekick_outputs_total{destination=~"alertmanager|loki",status="error"}[15m])) > 0',
        for: '15m',
        severity: 'critical',
        summary: 'falcosidekick fails to deliver Falco events to {{ $labels.destination }}',
        description: 'Deliveries of Falco events to {{ $labels.destination }} fail for 15 minutes: runtime detections are not alerted or not kept.',
        runbook: runbook('falcoeventsnotdelivered'),
      }),
    ],
  };
}

/**
 * External Secrets (controller metrics): an ExternalSecret that does not sync (OpenBao path not seeded, a property
 * missing, OpenBao unreachable). The Secret keeps its last value (`deletionPolicy: Retain`), so rotations stall.
 * @see https://external-secrets.io/latest/api/metrics/
 */
export function externalSecretsRules(): RuleGroup {
  return {
    name: 'platform-external-secrets',
    rules: [
      alert({
        alert: 'ExternalSecretNotSynced',
        expr: 'max by (exported_namespace, name) (externalsecret_status_condition{condition="Ready",status="False"}) == 1',
        for: '30m',
        severity: 'warning',
        summary: 'ExternalSecret {{ $labels.exported_namespace }}/{{ $labels.name }} does not sync',
        description: 'The ExternalSecret has not been Ready for 30 minutes: its Secret is missing or keeps an old value.',
        runbook: { file: SECURITY_RUNBOOK_FILES.externalSecrets, section: 'externalsecretnotsynced' },
      }),
    ],
  };
}
