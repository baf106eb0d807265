import { ADDONS } from './addons/registry';

/**
 * Namespaces Kubernetes itself creates and owns.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#initial-namespaces
 */
export const KUBERNETES_SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'] as const;

/**
 * Namespaces the platform renders that are neither an add-on's name nor a Pod Identity namespace of
 * the add-on registry. A test synthesizes every sample environment and fails, naming the namespace
 * to add here, when a rendered namespace is missing from `reservedNamespaces()`.
 */
export const PLATFORM_NAMESPACES = [
  // gitops and CI
  'tekton-pipelines',
  // security layer
  'gatekeeper-system',
  // mesh layer
  'istio-ingress',
  'istio-system',
  // data layer (operators and instances; `databases` is the cnpg-backup Pod Identity namespace)
  'caches',
  'cnpg-system',
  'kafka',
  'strimzi',
  // observability layer
  'monitoring',
  'monitoring-node-exporter',
  // backup and DR: the samples' restore drill scratch namespace (dr.drill.scratchNamespace)
  'drill-restore',
] as const;

/**
 * Every namespace a tenant may not take (`tenants[].namespace`): a tenant's ResourceQuota,
 * LimitRange and RBAC would land in a system or platform namespace and fight the platform's own
 * objects. Derived from the add-on registry (each add-on's name and its Pod Identity namespaces)
 * plus `KUBERNETES_SYSTEM_NAMESPACES` and `PLATFORM_NAMESPACES`; sorted.
 */
export function reservedNamespaces(): readonly string[] {
  const names = new Set<string>([...KUBERNETES_SYSTEM_NAMESPACES, ...PLATFORM_NAMESPACES]);
  for (const addon of ADDONS) {
    names.add(addon.name);
    for (const identity of ('podIdentities' in addon ? addon.podIdentities : []) ?? []) names.add(identity.namespace);
  }
  return [...names].sort();
}
