import type { K8sDocument } from '../dist-tree';
import { describeObject } from '../dist-tree';
import type { Finding } from '../finding';
import { type KnownLabels, selectorMatches } from './label-selector';
import { monitorTargets } from './monitor-targets';
import { objectIndex } from './object-index';

type Obj = Record<string, unknown>;
const meta = (o: Obj): Obj => (o['metadata'] ?? {}) as Obj;
const spec = (o: Obj): Obj => (o['spec'] ?? {}) as Obj;
const labelsOf = (o: Obj): Obj => (meta(o)['labels'] ?? {}) as Obj;

/** Label of a namespace whose pods run in the ambient mesh. @see https://istio.io/latest/docs/ambient/usage/add-workloads/ */
const AMBIENT_LABEL = 'istio.io/dataplane-mode';

/**
 * XL-GP-006: the metrics scraper (Alloy) runs outside the mesh, so a golden-path ServiceMonitor port in an
 * ambient namespace is scrapeable only when the mesh admits plaintext there: a PeerAuthentication of the
 * namespace that selects the pods (or the whole namespace) makes that container port PERMISSIVE (`portLevelMtls`
 * or `mtls.mode`), and an ALLOW AuthorizationPolicy selecting them has a rule without `from` (a plaintext client
 * has no identity) whose `to` covers the port. The port is resolved ServiceMonitor `endpoints[].port` -> Service
 * port (by name) -> `targetPort` -> the container port of the selected workload (`monitorTargets`); targets whose
 * workload the tree does not render are not checked.
 */
export function scrapeAdmissionFindings(docs: readonly K8sDocument[], rule: string, managed: (o: Obj) => boolean): Finding[] {
  const out: Finding[] = [];
  const index = objectIndex(docs);
  const ambient = new Set(index.ofKind('Namespace').filter((d) => labelsOf(d.object)[AMBIENT_LABEL] === 'ambient').map((d) => String(meta(d.object)['name'])));
  for (const monitor of index.ofKind('ServiceMonitor').filter((d) => managed(d.object))) {
    for (const target of monitorTargets(index, monitor)) {
      const { workload, namespace: ns } = target;
      const port = target.port.number;
      if (!workload || port === undefined || !ambient.has(ns)) continue;
      const pods: KnownLabels = target.pods;
      const selects = (o: Obj): boolean => spec(o)['selector'] === undefined || selectorMatches(spec(o)['selector'], pods) === 'yes';
      const permissive = index.inNamespace('PeerAuthentication', ns).some((pa) => {
        if (!selects(pa.object)) return false;
        const level = ((spec(pa.object)['portLevelMtls'] ?? {}) as Obj)[String(port)] as Obj | undefined;
        return (level?.['mode'] ?? ((spec(pa.object)['mtls'] ?? {}) as Obj)['mode']) === 'PERMISSIVE';
      });
      const allowed = index.inNamespace('AuthorizationPolicy', ns).some((ap) => {
        const s = spec(ap.object);
        if ((s['action'] ?? 'ALLOW') !== 'ALLOW' || !selects(ap.object)) return false;
        return ((s['rules'] ?? []) as Obj[]).some((r) => r['from'] === undefined && (r['to'] === undefined || ((r['to'] ?? []) as Obj[]).some((t) => (((t['operation'] ?? {}) as Obj)['ports'] as unknown[] | undefined)?.includes(String(port)) ?? true)));
      });
      const missing = [...(permissive ? [] : ['a PeerAuthentication making it PERMISSIVE (portLevelMtls)']), ...(allowed ? [] : ['an ALLOW AuthorizationPolicy rule without principals to it'])];
      if (missing.length > 0) {
        out.push({
          file: monitor.file,
          object: describeObject(monitor.object),
          path: target.path,
          rule,
          message: `scrapes port ${port} of ${String(meta(workload.object)['name'])} in ambient namespace ${ns} from outside the mesh, but nothing admits the plaintext scrape there: add ${missing.join(' and ')} (the golden path's MetricsScrapeAdmission)`,
        });
      }
    }
  }
  return out;
}
