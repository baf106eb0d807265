import { MESH_WAYPOINT_NAME } from '@platform/config';
import type { ServiceEndpoint } from '@platform/k8s-core';
import { Gateway } from '@platform/k8s-imports/gateway.networking.k8s.io';
import { IntOrString, KubeNetworkPolicy } from '@platform/k8s-imports/k8s';
import { Construct } from 'constructs';
import { HBONE_PORT, ISTIO_NAMESPACE, ISTIOD_PORTS, serviceAccountPrincipal } from '../istio-namespace';
import { ISTIOD_POD_LABELS } from '../istiod/istiod-addon';
import { AuthorizationPolicy } from './authorization-policy';

export interface WaypointProps {
  readonly namespace: string;
  /** The collector the waypoint's Envoy sends spans to (istiod's `otel-tracing` provider). @default none (no tracing egress) */
  readonly otlpTracesEndpoint?: ServiceEndpoint;
}

/**
 * A waypoint proxy for one namespace (Gateway of class `istio-waypoint`, HBONE listener, serving its
 * Services): only namespaces with declared L7 flows get one (`needsWaypoint`), labelled
 * `istio.io/use-waypoint` by the baseline. The workloads then receive traffic from the waypoint's
 * identity, so an ALLOW for the waypoint's ServiceAccount sits next to the namespace's default deny.
 * Its pods get egress to istiod (xDS, certificates) and to the traces collector through the
 * namespace's default-deny NetworkPolicies (`waypoint-allow-egress`).
 * @see https://istio.io/latest/docs/ambient/usage/waypoint/
 */
export class Waypoint extends Construct {
  public readonly gateway: Gateway;

  constructor(scope: Construct, id: string, props: WaypointProps) {
    super(scope, id);
    this.gateway = new Gateway(this, 'gateway', {
      metadata: { name: MESH_WAYPOINT_NAME, namespace: props.namespace, labels: { 'istio.io/waypoint-for': 'service' } },
      spec: { gatewayClassName: 'istio-waypoint', listeners: [{ name: 'mesh', port: HBONE_PORT, protocol: 'HBONE' }] },
    });
    new AuthorizationPolicy(this, 'allow-waypoint', {
      name: 'allow-waypoint',
      namespace: props.namespace,
      reason: 'L7 flows reach the workloads through the namespace waypoint, which enforces them',
      // istiod deploys the waypoint as Deployment and ServiceAccount `<gateway name>`
      spec: { action: 'ALLOW', rules: [{ from: [{ source: { principals: [serviceAccountPrincipal(props.namespace, MESH_WAYPOINT_NAME)] } }] }] },
    });
    const tcp = (port: number) => [{ port: IntOrString.fromNumber(port), protocol: 'TCP' }];
    const collector = props.otlpTracesEndpoint;
    new KubeNetworkPolicy(this, 'egress', {
      metadata: { name: `${MESH_WAYPOINT_NAME}-allow-egress`, namespace: props.namespace, annotations: { 'platform.io/reason': `xDS and certificates from istiod${collector ? '; spans over OTLP gRPC to the collector' : ''}` } },
      spec: {
        // istiod labels the pods it deploys for a Gateway with its name
        podSelector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': MESH_WAYPOINT_NAME } },
        policyTypes: ['Egress'],
        egress: [
          { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ISTIO_NAMESPACE } }, podSelector: { matchLabels: { ...ISTIOD_POD_LABELS } } }], ports: tcp(ISTIOD_PORTS.xds) },
          ...(collector ? [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': collector.namespace } } }], ports: tcp(collector.port) }] : []),
        ],
      },
    });
  }
}
