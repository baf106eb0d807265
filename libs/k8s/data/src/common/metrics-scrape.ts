import type { NetworkRule } from '@platform/k8s-core';
import { OBSERVABILITY_NAMESPACES } from '@platform/k8s-observability';

/** Ingress of the Alloy collector (which scrapes every ServiceMonitor/PodMonitor target) to the exporter ports of `what`. */
export function metricsScrapeRule(what: string, ports: readonly number[]): NetworkRule {
  return { description: `metrics scrape of ${what} (Alloy)`, peer: { namespace: OBSERVABILITY_NAMESPACES.alloy }, ports: ports.map((port) => ({ port })) };
}
