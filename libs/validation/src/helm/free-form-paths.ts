import { ARGOCD_CMD_PARAMS_KEYS } from './argocd-cmd-params';

/**
 * Where Helm values may hold keys the chart's values.yaml does not list.
 *
 * Path patterns are dot-separated segments (`\\.` is a dot inside a key); `*` matches one segment. A key is free-form when its
 * path (or a parent's path) matches. Decisions (see docs/validation.md):
 * - Every free-form path is declared: in {@link COMMON_FREE_FORM_KEYS} (by key name, any chart) or in
 *   {@link CHART_FREE_FORM_PATHS} (per chart). A `{}` or `null` default in values.yaml is NOT free-form by
 *   itself: keys below it are errors unless the path is declared.
 * - Typed keys ({@link TYPED_KEYS}) are checked against the Kubernetes API definitions instead.
 * - Lists are never descended into (values.yaml lists are examples, not a shape), except typed lists.
 * - The keys below are free-form in every chart: Kubernetes string maps (labels, annotations, node
 *   selectors) and pass-through manifests, rendered verbatim with `toYaml`.
 */
export const COMMON_FREE_FORM_KEYS: ReadonlySet<string> = new Set([
  // metadata.labels / metadata.annotations of the chart's objects (string maps).
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
  'additionalLabels',
  'additionalAnnotations',
  'serviceAccountAnnotations',
  // Pod nodeSelector (string map).
  'nodeSelector',
  // Extra command-line flags, as a map of flag -> value in most charts.
  'extraArgs',
  // Whole extra Kubernetes manifests: validated as objects only where the chart renders them, not here.
  'extraObjects',
  'extraManifests',
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
  ],
  'kube-prometheus-stack': [
    // Grafana subchart: checked against charts/grafana when present there, see SUBCHARTS.
    // Prometheus/Alertmanager specs are the CRD specs (validated by the operator), passed verbatim.
    'prometheus.prometheusSpec',
    'alertmanager.alertmanagerSpec',
    'alertmanager.config',
  ],
  falco: [
    // Falco's own configuration file (falco.yaml), rendered verbatim.
    'falco',
    // Rules files keyed by file name, each a YAML string mounted into /etc/falco/rules.d.
    'customRules',
  ],
  loki: [
    // loki.yaml sections rendered verbatim into the Loki configuration.
    'loki.structuredConfig',
    'loki.limits_config',
    'loki.storage_config',
    'loki.schemaConfig',
    'loki.compactor',
    // Bucket per purpose (chunks, ruler, admin): documented only as a comment in values.yaml, read by the storage templates.
    'loki.storage.bucketNames',
  ],
  'mimir-distributed': [
    // Mimir configuration merged over the chart's templated mimir.yaml (the Mimir configuration reference).
    'mimir.structuredConfig',
  ],
  'tempo-distributed': [
    // tempo.yaml overrides rendered verbatim.
    'config',
    'overrides',
    'global_overrides',
    'per_tenant_overrides',
    // tempo.yaml storage.trace.s3, rendered with toYaml (documented only as a comment in values.yaml).
    'storage.trace.s3',
  ],
  grafana: [
    // grafana.ini sections and provisioning files rendered verbatim.
    'grafana\\.ini',
    'datasources',
    'dashboardProviders',
    'dashboards',
    'alerting',
    // Provider name -> ConfigMap mounted into the provider folder; environment variable name -> valueFrom.
    'dashboardsConfigMaps',
    'envValueFrom',
    // The PodDisruptionBudget spec (minAvailable/maxUnavailable/unhealthyPodEvictionPolicy), values.yaml documents it only as comments (`podDisruptionBudget: {}`).
    'podDisruptionBudget',
    // Read by the templates (_helpers.tpl fullname, _pod.tpl priorityClassName, ingress.yaml ingressClassName), documented only as comments in values.yaml.
    'fullnameOverride',
    'priorityClassName',
    'ingress.ingressClassName',
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
    // istiod container environment variables (name -> value), e.g. PILOT_ENABLE_AMBIENT (the chart lifts its defaults to the top level).
    'env',
  ],
  'aws-load-balancer-controller': [
    // AWS tags (key -> value) the controller adds to every AWS resource it creates (--default-tags).
    'defaultTags',
    // AWS tags (key -> value) that identify the VPC (--aws-vpc-tags).
    'vpcTags',
    // PodDisruptionBudget spec fields (minAvailable / maxUnavailable), rendered verbatim into the PDB spec.
    'podDisruptionBudget',
  ],
  'cert-manager': [
    // Commented-out keys of values.yaml the templates read: PDB minAvailable/maxUnavailable and the existing ServiceAccount's name.
    'podDisruptionBudget.minAvailable',
    'webhook.podDisruptionBudget.minAvailable',
    'cainjector.podDisruptionBudget.minAvailable',
    'serviceAccount.name',
  ],
  openbao: [
    // Server container environment variables (name -> value), rendered verbatim by openbao.extraEnvironmentVars.
    'server.extraEnvironmentVars',
    // Not one securityContext but two, `pod` (PodSecurityContext) and `container` (SecurityContext), each
    // rendered verbatim; the security tests pin the values the platform sets.
    'server.statefulSet.securityContext',
  ],
  gatekeeper: [
    // Per-pod-type settings maps.
    'controllerManager.extraRules',
  ],
};

/**
 * Free-form maps whose keys are nevertheless a closed set (chart -> map path -> allowed keys and what they are).
 * The values stay free-form; a key outside the set (and outside the map's own keys in values.yaml) is a
 * HELM-KEY-001 error.
 */
export const CHART_KEYED_MAPS: Readonly<Record<string, Readonly<Record<string, { readonly keys: ReadonlySet<string>; readonly what: string; readonly source: string }>>>> = {
  'argo-cd': {
    'configs.params': { keys: ARGOCD_CMD_PARAMS_KEYS, what: 'argocd-cmd-params-cm key', source: 'ARGOCD_CMD_PARAMS_KEYS in libs/validation/src/helm/argocd-cmd-params.ts' },
  },
};

/**
 * Subcharts whose values.yaml is not in the reference data: their values are not validated, and the report
 * names each one that an Application sets (an `INFO` line), so the gap is never silent.
 * Parent chart -> value key -> why.
 */
export const UNVALIDATED_SUBCHARTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'argo-cd': { 'redis-ha': 'subchart redis-ha (DandyDeveloper/charts) has no reference data' },
  'kube-prometheus-stack': {
    'kube-state-metrics': 'subchart kube-state-metrics has no reference data',
    'prometheus-node-exporter': 'subchart prometheus-node-exporter has no reference data',
    'prometheus-windows-exporter': 'subchart prometheus-windows-exporter has no reference data',
  },
  falco: { falcosidekick: 'subchart falcosidekick 0.12.x has no reference data (only the standalone 0.14.0 chart)' },
  loki: { minio: 'subchart minio has no reference data', rollout_operator: 'subchart rollout-operator has no reference data' },
  'mimir-distributed': { minio: 'subchart minio has no reference data', rollout_operator: 'subchart rollout-operator has no reference data' },
  'tempo-distributed': { minio: 'subchart minio has no reference data' },
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
  // Extra pod spec entries, rendered verbatim into the pod template.
  extraEnv: { definitions: ['io.k8s.api.core.v1.EnvVar'], list: true },
  extraEnvVars: { definitions: ['io.k8s.api.core.v1.EnvVar'], list: true },
  extraVolumes: { definitions: ['io.k8s.api.core.v1.Volume'], list: true },
  extraVolumeMounts: { definitions: ['io.k8s.api.core.v1.VolumeMount'], list: true },
  extraContainers: { definitions: ['io.k8s.api.core.v1.Container'], list: true },
  extraInitContainers: { definitions: ['io.k8s.api.core.v1.Container'], list: true },
};

/** True when `path` (segments) is at or below a free-form path of the chart, or ends in a common free-form key. */
export function isFreeForm(chart: string, path: readonly string[]): boolean {
  if (path.length > 0 && COMMON_FREE_FORM_KEYS.has(path[path.length - 1])) return true;
  if (path.length > 0 && UNVALIDATED_SUBCHARTS[chart]?.[path[0]] !== undefined) return true;
  return (CHART_FREE_FORM_PATHS[chart] ?? []).some((pattern) => {
    const segments = splitPattern(pattern);
    return segments.length <= path.length && segments.every((s, i) => s === '*' || s === path[i]);
  });
}

/** Splits a pattern on dots; `\\.` is a literal dot inside a key (`grafana\\.ini`). */
function splitPattern(pattern: string): string[] {
  return pattern.split(/(?<!\\)\./).map((s) => s.replace(/\\\./g, '.'));
}
