import type { K8sDocument } from '../dist-tree';

/**
 * The Kubernetes objects of a tree by kind and namespace, built in one pass, so a cross-layer rule looks up "the
 * NetworkPolicies of namespace x" without scanning every object again.
 */
export interface ObjectIndex {
  /** Every object of `kind` (any apiVersion), in tree order. */
  ofKind(kind: string): readonly K8sDocument[];
  /** The objects of `kind` whose `metadata.namespace` is `namespace` (`default` when unset), in tree order. */
  inNamespace(kind: string, namespace: string): readonly K8sDocument[];
  /** The cluster-scoped object of `kind` named `name` (e.g. a `Namespace`), the first one in tree order. */
  named(kind: string, name: string): K8sDocument | undefined;
}

/** A value as a JSON object: itself when it is one, else `{}` (absent and malformed fields read as empty). */
export function asObject(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** A value as a list of JSON objects: each entry via {@link asObject}, `[]` when it is not an array. */
export function asObjects(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.map(asObject) : [];
}

/** `metadata.namespace` of an object, `default` when unset (what the API server applies to a namespaced kind). */
export function namespaceOf(object: Record<string, unknown>): string {
  const ns = ((object['metadata'] ?? {}) as Record<string, unknown>)['namespace'];
  return typeof ns === 'string' ? ns : 'default';
}

const EMPTY: readonly K8sDocument[] = [];
const indexes = new WeakMap<readonly K8sDocument[], ObjectIndex>();

/**
 * The index of `docs`, built once per array (cached on it, so the rules of one validation share it).
 * @param docs the tree's objects; the array must not be mutated afterwards
 */
export function objectIndex(docs: readonly K8sDocument[]): ObjectIndex {
  const cached = indexes.get(docs);
  if (cached) return cached;
  const byKind = new Map<string, K8sDocument[]>();
  const byNamespace = new Map<string, K8sDocument[]>();
  const byName = new Map<string, K8sDocument>();
  for (const d of docs) {
    const kind = String(d.object['kind']);
    const name = String(((d.object['metadata'] ?? {}) as Record<string, unknown>)['name']);
    const kindList = byKind.get(kind) ?? [];
    kindList.push(d);
    byKind.set(kind, kindList);
    const key = `${kind}\u0000${namespaceOf(d.object)}`;
    const nsList = byNamespace.get(key) ?? [];
    nsList.push(d);
    byNamespace.set(key, nsList);
    if (!byName.has(`${kind}\u0000${name}`)) byName.set(`${kind}\u0000${name}`, d);
  }
  const index: ObjectIndex = {
    ofKind: (kind) => byKind.get(kind) ?? EMPTY,
    inNamespace: (kind, namespace) => byNamespace.get(`${kind}\u0000${namespace}`) ?? EMPTY,
    named: (kind, name) => byName.get(`${kind}\u0000${name}`),
  };
  indexes.set(docs, index);
  return index;
}
