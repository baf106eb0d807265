import { DEFAULT_NON_HEAP_MIB, JVM_NON_HEAP_ANNOTATION } from '@platform/config';
import type { K8sDocument } from '../dist-tree';
import { describeObject } from '../dist-tree';
import type { Finding } from '../finding';
import { routeAdmissionFindings } from './route-admission';
import { scrapeAdmissionFindings } from './scrape-admission';

/** Rule ids of the golden path (ADR 0040). */
export const GOLDEN_PATH_RULES = {
  /** A NetworkPolicy peer of a tenant service names pods no rendered workload of the namespace has (a caller that does not exist). */
  unknownCaller: 'XL-GP-001',
  /** An HTTPRoute in a tenant namespace sends to a service without SLO rules. */
  routeWithoutSlo: 'XL-GP-002',
  /** A JVM container's heap (MaxRAMPercentage or -Xmx) plus its non-heap does not fit its memory limit. */
  heapAboveLimit: 'XL-GP-003',
  /** An ExternalSecret reads an OpenBao path its namespace's role cannot read. */
  secretOutsideRole: 'XL-GP-004',
  /** A tenant service reads a Secret (or a key of it) that no ExternalSecret writes into its namespace. */
  undeliveredSecret: 'XL-GP-005',
  /** A tenant service's ServiceMonitor port in an ambient namespace is not admitted for the plaintext scrape from outside the mesh. */
  scrapeNotAdmitted: 'XL-GP-006',
  /**
   * A route (HTTPRoute, GRPCRoute) would be denied by a rendered ValidatingAdmissionPolicy: on the shared Gateway, a
   * tenant route without hostnames, with a hostname outside its Namespace's `platform.io/route-hostnames`, or with a
   * parent other than the tenant listener (ADR 0056).
   */
  routeNotAdmitted: 'XL-GP-007',
} as const;

/** ClusterSecretStore of OpenBao (security layer `OPENBAO_CLUSTER_SECRET_STORE`). */
const OPENBAO_STORE = 'openbao';


type Obj = Record<string, unknown>;
const meta = (o: Obj): Obj => (o['metadata'] ?? {}) as Obj;
const spec = (o: Obj): Obj => (o['spec'] ?? {}) as Obj;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const isWorkload = (o: Obj): boolean => (o['kind'] === 'Deployment' && o['apiVersion'] === 'apps/v1') || (o['kind'] === 'Rollout' && o['apiVersion'] === 'argoproj.io/v1alpha1') || (o['kind'] === 'StatefulSet' && o['apiVersion'] === 'apps/v1');
const TENANT_SERVICE_MANAGED = 'platform';

/** `512Mi`, `1Gi`, `1073741824`, `1G` -> MiB. */
export function memoryMiB(quantity: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(quantity);
  if (!m) return undefined;
  const n = Number(m[1]);
  const factor: Record<string, number> = { '': 1 / 1048576, Ki: 1 / 1024, Mi: 1, Gi: 1024, Ti: 1048576, k: 1000 / 1048576, M: 1e6 / 1048576, G: 1e9 / 1048576, T: 1e12 / 1048576 };
  return n * (factor[m[2] ?? ''] ?? 0);
}

/** `-Xmx1g` / `-Xmx768m` / `-Xmx1048576k` -> MiB. */
function xmxMiB(options: string): number | undefined {
  const m = /-Xmx(\d+)([kKmMgG]?)(?:\s|$)/.exec(options);
  if (!m) return undefined;
  const unit = (m[2] ?? '').toLowerCase();
  const n = Number(m[1]);
  return unit === 'g' ? n * 1024 : unit === 'm' ? n : unit === 'k' ? n / 1024 : n / 1048576;
}

/**
 * Cross-layer rules of the golden path (tenant services rendered by `Microservice`):
 * - XL-GP-001: every pod-label peer (`podSelector` without `namespaceSelector`) of a NetworkPolicy
 *   ingress rule of a platform-managed tenant service matches the pod template of a rendered
 *   workload in the same namespace: every caller exists;
 * - XL-GP-002: every HTTPRoute whose backend is a platform-managed tenant Service has a
 *   PrometheusRule with recording rules labelled with that service (its SLO);
 * - XL-GP-003: every container whose `JAVA_TOOL_OPTIONS` sets `-XX:MaxRAMPercentage` or `-Xmx` keeps
 *   heap + non-heap (`platform.io/jvm-non-heap-mib`, default `DEFAULT_NON_HEAP_MIB`) within its memory limit;
 * - XL-GP-004: every `ExternalSecret` on the ClusterSecretStore `openbao` reads keys under
 *   `<env>/<its namespace>/` only: the path the namespace's OpenBao role may read (security layer
 *   convention `<env>/<namespace>/<name>`, templated policy per consumer namespace);
 * - XL-GP-005: every Secret a platform-managed tenant workload reads (`secretKeyRef`, `envFrom`,
 *   `secret` volumes, not `optional`) is written into its namespace by an ExternalSecret, with the
 *   key read (its `data[].secretKey`; any key when it has `dataFrom`): no pod waits on a Secret that
 *   never comes (tenant namespaces hold no rendered Secrets, K8S-SECRET-001);
 * - XL-GP-006: every port a golden-path ServiceMonitor scrapes in an ambient namespace is admitted for the
 *   plaintext scrape from outside the mesh (PERMISSIVE PeerAuthentication and a principal-less ALLOW on it);
 * - XL-GP-007: every HTTPRoute and GRPCRoute is admitted by the tree's ValidatingAdmissionPolicies, evaluated with
 *   cel-js against the route's rendered Namespace: on the shared Gateway a tenant route claims only hostnames of
 *   its Namespace's `platform.io/route-hostnames` (ADR 0056).
 */
export function validateGoldenPath(docs: readonly K8sDocument[], env: string): Finding[] {
  const out: Finding[] = [];
  const workloads = docs.filter((d) => isWorkload(d.object));
  const podLabels = (d: K8sDocument): Obj => (meta((spec(d.object)['template'] ?? {}) as Obj)['labels'] ?? {}) as Obj;
  const managed = (o: Obj): boolean => ((meta(o)['labels'] ?? {}) as Obj)['app.kubernetes.io/managed-by'] === TENANT_SERVICE_MANAGED && ((meta(o)['labels'] ?? {}) as Obj)['app.kubernetes.io/part-of'] !== undefined;

  for (const d of docs.filter((x) => x.object['kind'] === 'NetworkPolicy' && managed(x.object))) {
    const ns = str(meta(d.object)['namespace']) ?? 'default';
    ((spec(d.object)['ingress'] ?? []) as Obj[]).forEach((rule, i) => {
      ((rule['from'] ?? []) as Obj[]).forEach((peer, j) => {
        if (peer['namespaceSelector'] !== undefined) return;
        const wanted = ((peer['podSelector'] as Obj | undefined)?.['matchLabels'] ?? {}) as Obj;
        const exists = workloads.some((w) => (str(meta(w.object)['namespace']) ?? 'default') === ns && Object.entries(wanted).every(([k, v]) => podLabels(w)[k] === v));
        if (!exists) {
          out.push({ file: d.file, object: describeObject(d.object), path: `spec.ingress[${i}].from[${j}].podSelector`, rule: GOLDEN_PATH_RULES.unknownCaller, message: `caller ${JSON.stringify(wanted)} matches no workload in namespace ${ns}; declare the calling service or remove it from callers` });
        }
      });
    });
  }

  const tenantServices = new Map(docs.filter((d) => d.object['kind'] === 'Service' && d.object['apiVersion'] === 'v1' && managed(d.object)).map((d) => [`${str(meta(d.object)['namespace'])}/${String(meta(d.object)['name'])}`, d]));
  const sloServices = new Set<string>();
  for (const d of docs.filter((x) => x.object['kind'] === 'PrometheusRule')) {
    const ns = str(meta(d.object)['namespace']) ?? 'default';
    for (const g of (spec(d.object)['groups'] ?? []) as Obj[]) {
      for (const r of (g['rules'] ?? []) as Obj[]) {
        const service = str(((r['labels'] ?? {}) as Obj)['service']);
        if (typeof r['record'] === 'string' && r['record'].startsWith('slo:') && service) sloServices.add(`${ns}/${service}`);
      }
    }
  }
  for (const d of docs.filter((x) => x.object['kind'] === 'HTTPRoute')) {
    const ns = str(meta(d.object)['namespace']) ?? 'default';
    const backends = ((spec(d.object)['rules'] ?? []) as Obj[]).flatMap((r) => (r['backendRefs'] ?? []) as Obj[]);
    const services = [...new Set(backends.map((b) => `${str(b['namespace']) ?? ns}/${String(b['name'])}`))].filter((s) => tenantServices.has(s));
    // a canary route sends to <service>-stable/-canary; the SLO belongs to <service>
    const owners = [...new Set(services.map((s) => { const svc = tenantServices.get(s); return `${ns}/${String(((meta(svc?.object ?? {})['labels'] ?? {}) as Obj)['app.kubernetes.io/name'])}`; }))];
    for (const owner of owners.filter((o) => !sloServices.has(o))) {
      out.push({ file: d.file, object: describeObject(d.object), path: 'spec.rules', rule: GOLDEN_PATH_RULES.routeWithoutSlo, message: `public route to ${owner} has no SLO rules (PrometheusRule recording slo:* with service="${owner.split('/')[1]}"); declare the service's slo` });
    }
  }

  for (const w of workloads) {
    const pod = (spec((spec(w.object)['template'] ?? {}) as Obj)) as Obj;
    const annotations = (meta((spec(w.object)['template'] ?? {}) as Obj)['annotations'] ?? {}) as Obj;
    const nonHeap = Number(annotations[JVM_NON_HEAP_ANNOTATION] ?? DEFAULT_NON_HEAP_MIB);
    ((pod['containers'] ?? []) as Obj[]).forEach((c, i) => {
      const options = str(((c['env'] ?? []) as Obj[]).find((e) => e['name'] === 'JAVA_TOOL_OPTIONS')?.['value']);
      const limit = str((((c['resources'] ?? {}) as Obj)['limits'] as Obj | undefined)?.['memory']);
      if (!options) return;
      const percent = /-XX:MaxRAMPercentage=(\d+(?:\.\d+)?)/.exec(options);
      const limitMiB = limit ? memoryMiB(limit) : undefined;
      const heap = xmxMiB(options) ?? (percent && limitMiB !== undefined ? Math.floor((limitMiB * Number(percent[1])) / 100) : undefined);
      if (heap === undefined) return;
      const path = `spec.template.spec.containers[${i}].env[JAVA_TOOL_OPTIONS]`;
      if (limitMiB === undefined) {
        out.push({ file: w.file, object: describeObject(w.object), path, rule: GOLDEN_PATH_RULES.heapAboveLimit, message: `container ${String(c['name'])} sizes a ${heap} MiB heap but sets no memory limit; set resources.limits.memory` });
      } else if (heap + nonHeap > limitMiB) {
        out.push({ file: w.file, object: describeObject(w.object), path, rule: GOLDEN_PATH_RULES.heapAboveLimit, message: `container ${String(c['name'])}: heap ${heap} MiB + non-heap ${nonHeap} MiB exceeds the memory limit ${limit} (${Math.round(limitMiB)} MiB); the kernel OOM-kills the JVM before it collects` });
      }
    });
  }
  for (const d of docs.filter((x) => x.object['kind'] === 'ExternalSecret' && str(x.object['apiVersion'])?.startsWith('external-secrets.io/'))) {
    const sp = spec(d.object);
    const store = (sp['secretStoreRef'] ?? {}) as Obj;
    if (store['kind'] !== 'ClusterSecretStore' || store['name'] !== OPENBAO_STORE) continue;
    const ns = str(meta(d.object)['namespace']) ?? 'default';
    const prefix = `${env}/${ns}/`;
    const keys: { path: string; key: unknown }[] = [
      ...((sp['data'] ?? []) as Obj[]).map((x, i) => ({ path: `spec.data[${i}].remoteRef.key`, key: ((x['remoteRef'] ?? {}) as Obj)['key'] })),
      ...((sp['dataFrom'] ?? []) as Obj[]).map((x, i) => ({ path: `spec.dataFrom[${i}].extract.key`, key: ((x['extract'] ?? {}) as Obj)['key'] })),
    ];
    for (const k of keys.filter((x) => x.key !== undefined)) {
      if (typeof k.key !== 'string' || !k.key.startsWith(prefix) || k.key.includes('..')) {
        out.push({ file: d.file, object: describeObject(d.object), path: k.path, rule: GOLDEN_PATH_RULES.secretOutsideRole, message: `OpenBao key ${JSON.stringify(k.key)} is outside ${prefix}, the only path namespace ${ns}'s role may read; store the secret under ${prefix}<name>` });
      }
    }
  }
  out.push(...undeliveredSecrets(docs, workloads));
  out.push(...scrapeAdmissionFindings(docs, GOLDEN_PATH_RULES.scrapeNotAdmitted, managed));
  out.push(...routeAdmissionFindings(docs, GOLDEN_PATH_RULES.routeNotAdmitted));
  return out;
}

/** XL-GP-005: the Secrets golden-path workloads read, against what ExternalSecrets write into their namespace. */
function undeliveredSecrets(docs: readonly K8sDocument[], workloads: readonly K8sDocument[]): Finding[] {
  const out: Finding[] = [];
  // `<namespace>/<secret>` -> the keys written, or 'any' when dataFrom may write further keys
  const written = new Map<string, Set<string> | 'any'>();
  for (const d of docs.filter((x) => x.object['kind'] === 'ExternalSecret' && str(x.object['apiVersion'])?.startsWith('external-secrets.io/'))) {
    const sp = spec(d.object);
    const name = str(((sp['target'] ?? {}) as Obj)['name']) ?? str(meta(d.object)['name']);
    const at = `${str(meta(d.object)['namespace']) ?? 'default'}/${name}`;
    written.set(at, ((sp['dataFrom'] ?? []) as Obj[]).length > 0 ? 'any' : new Set(((sp['data'] ?? []) as Obj[]).map((x) => String(x['secretKey']))));
  }
  const tenantWorkload = (o: Obj): boolean => {
    const l = (meta(o)['labels'] ?? {}) as Obj;
    return l['app.kubernetes.io/managed-by'] === TENANT_SERVICE_MANAGED && l['app.kubernetes.io/part-of'] !== undefined;
  };
  for (const w of workloads.filter((x) => tenantWorkload(x.object))) {
    const ns = str(meta(w.object)['namespace']) ?? 'default';
    const pod = spec((spec(w.object)['template'] ?? {}) as Obj);
    const reads: { path: string; secret: string; key?: string }[] = [];
    for (const [field, list] of [['initContainers', pod['initContainers']], ['containers', pod['containers']]] as const) {
      ((list ?? []) as Obj[]).forEach((c, i) => {
        ((c['env'] ?? []) as Obj[]).forEach((e) => {
          const ref = ((e['valueFrom'] ?? {}) as Obj)['secretKeyRef'] as Obj | undefined;
          if (ref && ref['optional'] !== true) reads.push({ path: `spec.template.spec.${field}[${i}].env[${String(e['name'])}]`, secret: String(ref['name']), key: String(ref['key']) });
        });
        ((c['envFrom'] ?? []) as Obj[]).forEach((e, j) => {
          const ref = e['secretRef'] as Obj | undefined;
          if (ref && ref['optional'] !== true) reads.push({ path: `spec.template.spec.${field}[${i}].envFrom[${j}]`, secret: String(ref['name']) });
        });
      });
    }
    ((pod['volumes'] ?? []) as Obj[]).forEach((v) => {
      const ref = v['secret'] as Obj | undefined;
      if (ref && ref['optional'] !== true) reads.push({ path: `spec.template.spec.volumes[${String(v['name'])}]`, secret: String(ref['secretName']) });
    });
    for (const r of reads) {
      const keys = written.get(`${ns}/${r.secret}`);
      if (!keys) {
        out.push({ file: w.file, object: describeObject(w.object), path: r.path, rule: GOLDEN_PATH_RULES.undeliveredSecret, message: `reads Secret ${ns}/${r.secret}, which no ExternalSecret writes into namespace ${ns}; deliver it (declared secrets, or the data credentials of ADR 0054) or stop reading it` });
      } else if (r.key !== undefined && keys !== 'any' && !keys.has(r.key)) {
        out.push({ file: w.file, object: describeObject(w.object), path: r.path, rule: GOLDEN_PATH_RULES.undeliveredSecret, message: `reads key "${r.key}" of Secret ${ns}/${r.secret}, whose ExternalSecret writes only ${[...keys].sort().join(', ') || 'no keys'}; add the key to its spec.data` });
      }
    }
  }
  return out;
}
