import { MESH_WAYPOINT_NAME, type MeshConfig, meshFlowPolicyName } from '@platform/config';
import { networkPolicyPorts } from '@platform/k8s-baseline';
import { KubeNetworkPolicy, type NetworkPolicyPeer } from '@platform/k8s-imports/k8s';
import { Construct } from 'constructs';
import { serviceAccountPrincipal } from '../istio-namespace';
import { AuthorizationPolicy } from './authorization-policy';
import { type MeshFlow, type MeshFlowPeer, meshFlowNetworkRules } from './mesh-flow';

export interface MeshFlowPoliciesProps {
  readonly flow: MeshFlow;
  /** `mesh.dataplaneMode`: ambient also opens HBONE (15008) in the NetworkPolicies. */
  readonly dataplaneMode: MeshConfig['dataplaneMode'];
  /**
   * The called namespace has a waypoint (`needsWaypoint`): a flow with `http` rules is then bound to it
   * and enforced at L7; otherwise ztunnel enforces it at L4 on the workload selector.
   */
  readonly waypoint: boolean;
  /**
   * Also render the egress NetworkPolicy in the calling namespace. False when the caller's namespace
   * belongs to an add-on that declares the rule itself (the baseline renders it). @default true
   */
  readonly sourceEgress?: boolean;
}

/** A flow peer as a NetworkPolicy peer: the namespace by its name label, narrowed to the pods when labels are given. */
function namespacePeer(peer: MeshFlowPeer): NetworkPolicyPeer {
  const namespaceSelector = { matchLabels: { 'kubernetes.io/metadata.name': peer.namespace } };
  return peer.podLabels ? { namespaceSelector, podSelector: { matchLabels: { ...peer.podLabels } } } : { namespaceSelector };
}

/**
 * One declared flow, enforced twice (ADR 0021): an L3/L4 NetworkPolicy pair (ingress in the called
 * namespace, egress in the calling one, from `meshFlowNetworkRules`) and an identity-based ALLOW
 * AuthorizationPolicy in the called namespace admitting only the caller's ServiceAccount
 * (`cluster.local/ns/<ns>/sa/<sa>`) on the declared ports.
 */
export class MeshFlowPolicies extends Construct {
  constructor(scope: Construct, id: string, props: MeshFlowPoliciesProps) {
    super(scope, id);
    const { flow } = props;
    const name = meshFlowPolicyName(flow);
    const rules = meshFlowNetworkRules(flow, props.dataplaneMode);
    const podSelector = { matchLabels: { ...(flow.to.podLabels ?? {}) } };
    new KubeNetworkPolicy(this, 'ingress', {
      metadata: { name, namespace: flow.to.namespace, annotations: { 'platform.io/reason': rules.ingress.description } },
      spec: { podSelector, policyTypes: ['Ingress'], ingress: [{ from: [namespacePeer(rules.ingress.peer)], ports: networkPolicyPorts(rules.ingress) }] },
    });
    if (props.sourceEgress ?? true) {
      new KubeNetworkPolicy(this, 'egress', {
        metadata: { name: `allow-to-${flow.to.namespace}`.slice(0, 63), namespace: flow.from.namespace, annotations: { 'platform.io/reason': rules.egress.description } },
        spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [namespacePeer(rules.egress.peer)], ports: networkPolicyPorts(rules.egress) }] },
      });
    }
    const principals = [serviceAccountPrincipal(flow.from.namespace, flow.from.serviceAccount)];
    const ports = flow.to.ports.map(String);
    // L7 rules are enforced by the namespace's waypoint (policy bound to it); L4 rules by ztunnel (workload selector)
    const l7 = flow.http !== undefined && props.waypoint;
    new AuthorizationPolicy(this, 'authz', {
      name,
      namespace: flow.to.namespace,
      reason: flow.description,
      spec: l7
        ? {
            targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: MESH_WAYPOINT_NAME }],
            action: 'ALLOW',
            rules: [{ from: [{ source: { principals } }], to: [{ operation: { ports, methods: flow.http?.methods ?? [], paths: flow.http?.paths ?? [] } }] }],
          }
        : {
            ...(flow.to.podLabels ? { selector: { matchLabels: { ...flow.to.podLabels } } } : {}),
            action: 'ALLOW',
            rules: [{ from: [{ source: { principals } }], to: [{ operation: { ports } }] }],
          },
    });
  }
}
