/**
 * Where Helm values may hold keys the chart's values.yaml does not list.
 *
 * Path patterns are dot-separated segments (`\\.` is a dot inside a key); `*` matches one segment. A key is free-form when its
 * path (or a parent's path) matches. Decisions (see docs/validation.md):
 * - A key whose values.yaml default is `{}`, `null` or a list is free-form below it: charts render
 *   such maps verbatim (`toYaml`), so their keys cannot be known from values.yaml. The exception is the
 *   typed keys of {@link TYPED_KEYS}, which are checked against the Kubernetes API definitions.
 * - Lists are never descended into (values.yaml lists are examples, not a shape).
 * - The keys below are free-form in every chart: they are Kubernetes maps passed through verbatim.
 */
export const COMMON_FREE_FORM_KEYS: ReadonlySet<string> = new Set([
  'annotations',
  'labels',
  'podAnnotations',
  'podLabels',
  'commonLabels',
  'commonAnnotations',
  'deploymentAnnotations',
  'deploymentLabels',
  'serviceAnnotations',
  'serviceLabels',
  'extraEnv',
  'extraEnvVars',
  'extraArgs',
  'extraVolumes',
  'extraVolumeMounts',
  'extraContainers',
  'extraInitContainers',
  'extraObjects',
  'extraManifests',
  'additionalLabels',
  'additionalAnnotations',
]);

/**
 * Per-chart free-form paths (chart name -> path patterns), each with the reason it is free-form.
 * Subcharts whose values are not in the reference data are free-form as a whole.
 */
export const CHART_FREE_FORM_PATHS: Readonly<Record<string, readonly string[]>> = {
  'argo-cd': [
    // argocd-cm: every Argo CD setting is a key of this ConfigMap (`resource.customizations.*`, `timeout.*`, ...).
    'configs.cm',
    // argocd-cmd-params-cm: command-line parameters of every component, as ConfigMap keys.
    'configs.params',
    // argocd-rbac-cm: `policy.csv`, `policy.default`, `scopes`, `policy.<name>.csv` ...
    'configs.rbac',
    // Extra keys of argocd-secret (e.g. OIDC client secrets).
    'configs.secret.extra',
    // Maps keyed by repository / credential template / cluster name.
    'configs.repositories',
    'configs.credentialTemplates',
    'configs.clusterCredentials',
    // Config management plugins keyed by plugin name.
    'configs.cmp.plugins',
    // Notification services, templates, triggers and subscriptions keyed by name.
    'notifications.notifiers',
    'notifications.templates',
    'notifications.triggers',
    // redis-ha is a subchart whose values are not part of the reference data.
    'redis-ha',
  ],
  'kube-prometheus-stack': [
    // Subcharts whose values.yaml is not part of the reference data.
    'kube-state-metrics',
    'prometheus-node-exporter',
    'prometheus-windows-exporter',
    // Grafana subchart: checked against charts/grafana when present there, see SUBCHARTS.
    // Prometheus/Alertmanager specs are the CRD specs (validated by the operator), passed verbatim.
    'prometheus.prometheusSpec',
    'alertmanager.alertmanagerSpec',
    'alertmanager.config',
  ],
  falco: [
    // falcosidekick 0.12.x subchart (only the standalone 0.14.0 chart is in the reference data).
    'falcosidekick',
    // Falco's own configuration file (falco.yaml), rendered verbatim.
    'falco',
  ],
  loki: [
    // loki.yaml sections rendered verbatim into the Loki configuration.
    'loki.structuredConfig',
    'loki.limits_config',
    'loki.storage_config',
    'loki.schemaConfig',
    // minio subchart.
    'minio',
  ],
  'tempo-distributed': [
    // tempo.yaml overrides rendered verbatim.
    'config',
    'overrides',
    'global_overrides',
    'per_tenant_overrides',
    // minio subchart.
    'minio',
  ],
  grafana: [
    // grafana.ini sections and provisioning files rendered verbatim.
    'grafana\\.ini',
    'datasources',
    'dashboardProviders',
    'dashboards',
    'alerting',
  ],
  velero: [
    // Provider-specific BackupStorageLocation/VolumeSnapshotLocation config maps.
    'configuration.backupStorageLocation.*.config',
    'configuration.volumeSnapshotLocation.*.config',
    // Schedules keyed by schedule name.
    'schedules',
  ],
  istiod: [
    // MeshConfig is the istio.io API, passed verbatim into the mesh ConfigMap.
    'meshConfig',
    // Pilot environment variables (name -> value).
    'pilot.env',
  ],
  gatekeeper: [
    // Per-pod-type settings maps.
    'controllerManager.extraRules',
  ],
};

/**
 * Subcharts checked against their own chart's values.yaml: parent chart -> value key -> chart (the
 * version is the one pinned in the parent, taken from the reference data folder name).
 */
export const SUBCHARTS: Readonly<Record<string, Readonly<Record<string, { readonly chart: string; readonly version: string }>>>> = {
  'kube-prometheus-stack': { grafana: { chart: 'grafana', version: '12.11.1' } },
};

/**
 * Typed keys: Helm values that charts pass through as Kubernetes API structures. Checked against
 * the core API definitions of the target minor, wherever they appear with an object/list value.
 */
export const TYPED_KEYS: Readonly<Record<string, { readonly definitions: readonly string[]; readonly list?: boolean }>> = {
  resources: { definitions: ['io.k8s.api.core.v1.ResourceRequirements'] },
  affinity: { definitions: ['io.k8s.api.core.v1.Affinity'] },
  tolerations: { definitions: ['io.k8s.api.core.v1.Toleration'], list: true },
  topologySpreadConstraints: { definitions: ['io.k8s.api.core.v1.TopologySpreadConstraint'], list: true },
  podSecurityContext: { definitions: ['io.k8s.api.core.v1.PodSecurityContext'] },
  // Charts use `securityContext` for the container or (older charts) the pod: either is accepted.
  securityContext: { definitions: ['io.k8s.api.core.v1.SecurityContext', 'io.k8s.api.core.v1.PodSecurityContext'] },
  containerSecurityContext: { definitions: ['io.k8s.api.core.v1.SecurityContext'] },
};

/** True when `path` (segments) is at or below a free-form path of the chart, or ends in a common free-form key. */
export function isFreeForm(chart: string, path: readonly string[]): boolean {
  if (path.length > 0 && COMMON_FREE_FORM_KEYS.has(path[path.length - 1])) return true;
  return (CHART_FREE_FORM_PATHS[chart] ?? []).some((pattern) => {
    const segments = splitPattern(pattern);
    return segments.length <= path.length && segments.every((s, i) => s === '*' || s === path[i]);
  });
}

/** Splits a pattern on dots; `\\.` is a literal dot inside a key (`grafana\\.ini`). */
function splitPattern(pattern: string): string[] {
  return pattern.split(/(?<!\\)\./).map((s) => s.replace(/\\\./g, '.'));
}
