import type { Addon } from './addon';
import type { NetworkPort, NetworkRule, NetworkRulePods } from './addon-namespace';

/**
 * The pods that scrape ServiceMonitor/PodMonitor targets (the observability layer's collector,
 * `AlloyCollectorAddon.scraper`), as the add-ons that expose metrics take it: the peer they admit in their
 * NetworkPolicies, and the add-on serving the monitor CRDs their monitors need (they sync after it).
 */
export interface MetricsScraper {
  /** Namespace of the scraper pods. */
  readonly namespace: string;
  /** Pod labels of the scraper pods (matchLabels). */
  readonly podLabels: Readonly<Record<string, string>>;
  /** The add-on installing the `monitoring.coreos.com` CRDs (ServiceMonitor, PodMonitor). */
  readonly monitoringCrds: Addon;
}

/**
 * The NetworkPolicy ingress rule admitting `scraper` on `ports`, for every pod of the namespace or only `pods`.
 * Rendered by the baseline like every other rule of the add-on's namespace.
 */
export function scrapeIngress(scraper: MetricsScraper, description: string, ports: readonly number[], pods?: NetworkRulePods): NetworkRule {
  const networkPorts: NetworkPort[] = ports.map((port) => ({ port }));
  return { description: `metrics scrape: ${description}`, peer: { namespace: scraper.namespace, podLabels: scraper.podLabels }, ports: networkPorts, ...(pods ? { pods } : {}) };
}
