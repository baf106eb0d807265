import { isAddonEnabled } from './addons/enabled';
import type { EnvironmentConfig } from './environment-schema';

/**
 * True when `namespace` is in the mesh of `env`: istiod runs (`addons.enabled.istiod`) and the
 * namespace is listed in `mesh.namespaces`.
 */
export function isMeshedNamespace(env: EnvironmentConfig, namespace: string): boolean {
  return isAddonEnabled(env, 'istiod') && env.mesh.namespaces.includes(namespace);
}

/** Name of the waypoint (Gateway of class `istio-waypoint`) of a namespace with L7 flows. */
export const MESH_WAYPOINT_NAME = 'waypoint';

/** True when some flow into `namespace` declares L7 (`http`) rules, so the namespace needs a waypoint. */
export function needsWaypoint(env: EnvironmentConfig, namespace: string): boolean {
  return isMeshedNamespace(env, namespace) && env.mesh.dataplaneMode === 'ambient' && env.mesh.flows.some((f) => f.to.namespace === namespace && f.http !== undefined);
}

/**
 * The Namespace labels that make its pods join the mesh in the environment's data-plane mode
 * (`istio.io/dataplane-mode: ambient`, or `istio-injection: enabled` for sidecars), plus
 * `istio.io/use-waypoint` when L7 flows are declared into it; `{}` for a namespace outside the mesh.
 * @see https://istio.io/latest/docs/ambient/usage/add-workloads/
 */
export function meshNamespaceLabels(env: EnvironmentConfig, namespace: string): Readonly<Record<string, string>> {
  if (!isMeshedNamespace(env, namespace)) return {};
  if (env.mesh.dataplaneMode === 'sidecar') return { 'istio-injection': 'enabled' };
  return { 'istio.io/dataplane-mode': 'ambient', ...(needsWaypoint(env, namespace) ? { 'istio.io/use-waypoint': MESH_WAYPOINT_NAME } : {}) };
}
