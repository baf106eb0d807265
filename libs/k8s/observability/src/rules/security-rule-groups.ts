import type { AlertRule, RuleGroup } from './alert-rules';

/** Runbook files of the security-layer alerts (docs/runbooks/). */
export const SECURITY_RUNBOOK_FILES = { openbao: 'observability-openbao.md', falco: 'observability-falco.md', externalSecrets: 'observability-external-secrets.md' } as const;

/**
 * Pod labels OpenBao's Kubernetes service registration keeps on its server pods (`"true"`/`"false"`), exported by
 * kube-state-metrics as `kube_pod_labels{label_openbao_sealed=...}` (see {@link KSM_POD_LABELS_ALLOWLIST}).
 * @see https://github.com/openbao/openbao/blob/v2.6.2/internal/serviceregistration/kubernetes/service_registration.go
 */
export const OPENBAO_STATE_POD_LABELS = { sealed: 'openbao-sealed', active: 'openbao-active' } as const;

/** kube-state-metrics `--metric-labels-allowlist` entry exporting those labels (no other pod label is exported). */
export const KSM_POD_LABELS_ALLOWLIST = `pods=[${OPENBAO_STATE_POD_LABELS.active},${OPENBAO_STATE_POD_LABELS.sealed}]`;

/** Falco priorities that page (falcosidekick's lower-case `priority_raw`). */
export const FALCO_PAGING_PRIORITIES = ['critical', 'alert', 'emergency'] as const;

const alert = (a: AlertRule): AlertRule => a;

/** The `label_<name>` kube-state-metrics gives a pod label (non-alphanumerics become `_`). */
const ksmLabel = (label: string): string => `label_${label.replace(/[^a-zA-Z0-9_]/g, '_')}`;

/**
 * OpenBao, from the labels its service registration keeps on the server pods (its own metrics endpoint needs a
 * token): a sealed server (auto-unseal through KMS failed) and a cluster without an active node (Raft lost its
 * leader or quorum: every login and secret read fails).
 */
export function openBaoRules(namespace: string): RuleGroup {
  const runbook = (section: string) => ({ file: SECURITY_RUNBOOK_FILES.openbao, section });
  const sealed = ksmLabel(OPENBAO_STATE_POD_LABELS.sealed);
  const active = ksmLabel(OPENBAO_STATE_POD_LABELS.active);
  return {
    name: 'platform-openbao',
    rules: [
      alert({
        alert: 'OpenBaoSealed',
        expr: `max by (namespace, pod) (kube_pod_labels{namespace="${namespace}",${sealed}="true"}) == 1`,
        for: '5m',
        severity: 'critical',
        summary: 'OpenBao server {{ $labels.pod }} is sealed',
        description: 'The server has not unsealed itself through AWS KMS for 5 minutes; it serves no request, and the cluster loses its quorum if more servers seal.',
        runbook: runbook('openbaosealed'),
      }),
      alert({
        alert: 'OpenBaoNoActiveNode',
        // no series at all (every pod gone) counts as no active node
        expr: `(sum(kube_pod_labels{namespace="${namespace}",${active}="true"}) or vector(0)) == 0`,
        for: '5m',
        severity: 'critical',
        summary: 'OpenBao has no active node',
        description: 'No OpenBao server has been active for 5 minutes (Raft leader lost, quorum lost, or every server sealed): External Secrets cannot refresh, and logins and secret reads fail.',
        runbook: runbook('openbaonoactivenode'),
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
