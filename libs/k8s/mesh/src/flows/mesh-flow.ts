import type { EnvironmentConfig, MeshConfig } from '@platform/config';
import type { NetworkPeer, NetworkRule } from '@platform/k8s-core';
import { HBONE_PORT } from '../istio-namespace';

/** One declared service-to-service flow (`mesh.flows[]`), the single source of its NetworkPolicy and AuthorizationPolicy. */
export type MeshFlow = EnvironmentConfig['mesh']['flows'][number];

/** A NetworkPolicy peer of a flow: always a namespace, optionally narrowed to pods. */
export type MeshFlowPeer = Extract<NetworkPeer, { readonly namespace: string }>;

/** One NetworkPolicy rule of a flow. */
export type MeshFlowNetworkRule = NetworkRule & { readonly peer: MeshFlowPeer };

/** The L3/L4 half of a flow: the ingress rule of the called namespace and the egress rule of the calling one. */
export interface MeshFlowNetworkRules {
  readonly ingress: MeshFlowNetworkRule;
  readonly egress: MeshFlowNetworkRule;
}

/**
 * The NetworkPolicy rules of a flow. In ambient mode ztunnel carries the connection over HBONE, so
 * the packets on the wire go to port 15008 of the called pod, not to the application port: both are
 * allowed (the application port for clients outside the mesh data path, e.g. during a rollback).
 * `dataplaneMode` is `mesh.dataplaneMode` (sidecars carry the application port only).
 * @see https://istio.io/latest/docs/ambient/usage/networkpolicy/
 */
export function meshFlowNetworkRules(flow: MeshFlow, dataplaneMode: MeshConfig['dataplaneMode']): MeshFlowNetworkRules {
  const ports = [...flow.to.ports, ...(dataplaneMode === 'ambient' ? [HBONE_PORT] : [])].map((port) => ({ port }));
  return {
    ingress: { description: `${flow.description} (from ${flow.from.namespace}/${flow.from.serviceAccount})`, peer: { namespace: flow.from.namespace }, ports },
    egress: { description: `${flow.description} (to ${flow.to.namespace})`, peer: { namespace: flow.to.namespace, ...(flow.to.podLabels ? { podLabels: flow.to.podLabels } : {}) }, ports },
  };
}
