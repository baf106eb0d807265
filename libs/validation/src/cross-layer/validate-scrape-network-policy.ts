import { ALLOY } from '@platform/config';
import { applicationSources } from '../argocd-application-sources';
import type { K8sDocument, TerraformStackFile } from '../dist-tree';
import { describeObject } from '../dist-tree';
import type { Finding } from '../finding';
import { formatLabels } from './label-selector';
import { describePort, type MonitorTarget, monitorsOf, monitorTargets } from './monitor-targets';
import { type Cidr, type IngressClient, ingressVerdict, parseCidr } from './network-policy-admission';
import { asObject as obj, type ObjectIndex, objectIndex } from './object-index';

/** Rule ids of the scrape admission by NetworkPolicy. */
export const SCRAPE_NETWORK_POLICY_RULES = {
  /** A ServiceMonitor/PodMonitor target port is isolated by the namespace's NetworkPolicies and none admits the scraper on it. */
  notAdmitted: 'XL-OBS-006',
} as const;

type Obj = Record<string, unknown>;
const meta = (o: Obj): Obj => obj(o['metadata']);
const labelsOf = (o: Obj): Record<string, string> => Object.fromEntries(Object.entries(obj(meta(o)['labels'])).map(([k, v]) => [k, String(v)]));

/** Label the API server sets on every Namespace to its name. @see https://kubernetes.io/docs/reference/labels-annotations-taints/#kubernetes-io-metadata-name */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
/** Label the cluster baseline puts on an add-on's Namespace: the first add-on declaring it (`ClusterBaselineAddon.secureNamespaces`). */
const ADDON_LABEL = 'platform.io/addon';
/** Labels of a golden-path object (`Microservice`): managed by the platform, part of a tenant system. */
const GOLDEN_PATH_LABELS = { managedBy: 'app.kubernetes.io/managed-by', partOf: 'app.kubernetes.io/part-of', platform: 'platform' } as const;
/** Helm's release label on the pods of the upstream charts (the Alloy chart's selector labels). */
const RELEASE_LABEL = 'app.kubernetes.io/instance';

/** The pods that scrape every ServiceMonitor/PodMonitor target: their namespace and the pod labels certainly on them. */
export interface MetricsScraperPods {
  readonly namespace: string;
  readonly podLabels: Readonly<Record<string, string>>;
}

/**
 * The metrics scraper as the tree renders it: the ArgoCD Application of the Alloy collector add-on (`ALLOY` in
 * `@platform/config`, the one that scrapes ServiceMonitors and PodMonitors, ADR 0030): its destination namespace, and
 * `app.kubernetes.io/instance: <Helm release>` (`helm.releaseName`, default the Application name), the label the
 * chart puts on its pods.
 * @returns undefined when the tree renders no such Application (nothing scrapes the monitors)
 */
export function metricsScraperOf(index: ObjectIndex): MetricsScraperPods | undefined {
  const app = index.ofKind('Application').find((d) => String(d.object['apiVersion']).startsWith('argoproj.io/') && meta(d.object)['name'] === ALLOY.name);
  if (!app) return undefined;
  const namespace = obj(obj(app.object['spec'])['destination'])['namespace'];
  if (typeof namespace !== 'string') return undefined;
  const source = applicationSources(app.object as Parameters<typeof applicationSources>[0]).find((s) => s.chart !== undefined);
  return { namespace, podLabels: { [RELEASE_LABEL]: source?.helm?.releaseName ?? ALLOY.name } };
}

/**
 * The blocks the VPC CNI gives pods addresses from: the literal `cidr_block` of every `aws_vpc` and
 * `aws_vpc_ipv4_cidr_block_association` of the Terraform stacks.
 */
export function vpcCidrs(stacks: readonly TerraformStackFile[]): Cidr[] {
  const out: Cidr[] = [];
  for (const stack of stacks) {
    const resources = obj(stack.json['resource']);
    for (const type of ['aws_vpc', 'aws_vpc_ipv4_cidr_block_association']) {
      for (const r of Object.values(obj(resources[type]))) {
        const cidr = parseCidr(obj(r)['cidr_block']);
        if (cidr) out.push(cidr);
      }
    }
  }
  return out;
}

/** What to declare so the namespace admits the scraper on the target's port. */
function fixFor(target: MonitorTarget, scraper: MetricsScraperPods, index: ObjectIndex): string {
  const labels = labelsOf(target.monitor.object);
  if (labels[GOLDEN_PATH_LABELS.managedBy] === GOLDEN_PATH_LABELS.platform && labels[GOLDEN_PATH_LABELS.partOf] !== undefined) {
    return 'pass the collector to the tenant services as `scraper` (TenantServices/Microservice in libs/k8s/golden-path), which admits it on the actuator port';
  }
  const port = target.port.number !== undefined ? String(target.port.number) : `<container port number of ${target.port.name ?? 'the endpoint port'}>`;
  const pods = target.pods.complete || Object.keys(target.pods.labels).length === 0 ? '' : `, { name: '<pods>', labels: { ${Object.entries(target.pods.labels).map(([k, v]) => `'${k}': '${v}'`).join(', ')} } }`;
  const rule = `scrapeIngress(alloy.scraper, '<what>', [${port}]${pods})`;
  const addon = labelsOf(index.named('Namespace', target.namespace)?.object ?? {})[ADDON_LABEL];
  const owner = addon ? `the namespace ingress of add-on ${addon} (e.g. in its scrapeMetrics(scraper))` : `the ingress of namespace ${target.namespace}'s declaration`;
  return `declare ${rule} (libs/k8s/core/src/metrics-scraper.ts; metricsScrapeRule in the data layer) in ${owner}, or render a NetworkPolicy ingress rule from namespace ${scraper.namespace} on that port selecting those pods`;
}

/**
 * XL-OBS-006: every port a rendered ServiceMonitor or PodMonitor scrapes is admitted by the Kubernetes NetworkPolicies
 * of the target pods' namespace from the scraper's pods (the Alloy collector, {@link metricsScraperOf}). The targets
 * are resolved by `monitorTargets` (ServiceMonitor `endpoints[].port` -> Service port -> `targetPort` -> container port
 * of the selected workload; PodMonitor `podMetricsEndpoints[].port`/`portNumber`/`targetPort` -> container port), and
 * judged by `ingressVerdict` (Kubernetes NetworkPolicy semantics, the VPC CNI network policy agent enforces them). A
 * finding is reported only when the tree decides it: some Ingress policy certainly selects the pods and no policy that
 * may select them has a rule that may admit the scraper on the port. Pods and ports the tree does not render (charts
 * and operators create them at sync time) are judged by what the Services and monitor selectors require, so an
 * undecidable target is never reported. Not checked: the monitors charts render themselves (chart values such as
 * `serviceMonitor.enabled`, XL-OBS-005), CNI-specific policies, and the scraper's own egress.
 * @param stacks the Terraform stacks (the VPC CIDRs: the addresses pods have, for `ipBlock` peers)
 * @param scraper the scraper pods @default metricsScraperOf(the tree) (no scraper: no findings)
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
export function validateScrapeNetworkPolicies(stacks: readonly TerraformStackFile[], docs: readonly K8sDocument[], scraper: MetricsScraperPods | undefined = metricsScraperOf(objectIndex(docs))): Finding[] {
  if (!scraper) return [];
  const index = objectIndex(docs);
  const namespace = index.named('Namespace', scraper.namespace);
  const client: IngressClient = {
    namespace: scraper.namespace,
    namespaceLabels: { labels: { ...labelsOf(namespace?.object ?? {}), [NAMESPACE_NAME_LABEL]: scraper.namespace }, complete: false },
    podLabels: { labels: scraper.podLabels, complete: false },
    podCidrs: vpcCidrs(stacks),
  };
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const monitor of monitorsOf(index)) {
    for (const target of monitorTargets(index, monitor)) {
      const verdict = ingressVerdict(index.inNamespace('NetworkPolicy', target.namespace), target.pods, target.port, client);
      if (verdict.isolated !== 'yes' || verdict.allowed !== 'no') continue;
      const on = target.port.number !== undefined ? `on TCP ${target.port.number}` : target.port.name !== undefined ? `on named port ${target.port.name}` : 'on any TCP port';
      const message =
        `scrapes ${describePort(target.port)} of ${target.description} in namespace ${target.namespace}, but NetworkPolicies ${verdict.isolatingPolicies.join(', ')} isolate those pods for ingress ` +
        `and no policy selecting them admits the scraper (the ${scraper.namespace} pods ${formatLabels(scraper.podLabels)}) ${on}: the targets stay down and alerts on their metrics never fire. Fix: ${fixFor(target, scraper, index)}`;
      const key = `${monitor.file}\u0000${monitor.index}\u0000${target.path}\u0000${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ file: monitor.file, object: describeObject(monitor.object), path: target.path, rule: SCRAPE_NETWORK_POLICY_RULES.notAdmitted, message });
    }
  }
  return out;
}
