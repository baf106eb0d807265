import type { K8sDocument } from '../dist-tree';
import { describeObject } from '../dist-tree';
import type { Finding } from '../finding';

/** Rule ids of the service mesh (ADR 0020). */
export const MESH_RULES = {
  /** An AuthorizationPolicy principal names a ServiceAccount that is not in the synthesized output. */
  unknownPrincipal: 'XL-MESH-001',
  /** A meshed namespace has no allow-nothing AuthorizationPolicy. */
  missingDefaultDeny: 'XL-MESH-002',
  /** An HTTPRoute backend is not a rendered Service. */
  unknownBackend: 'XL-MESH-003',
} as const;

/** Trust domain of the mesh's SPIFFE identities (`meshConfig.trustDomain`). */
const TRUST_DOMAIN = 'cluster.local';

type Obj = Record<string, unknown>;
const meta = (o: Obj): Obj => (o['metadata'] ?? {}) as Obj;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** True for an object of `kind` in API `group` (`''`: the core group, apiVersion `v1`). */
const isKind = (d: K8sDocument, group: string, kind: string): boolean =>
  d.object['kind'] === kind && (group === '' ? d.object['apiVersion'] === 'v1' : (str(d.object['apiVersion']) ?? '').startsWith(`${group}/`));

/**
 * ServiceAccounts that exist once the synthesized output is applied: rendered `v1/ServiceAccount`s,
 * plus the ones istiod creates for each rendered Gateway API `Gateway` it deploys (class `istio`:
 * `<gateway>-istio`; class `istio-waypoint`: `<gateway>`).
 * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/gateway-api/#automated-deployment
 */
export function knownServiceAccounts(docs: readonly K8sDocument[]): Set<string> {
  const out = new Set<string>();
  for (const d of docs) {
    const m = meta(d.object);
    const ns = str(m['namespace']) ?? 'default';
    if (isKind(d, '', 'ServiceAccount')) out.add(`${ns}/${String(m['name'])}`);
    if (isKind(d, 'gateway.networking.k8s.io', 'Gateway')) {
      const cls = str(((d.object['spec'] ?? {}) as Obj)['gatewayClassName']);
      if (cls === 'istio') out.add(`${ns}/${String(m['name'])}-istio`);
      if (cls === 'istio-waypoint') out.add(`${ns}/${String(m['name'])}`);
    }
  }
  return out;
}

/** True when a Namespace object carries a label that puts its pods in the mesh. */
function meshedNamespace(o: Obj): boolean {
  const labels = (meta(o)['labels'] ?? {}) as Obj;
  return labels['istio.io/dataplane-mode'] === 'ambient' || labels['istio-injection'] === 'enabled' || typeof labels['istio.io/rev'] === 'string';
}

/** True for the allow-nothing policy: no selector/targetRefs, ALLOW (default), no rules. */
function isDefaultDeny(o: Obj): boolean {
  const spec = (o['spec'] ?? {}) as Obj;
  return spec['selector'] === undefined && spec['targetRefs'] === undefined && spec['targetRef'] === undefined && (spec['action'] ?? 'ALLOW') === 'ALLOW' && (spec['rules'] === undefined || (Array.isArray(spec['rules']) && spec['rules'].length === 0));
}

/**
 * Cross-layer rules of the mesh:
 * - XL-MESH-001: every `source.principals` entry of an AuthorizationPolicy (`<trust domain>/ns/<ns>/sa/<sa>`)
 *   names a ServiceAccount of the synthesized output (`knownServiceAccounts`); wildcards (`*`) are reported too,
 *   since they admit identities nobody declared;
 * - XL-MESH-002: every Namespace labelled into the mesh has an allow-nothing AuthorizationPolicy;
 * - XL-MESH-003: every HTTPRoute `backendRef` of kind Service names a rendered Service (in the backendRef's
 *   namespace, default the route's).
 */
export function validateMesh(docs: readonly K8sDocument[]): Finding[] {
  const out: Finding[] = [];
  const accounts = knownServiceAccounts(docs);
  const services = new Set(docs.filter((d) => isKind(d, '', 'Service')).map((d) => `${str(meta(d.object)['namespace']) ?? 'default'}/${String(meta(d.object)['name'])}`));
  const policies = docs.filter((d) => isKind(d, 'security.istio.io', 'AuthorizationPolicy'));
  for (const d of policies) {
    const rules = (((d.object['spec'] ?? {}) as Obj)['rules'] ?? []) as Obj[];
    rules.forEach((rule, i) => {
      ((rule['from'] ?? []) as Obj[]).forEach((from, j) => {
        const principals = (((from['source'] ?? {}) as Obj)['principals'] ?? []) as unknown[];
        principals.forEach((p, k) => {
          const path = `spec.rules[${i}].from[${j}].source.principals[${k}]`;
          const m = typeof p === 'string' ? new RegExp(`^${TRUST_DOMAIN.replace('.', '\\.')}/ns/([^/*]+)/sa/([^/*]+)$`).exec(p) : null;
          if (!m) {
            out.push({ file: d.file, object: describeObject(d.object), path, rule: MESH_RULES.unknownPrincipal, message: `principal ${JSON.stringify(p)} is not ${TRUST_DOMAIN}/ns/<namespace>/sa/<serviceaccount> (no wildcards: admit declared identities only)` });
          } else if (!accounts.has(`${m[1]}/${m[2]}`)) {
            out.push({ file: d.file, object: describeObject(d.object), path, rule: MESH_RULES.unknownPrincipal, message: `principal ${p} names ServiceAccount ${m[1]}/${m[2]}, which the synthesized output does not contain; fix the flow (mesh.flows) or render the ServiceAccount` });
          }
        });
      });
    });
  }
  const denied = new Set(policies.filter((d) => isDefaultDeny(d.object)).map((d) => str(meta(d.object)['namespace']) ?? 'default'));
  for (const d of docs.filter((x) => isKind(x, '', 'Namespace') && meshedNamespace(x.object))) {
    const name = String(meta(d.object)['name']);
    if (!denied.has(name)) {
      out.push({ file: d.file, object: describeObject(d.object), path: 'metadata.labels', rule: MESH_RULES.missingDefaultDeny, message: `namespace ${name} is in the mesh but has no allow-nothing AuthorizationPolicy (spec: {}); every meshed namespace denies by default` });
    }
  }
  for (const d of docs.filter((x) => isKind(x, 'gateway.networking.k8s.io', 'HTTPRoute'))) {
    const ns = str(meta(d.object)['namespace']) ?? 'default';
    const rules = (((d.object['spec'] ?? {}) as Obj)['rules'] ?? []) as Obj[];
    rules.forEach((rule, i) => {
      ((rule['backendRefs'] ?? []) as Obj[]).forEach((ref, j) => {
        if ((ref['group'] ?? '') !== '' || (ref['kind'] ?? 'Service') !== 'Service') return;
        const target = `${str(ref['namespace']) ?? ns}/${String(ref['name'])}`;
        if (!services.has(target)) {
          out.push({ file: d.file, object: describeObject(d.object), path: `spec.rules[${i}].backendRefs[${j}].name`, rule: MESH_RULES.unknownBackend, message: `backend Service ${target} is not in the synthesized output; the route would answer 500` });
        }
      });
    });
  }
  return out;
}
