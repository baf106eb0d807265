import type { EnvironmentConfig } from '@platform/config';
import type { NetworkRule } from '@platform/k8s-core';
import { HBONE_PORT } from '../istio-namespace';

/** One declared service-to-service flow (`mesh.flows[]`), the single source of its NetworkPolicy and AuthorizationPolicy. */
export type MeshFlow = EnvironmentConfig['mesh']['flows'][number];

/** The L3/L4 half of a flow: the ingress rule of the called namespace and the egress rule of the calling one. */
export interface MeshFlowNetworkRules {
  readonly ingress: NetworkRule;
  readonly egress: NetworkRule;
}

/**
 * The NetworkPolicy rules of a flow. In ambient mode ztunnel carries the connection over HBONE, so
 * the packets on the wire go to port 15008 of the called pod, not to the application port: both are
 * allowed (the application port for clients outside the mesh data path, e.g. during a rollback).
 * @see https://istio.io/latest/docs/ambient/usage/networkpolicy/
 */
export function meshFlowNetworkRules(env: EnvironmentConfig, flow: MeshFlow): MeshFlowNetworkRules {
  const ports = [...flow.to.ports, ...(env.mesh.dataplaneMode === 'ambient' ? [HBONE_PORT] : [])].map((port) => ({ port }));
  return {
    ingress: { description: `${flow.description} (from ${flow.from.namespace}/${flow.from.serviceAccount})`, peer: { namespace: flow.from.namespace }, ports },
    egress: { description: `${flow.description} (to ${flow.to.namespace})`, peer: { namespace: flow.to.namespace, ...(flow.to.podLabels ? { podLabels: flow.to.podLabels } : {}) }, ports },
  };
}

/** Stable DNS-1123 name of a flow's policies: `allow-<from-namespace>-<from-sa>`, shortened to 63 characters. */
export function meshFlowPolicyName(flow: MeshFlow): string {
  return `allow-${flow.from.namespace}-${flow.from.serviceAccount}`.slice(0, 63).replace(/-+$/, '');
}
