import type { MeshConfig } from '@platform/config';
import type { ServiceEndpoint } from '@platform/k8s-core';
import { IntOrString, KubeNetworkPolicy } from '@platform/k8s-imports/k8s';
import { Construct } from 'constructs';
import { HBONE_PORT, ISTIO_NAMESPACE, ISTIOD_PORTS, KUBELET_PROBE_SNAT_CIDR } from '../istio-namespace';
import { ISTIOD_POD_LABELS } from '../istiod/istiod-addon';
import { AuthorizationPolicy } from './authorization-policy';

/** Name of the allow-nothing AuthorizationPolicy of every meshed namespace (XL-MESH-002 looks for it). */
export const MESH_DEFAULT_DENY_POLICY = 'default-deny';

export interface MeshedNamespacePoliciesProps {
  readonly namespace: string;
  /** Namespaces whose pods may open HBONE tunnels to this one (meshed namespaces and the gateway's). */
  readonly hbonePeers: readonly string[];
  /** `mesh.dataplaneMode`: with `sidecar` every pod runs an Envoy that talks to istiod itself. @default 'ambient' */
  readonly dataplaneMode?: MeshConfig['dataplaneMode'];
  /** The collector sidecars send spans to (istiod's `otel-tracing` provider). @default none */
  readonly otlpTracesEndpoint?: ServiceEndpoint;
}

/**
 * What a namespace needs once it joins the mesh, next to the baseline's default-deny NetworkPolicies:
 * - AuthorizationPolicy `default-deny` (empty spec: allow nothing); flows add ALLOW policies;
 * - NetworkPolicy `mesh-allow-hbone`: ingress and egress on 15008 (HBONE) with the other meshed
 *   namespaces: ztunnel tunnels every connection there, so without it every meshed call is dropped;
 * - NetworkPolicy `mesh-allow-kubelet-probes`: ingress from 169.254.7.127/32, the address istio-cni
 *   SNATs kubelet probes to; without it every probe fails and pods never become ready;
 * - in sidecar mode, NetworkPolicy `mesh-allow-sidecar-egress`: every pod's Envoy to istiod (xDS,
 *   certificates, 15012) and to the traces collector; without it sidecars never become ready.
 * @see https://istio.io/latest/docs/ambient/usage/networkpolicy/
 */
export class MeshedNamespacePolicies extends Construct {
  constructor(scope: Construct, id: string, props: MeshedNamespacePoliciesProps) {
    super(scope, id);
    const { namespace } = props;
    new AuthorizationPolicy(this, 'default-deny', {
      name: MESH_DEFAULT_DENY_POLICY,
      namespace,
      reason: 'zero trust: no request reaches a workload unless a declared flow allows its source identity',
      spec: {},
    });
    const peers = [...new Set(props.hbonePeers)].sort().map((ns) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } } }));
    const hbone = [{ port: IntOrString.fromNumber(HBONE_PORT), protocol: 'TCP' }];
    new KubeNetworkPolicy(this, 'hbone', {
      metadata: { name: 'mesh-allow-hbone', namespace, annotations: { 'platform.io/reason': 'ambient mesh traffic travels over HBONE (mTLS tunnel, TCP 15008) between ztunnels' } },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: peers, ports: hbone }], egress: [{ to: peers, ports: hbone }] },
    });
    new KubeNetworkPolicy(this, 'probes', {
      metadata: { name: 'mesh-allow-kubelet-probes', namespace, annotations: { 'platform.io/reason': 'kubelet probes arrive SNATed to 169.254.7.127 by istio-cni (every container port)' } },
      spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: KUBELET_PROBE_SNAT_CIDR } }] }] },
    });
    if (props.dataplaneMode === 'sidecar') {
      const tcp = (port: number) => [{ port: IntOrString.fromNumber(port), protocol: 'TCP' }];
      const collector = props.otlpTracesEndpoint;
      new KubeNetworkPolicy(this, 'sidecar-egress', {
        metadata: { name: 'mesh-allow-sidecar-egress', namespace, annotations: { 'platform.io/reason': `sidecars fetch config and certificates from istiod${collector ? ' and send spans over OTLP gRPC to the collector' : ''}` } },
        spec: {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [
            { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ISTIO_NAMESPACE } }, podSelector: { matchLabels: { ...ISTIOD_POD_LABELS } } }], ports: tcp(ISTIOD_PORTS.xds) },
            ...(collector ? [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': collector.namespace } } }], ports: tcp(collector.port) }] : []),
          ],
        },
      });
    }
  }
}
