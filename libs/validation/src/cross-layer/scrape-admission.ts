import type { K8sDocument } from '../dist-tree';
import { describeObject } from '../dist-tree';
import type { Finding } from '../finding';

type Obj = Record<string, unknown>;
const meta = (o: Obj): Obj => (o['metadata'] ?? {}) as Obj;
const spec = (o: Obj): Obj => (o['spec'] ?? {}) as Obj;
const labelsOf = (o: Obj): Obj => (meta(o)['labels'] ?? {}) as Obj;
const nsOf = (o: Obj): string => (typeof meta(o)['namespace'] === 'string' ? (meta(o)['namespace'] as string) : 'default');
const matches = (selector: Obj | undefined, labels: Obj): boolean => Object.entries((selector?.['matchLabels'] ?? {}) as Obj).every(([k, v]) => labels[k] === v);
const isWorkload = (o: Obj): boolean => ['Deployment', 'Rollout', 'StatefulSet'].includes(String(o['kind']));

/** Label of a namespace whose pods run in the ambient mesh. @see https://istio.io/latest/docs/ambient/usage/add-workloads/ */
const AMBIENT_LABEL = 'istio.io/dataplane-mode';

/**
 * XL-GP-006: the metrics scraper (Alloy) runs outside the mesh, so a golden-path ServiceMonitor port in an
 * ambient namespace is scrapeable only when the mesh admits plaintext there: a PeerAuthentication of the
 * namespace that selects the pods (or the whole namespace) makes that container port PERMISSIVE (`portLevelMtls`
 * or `mtls.mode`), and an ALLOW AuthorizationPolicy selecting them has a rule without `from` (a plaintext client
 * has no identity) whose `to` covers the port. The port is resolved ServiceMonitor `endpoints[].port` -> Service
 * port (by name) -> `targetPort` -> the container port of the selected workload.
 */
export function scrapeAdmissionFindings(docs: readonly K8sDocument[], rule: string, managed: (o: Obj) => boolean): Finding[] {
  const out: Finding[] = [];
  const ambient = new Set(docs.filter((d) => d.object['kind'] === 'Namespace' && labelsOf(d.object)[AMBIENT_LABEL] === 'ambient').map((d) => String(meta(d.object)['name'])));
  const inNs = (kind: string, ns: string) => docs.filter((d) => d.object['kind'] === kind && nsOf(d.object) === ns);
  for (const monitor of docs.filter((d) => d.object['kind'] === 'ServiceMonitor' && managed(d.object) && ambient.has(nsOf(d.object)))) {
    const ns = nsOf(monitor.object);
    const services = inNs('Service', ns).filter((s) => matches(spec(monitor.object)['selector'] as Obj | undefined, labelsOf(s.object)));
    ((spec(monitor.object)['endpoints'] ?? []) as Obj[]).forEach((endpoint, i) => {
      for (const svc of services) {
        const svcPort = ((spec(svc.object)['ports'] ?? []) as Obj[]).find((p) => p['name'] === endpoint['port']);
        if (!svcPort) continue;
        const selector = (spec(svc.object)['selector'] ?? {}) as Obj;
        for (const w of docs.filter((d) => isWorkload(d.object) && nsOf(d.object) === ns)) {
          const template = (spec(w.object)['template'] ?? {}) as Obj;
          const podLabels = labelsOf(template);
          if (!Object.entries(selector).every(([k, v]) => podLabels[k] === v)) continue;
          const target = svcPort['targetPort'] ?? svcPort['port'];
          const containerPorts = ((spec(template)['containers'] ?? []) as Obj[]).flatMap((c) => (c['ports'] ?? []) as Obj[]);
          const port = typeof target === 'number' ? target : Number(containerPorts.find((p) => p['name'] === target)?.['containerPort']);
          if (!Number.isInteger(port)) continue;
          const selects = (o: Obj): boolean => spec(o)['selector'] === undefined || matches(spec(o)['selector'] as Obj, podLabels);
          const permissive = inNs('PeerAuthentication', ns).some((pa) => {
            if (!selects(pa.object)) return false;
            const level = ((spec(pa.object)['portLevelMtls'] ?? {}) as Obj)[String(port)] as Obj | undefined;
            return (level?.['mode'] ?? ((spec(pa.object)['mtls'] ?? {}) as Obj)['mode']) === 'PERMISSIVE';
          });
          const allowed = inNs('AuthorizationPolicy', ns).some((ap) => {
            const s = spec(ap.object);
            if ((s['action'] ?? 'ALLOW') !== 'ALLOW' || !selects(ap.object)) return false;
            return ((s['rules'] ?? []) as Obj[]).some((r) => r['from'] === undefined && (r['to'] === undefined || ((r['to'] ?? []) as Obj[]).some((t) => (((t['operation'] ?? {}) as Obj)['ports'] as unknown[] | undefined)?.includes(String(port)) ?? true)));
          });
          const missing = [...(permissive ? [] : ['a PeerAuthentication making it PERMISSIVE (portLevelMtls)']), ...(allowed ? [] : ['an ALLOW AuthorizationPolicy rule without principals to it'])];
          if (missing.length > 0) {
            out.push({
              file: monitor.file,
              object: describeObject(monitor.object),
              path: `spec.endpoints[${i}].port`,
              rule,
              message: `scrapes port ${port} of ${String(meta(w.object)['name'])} in ambient namespace ${ns} from outside the mesh, but nothing admits the plaintext scrape there: add ${missing.join(' and ')} (the golden path's MetricsScrapeAdmission)`,
            });
          }
        }
      }
    });
  }
  return out;
}
