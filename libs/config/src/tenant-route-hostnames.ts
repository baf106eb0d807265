import type { EnvironmentConfig } from './environment-schema';

/**
 * Subdomain of `dns.domain` the shared ingress Gateway serves: its listeners' hostname is
 * `*.<INGRESS_APPS_SUBDOMAIN>.<dns.domain>`, and every tenant route host is one label below it.
 */
export const INGRESS_APPS_SUBDOMAIN = 'apps';

/**
 * Label of every tenant Namespace (cluster baseline `TenantNamespace`), value the namespace itself: the admission
 * policy of tenant routes binds to the namespaces carrying it (ADR 0056).
 */
export const TENANT_NAMESPACE_LABEL = 'platform.io/tenant';

/**
 * Annotation of a tenant Namespace listing the hostnames its HTTPRoutes and GRPCRoutes may claim on the shared
 * ingress Gateway, comma-separated (`a.apps.<domain>,b.apps.<domain>`). Rendered by the cluster baseline from
 * {@link tenantRouteHostnames}; read by the mesh layer's ValidatingAdmissionPolicy (`namespaceObject`) and by the
 * cross-layer rule XL-GP-007. Namespaces are cluster-scoped, so a tenant cannot edit its own allowed set.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/#variable-composition
 */
export const TENANT_ROUTE_HOSTNAMES_ANNOTATION = 'platform.io/route-hostnames';

/** Separator of the hostnames in {@link TENANT_ROUTE_HOSTNAMES_ANNOTATION} (a hostname never contains it). */
export const ROUTE_HOSTNAMES_SEPARATOR = ',';

/** The wildcard hostname of the ingress Gateway's listeners: `*.apps.<domain>`. */
export function ingressWildcardHostname(domain: string): string {
  return `*.${INGRESS_APPS_SUBDOMAIN}.${domain}`;
}

/** The hostname of one route host label: `<label>.apps.<domain>`. */
export function ingressHostname(domain: string, label: string): string {
  return `${label}.${INGRESS_APPS_SUBDOMAIN}.${domain}`;
}

/**
 * The host labels a tenant owns on the shared ingress Gateway: its `routeHosts` and the `route.host` of each of
 * its services, sorted, without duplicates. The schema keeps each label to one tenant.
 * @throws Error naming the environment and the namespace when `namespace` is not a tenant of `env`
 */
export function tenantRouteHosts(env: EnvironmentConfig, namespace: string): readonly string[] {
  const tenant = env.tenants.find((t) => t.namespace === namespace);
  if (!tenant) throw new Error(`${env.name}: "${namespace}" is not a tenant namespace (tenants[].namespace: ${env.tenants.map((t) => t.namespace).join(', ') || 'none'})`);
  const labels = [...tenant.routeHosts, ...tenant.services.flatMap((s) => (s.route ? [s.route.host] : []))];
  return [...new Set(labels)].sort();
}

/**
 * The hostnames a tenant's routes may claim on the shared ingress Gateway: {@link tenantRouteHosts} below
 * `*.apps.<dns.domain>` (`<label>.apps.<domain>`), sorted. Empty: every route of the namespace that attaches to
 * the Gateway is denied.
 * @throws Error naming the environment and the namespace when `namespace` is not a tenant of `env`
 */
export function tenantRouteHostnames(env: EnvironmentConfig, namespace: string): readonly string[] {
  return tenantRouteHosts(env, namespace).map((label) => ingressHostname(env.dns.domain, label));
}
