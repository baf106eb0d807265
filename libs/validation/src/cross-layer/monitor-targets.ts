import type { K8sDocument } from '../dist-tree';
import { formatLabels, type KnownLabels, labelsRequiredBy, mapSelectorMatches, selectorMatches } from './label-selector';
import { asObject as obj, asObjects as list, namespaceOf, type ObjectIndex } from './object-index';

type Obj = Record<string, unknown>;
const meta = (o: Obj): Obj => obj(o['metadata']);
const spec = (o: Obj): Obj => obj(o['spec']);

/** Kinds whose pod template the tree may render, with where the template is. */
const WORKLOADS: Readonly<Record<string, string>> = {
  'apps/v1/Deployment': 'template',
  'apps/v1/StatefulSet': 'template',
  'apps/v1/DaemonSet': 'template',
  'apps/v1/ReplicaSet': 'template',
  'argoproj.io/v1alpha1/Rollout': 'template',
  'batch/v1/Job': 'template',
  'v1/Pod': 'pod',
};

/** A workload rendered in the tree with its pod template (`v1/Pod`: the object itself). */
export interface RenderedPods {
  readonly workload: K8sDocument;
  /** Labels of the pod template. */
  readonly labels: Readonly<Record<string, string>>;
  /** Every `ports[]` entry of the template's containers and init (sidecar) containers. */
  readonly ports: readonly { readonly name?: string; readonly containerPort: number; readonly protocol: string }[];
}

/** The pod template of a rendered workload, or undefined for other kinds. */
export function renderedPods(d: K8sDocument): RenderedPods | undefined {
  const where = WORKLOADS[`${String(d.object['apiVersion'])}/${String(d.object['kind'])}`];
  if (!where) return undefined;
  const template = where === 'pod' ? d.object : obj(spec(d.object)['template']);
  const podSpec = spec(template);
  const ports = [...list(podSpec['containers']), ...list(podSpec['initContainers'])].flatMap((c) =>
    list(c['ports']).map((p) => ({ ...(typeof p['name'] === 'string' ? { name: p['name'] } : {}), containerPort: Number(p['containerPort']), protocol: typeof p['protocol'] === 'string' ? p['protocol'] : 'TCP' })),
  );
  return { workload: d, labels: Object.fromEntries(Object.entries(obj(meta(template)['labels'])).map(([k, v]) => [k, String(v)])), ports };
}

/** The workloads of `namespace` whose pod template the tree renders. */
function workloadsIn(index: ObjectIndex, namespace: string): RenderedPods[] {
  return Object.keys(WORKLOADS).flatMap((k) => index.inNamespace(k.slice(k.lastIndexOf('/') + 1), namespace)).map(renderedPods).filter((p): p is RenderedPods => p !== undefined);
}

/**
 * The container port a monitor endpoint reaches, as far as the tree shows it.
 * - `number`: the port number, when known;
 * - `name`: the container port's name, when known (a numeric target on a rendered pod: the name its `ports[]` entry
 *   declares, if any);
 * - `podPortsKnown`: the pods are rendered, so their declared container ports are all known (a NetworkPolicy named
 *   port resolves only through them).
 */
export interface ContainerPortRef {
  readonly number?: number;
  readonly name?: string;
  readonly podPortsKnown: boolean;
}

/** One scrape target of a ServiceMonitor or PodMonitor endpoint: the pods and the container port Prometheus dials. */
export interface MonitorTarget {
  readonly monitor: K8sDocument;
  /** Index of the endpoint in `spec.endpoints` (ServiceMonitor) or `spec.podMetricsEndpoints` (PodMonitor). */
  readonly endpoint: number;
  /** JSON path of the endpoint field naming the port, e.g. `spec.endpoints[0].port`. */
  readonly path: string;
  /** Namespace of the target pods. */
  readonly namespace: string;
  /** Labels of the target pods: complete for a workload rendered in the tree, else what the selectors require. */
  readonly pods: KnownLabels;
  /** The workload whose pods serve the port, when the tree renders it. */
  readonly workload?: K8sDocument;
  /** The Service the endpoint goes through (ServiceMonitor), when the tree renders it. */
  readonly service?: K8sDocument;
  readonly port: ContainerPortRef;
  /** The target in words, for findings: `Deployment web`, `pods app=x (not rendered in the tree)`. */
  readonly description: string;
}

/** The port of a rendered pod that a Service `targetPort` or monitor endpoint names (number or container port name). */
function portOn(pods: RenderedPods, target: number | string): ContainerPortRef | undefined {
  if (typeof target === 'number') {
    const declared = pods.ports.find((p) => p.containerPort === target);
    return { number: target, ...(declared?.name !== undefined ? { name: declared.name } : {}), podPortsKnown: true };
  }
  const named = pods.ports.find((p) => p.name === target);
  return named ? { number: named.containerPort, name: target, podPortsKnown: true } : undefined;
}

/** A `targetPort`/`port` value as a number or a name; undefined when absent. */
function intOrString(v: unknown): number | string | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && v !== '') return /^\d+$/.test(v) ? Number(v) : v;
  return undefined;
}

/** Namespaces a monitor's `spec.namespaceSelector` names: `matchNames`, every namespace for `any: true` (`undefined`), else its own. */
function monitorNamespaces(monitor: Obj): readonly string[] | undefined {
  const sel = obj(spec(monitor)['namespaceSelector']);
  if (sel['any'] === true) return undefined;
  const names = Array.isArray(sel['matchNames']) ? sel['matchNames'].map(String) : [];
  return names.length > 0 ? names : [namespaceOf(monitor)];
}

function kindOf(d: K8sDocument, kind: string): boolean {
  return d.object['kind'] === kind && String(d.object['apiVersion'] ?? '').startsWith('monitoring.coreos.com/');
}

const kindName = (d: K8sDocument): string => `${String(d.object['kind'])} ${String(meta(d.object)['name'])}`;

/**
 * The scrape targets of a ServiceMonitor: each endpoint's `port` (a Service port name) resolved through the selected
 * Services (`spec.selector`, in `spec.namespaceSelector`'s namespaces, default the monitor's) to their `targetPort`
 * (default the Service port), then to the container port of the workloads the Service selects; a deprecated
 * `targetPort` names the container port directly. Where the tree stops, the target keeps what is known: the Service's
 * selector as the pods' labels and its `targetPort`; without a rendered Service, neither labels nor port (only the
 * namespace). An endpoint naming no port, a Service port that does not exist, a Service without selector and
 * `namespaceSelector.any` without a rendered Service yield no target (nothing to resolve).
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ServiceMonitor
 */
function serviceMonitorTargets(index: ObjectIndex, monitor: K8sDocument): MonitorTarget[] {
  const out: MonitorTarget[] = [];
  const s = spec(monitor.object);
  const namespaces = monitorNamespaces(monitor.object);
  const candidates = namespaces ? namespaces.flatMap((ns) => index.inNamespace('Service', ns)) : index.ofKind('Service');
  const services = candidates.filter((svc) => svc.object['apiVersion'] === 'v1' && selectorMatches(s['selector'], { labels: obj(meta(svc.object)['labels']) as Record<string, string>, complete: true }) === 'yes');
  list(s['endpoints']).forEach((endpoint, i) => {
    const byName = typeof endpoint['port'] === 'string' ? endpoint['port'] : undefined;
    const direct = byName === undefined ? intOrString(endpoint['targetPort']) : undefined;
    if (byName === undefined && direct === undefined) return;
    const at = { monitor, endpoint: i, path: `spec.endpoints[${i}].${byName !== undefined ? 'port' : 'targetPort'}` };
    if (services.length === 0) {
      for (const ns of namespaces ?? []) {
        out.push({ ...at, namespace: ns, pods: { labels: {}, complete: false }, port: { podPortsKnown: false }, description: `the pods behind the Services selected by ${formatLabels(labelsRequiredBy(s['selector']).labels)} (not rendered in the tree)` });
      }
      return;
    }
    for (const svc of services) {
      const ns = namespaceOf(svc.object);
      const selector = spec(svc.object)['selector'];
      if (!selector || Object.keys(obj(selector)).length === 0) continue;
      let target = direct;
      if (byName !== undefined) {
        const svcPort = list(spec(svc.object)['ports']).find((p) => p['name'] === byName);
        if (!svcPort) continue;
        target = intOrString(svcPort['targetPort']) ?? intOrString(svcPort['port']);
      }
      if (target === undefined) continue;
      const rendered = workloadsIn(index, ns).filter((w) => mapSelectorMatches(selector, { labels: w.labels, complete: true }) === 'yes');
      for (const pods of rendered) {
        const port = portOn(pods, target);
        if (port) out.push({ ...at, namespace: ns, pods: { labels: pods.labels, complete: true }, workload: pods.workload, service: svc, port, description: kindName(pods.workload) });
      }
      if (rendered.length === 0) {
        const labels = Object.fromEntries(Object.entries(obj(selector)).map(([k, v]) => [k, String(v)]));
        const port: ContainerPortRef = typeof target === 'number' ? { number: target, podPortsKnown: false } : { name: target, podPortsKnown: false };
        out.push({ ...at, namespace: ns, pods: { labels, complete: false }, service: svc, port, description: `the pods of Service ${String(meta(svc.object)['name'])} (${formatLabels(labels)}; not rendered in the tree)` });
      }
    }
  });
  return out;
}

/**
 * The scrape targets of a PodMonitor: each endpoint's `port` (a container port name), `portNumber` or deprecated
 * `targetPort` on the pods `spec.selector` selects in `spec.namespaceSelector`'s namespaces (default the monitor's).
 * Pods rendered in the tree resolve the port (a name they do not declare yields no target); otherwise the target's
 * labels are what the selector requires and the port is what the endpoint names.
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.PodMonitor
 */
function podMonitorTargets(index: ObjectIndex, monitor: K8sDocument): MonitorTarget[] {
  const out: MonitorTarget[] = [];
  const s = spec(monitor.object);
  const namespaces = monitorNamespaces(monitor.object);
  if (!namespaces) return out;
  list(s['podMetricsEndpoints']).forEach((endpoint, i) => {
    const field = ['port', 'portNumber', 'targetPort'].find((f) => intOrString(endpoint[f]) !== undefined);
    if (field === undefined) return;
    const target = intOrString(endpoint[field]) as number | string;
    const at = { monitor, endpoint: i, path: `spec.podMetricsEndpoints[${i}].${field}` };
    for (const ns of namespaces) {
      const rendered = workloadsIn(index, ns).filter((w) => selectorMatches(s['selector'], { labels: w.labels, complete: true }) === 'yes');
      for (const pods of rendered) {
        const port = portOn(pods, target);
        if (port) out.push({ ...at, namespace: ns, pods: { labels: pods.labels, complete: true }, workload: pods.workload, port, description: kindName(pods.workload) });
      }
      if (rendered.length === 0) {
        const pods = labelsRequiredBy(s['selector']);
        const port: ContainerPortRef = typeof target === 'number' ? { number: target, podPortsKnown: false } : { name: target, podPortsKnown: false };
        out.push({ ...at, namespace: ns, pods, port, description: `pods ${formatLabels(pods.labels)} (not rendered in the tree)` });
      }
    }
  });
  return out;
}

/**
 * Every scrape target of a rendered `monitoring.coreos.com` ServiceMonitor or PodMonitor (empty for other objects),
 * in endpoint order: see {@link MonitorTarget} for what is known of each.
 */
export function monitorTargets(index: ObjectIndex, monitor: K8sDocument): MonitorTarget[] {
  if (kindOf(monitor, 'ServiceMonitor')) return serviceMonitorTargets(index, monitor);
  if (kindOf(monitor, 'PodMonitor')) return podMonitorTargets(index, monitor);
  return [];
}

/** Every `monitoring.coreos.com` ServiceMonitor of the tree, then every PodMonitor, each in tree order. */
export function monitorsOf(index: ObjectIndex): K8sDocument[] {
  return [...index.ofKind('ServiceMonitor'), ...index.ofKind('PodMonitor')].filter((d) => kindOf(d, 'ServiceMonitor') || kindOf(d, 'PodMonitor'));
}

/** The port in words: `8081 (management)`, `8081`, `named port management`, or `an unresolved port`. */
export function describePort(port: ContainerPortRef): string {
  if (port.number !== undefined) return port.name !== undefined ? `${port.number} (${port.name})` : String(port.number);
  return port.name !== undefined ? `named port ${port.name}` : 'a port the tree does not show';
}
