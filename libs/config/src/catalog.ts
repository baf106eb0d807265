import type { EnvironmentConfig } from './environment-schema';

/** Where a chart comes from. `repoURL` follows ArgoCD: OCI registries without the `oci://` prefix. */
export interface ChartCoordinates {
  readonly repoURL: string;
  readonly chart: string;
  /** Exact published chart version. */
  readonly version: string;
}

/**
 * The version catalog: every upstream chart the platform deploys, pinned exactly.
 * Keys are stable identifiers used in `addons.chartVersions` overrides.
 * @see ../shared/upstream/SOURCES.md for the provenance of each version
 */
export const CHART_CATALOG = {
  'argo-cd': { repoURL: 'https://argoproj.github.io/argo-helm', chart: 'argo-cd', version: '10.1.1' },
  'argo-rollouts': { repoURL: 'https://argoproj.github.io/argo-helm', chart: 'argo-rollouts', version: '2.41.0' },
  'tekton-operator': { repoURL: 'ghcr.io/tektoncd/operator/charts', chart: 'tekton-operator', version: '0.81.1' },
  'istio-base': { repoURL: 'https://istio-release.storage.googleapis.com/charts', chart: 'base', version: '1.30.3' },
  istiod: { repoURL: 'https://istio-release.storage.googleapis.com/charts', chart: 'istiod', version: '1.30.3' },
  'istio-gateway': { repoURL: 'https://istio-release.storage.googleapis.com/charts', chart: 'gateway', version: '1.30.3' },
  gatekeeper: { repoURL: 'https://open-policy-agent.github.io/gatekeeper/charts', chart: 'gatekeeper', version: '3.23.0' },
  falco: { repoURL: 'https://falcosecurity.github.io/charts', chart: 'falco', version: '9.1.0' },
  openbao: { repoURL: 'https://openbao.github.io/openbao-helm', chart: 'openbao', version: '0.29.2' },
  'external-secrets': { repoURL: 'https://charts.external-secrets.io', chart: 'external-secrets', version: '2.9.0' },
  'cert-manager': { repoURL: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.21.1' },
  'cloudnative-pg': { repoURL: 'https://cloudnative-pg.github.io/charts', chart: 'cloudnative-pg', version: '0.29.0' },
  'redis-operator': { repoURL: 'https://ot-container-kit.github.io/helm-charts', chart: 'redis-operator', version: '0.26.1' },
  'strimzi-kafka-operator': { repoURL: 'quay.io/strimzi-helm', chart: 'strimzi-kafka-operator', version: '1.2.0' },
  karpenter: { repoURL: 'public.ecr.aws/karpenter', chart: 'karpenter', version: '1.14.1' },
  'karpenter-crd': { repoURL: 'public.ecr.aws/karpenter', chart: 'karpenter-crd', version: '1.14.1' },
  'aws-load-balancer-controller': { repoURL: 'https://aws.github.io/eks-charts', chart: 'aws-load-balancer-controller', version: '3.5.0' },
  'external-dns': { repoURL: 'https://kubernetes-sigs.github.io/external-dns/', chart: 'external-dns', version: '1.21.1' },
  'kube-prometheus-stack': { repoURL: 'https://prometheus-community.github.io/helm-charts', chart: 'kube-prometheus-stack', version: '88.5.3' },
  grafana: { repoURL: 'https://grafana-community.github.io/helm-charts', chart: 'grafana', version: '12.11.1' },
  loki: { repoURL: 'https://grafana-community.github.io/helm-charts', chart: 'loki', version: '18.11.0' },
  'tempo-distributed': { repoURL: 'https://grafana-community.github.io/helm-charts', chart: 'tempo-distributed', version: '3.3.0' },
  alloy: { repoURL: 'https://grafana.github.io/helm-charts', chart: 'alloy', version: '1.11.1' },
  velero: { repoURL: 'https://vmware-tanzu.github.io/helm-charts', chart: 'velero', version: '12.1.0' },
} as const satisfies Record<string, ChartCoordinates>;

export type ChartKey = keyof typeof CHART_CATALOG;

/**
 * The chart coordinates an environment deploys: the catalog entry, with the environment's
 * `addons.chartVersions[key]` override applied when present.
 */
export function chartFor(env: EnvironmentConfig, key: ChartKey): ChartCoordinates {
  const base = CHART_CATALOG[key];
  const override = env.addons.chartVersions[key];
  return override ? { ...base, version: override } : base;
}
