/**
 * kube-prometheus-stack default rule groups switched off, each with the reason. Every other group
 * stays on (chart default `true`): they are evaluated by the Mimir ruler against the metrics Alloy
 * scrapes from the same ServiceMonitors the rules were written for.
 * @see ../shared/upstream/charts/kube-prometheus-stack/88.5.3/values.yaml `defaultRules.rules`
 */
export const DISABLED_DEFAULT_RULES: Readonly<Record<string, string>> = {
  etcd: 'EKS runs etcd; it exposes no metrics endpoint to the cluster',
  kubeControllerManager: 'EKS control plane: the controller manager is not scrapeable',
  kubeSchedulerAlerting: 'EKS control plane: the scheduler is not scrapeable',
  kubeSchedulerRecording: 'EKS control plane: the scheduler is not scrapeable',
  kubeProxy: 'the EKS kube-proxy add-on binds its metrics to 127.0.0.1, so they are not scraped',
  windows: 'the platform runs no Windows nodes',
  prometheus: 'no Prometheus server runs (Alloy scrapes, Mimir stores); the Prometheus rules would never see a series',
};

/** `defaultRules.rules` value: every disabled group set to `false`, sorted by name. */
export function defaultRulesToggles(): Record<string, boolean> {
  return Object.fromEntries(Object.keys(DISABLED_DEFAULT_RULES).sort().map((k) => [k, false]));
}
