import { MESH_WAYPOINT_NAME } from '@platform/config';
import { Gateway } from '@platform/k8s-imports/gateway.networking.k8s.io';
import { Construct } from 'constructs';
import { HBONE_PORT, serviceAccountPrincipal } from '../istio-namespace';
import { AuthorizationPolicy } from './authorization-policy';

export interface WaypointProps {
  readonly namespace: string;
}

/**
 * A waypoint proxy for one namespace (Gateway of class `istio-waypoint`, HBONE listener, serving its
 * Services): only namespaces with declared L7 flows get one (`needsWaypoint`), labelled
 * `istio.io/use-waypoint` by the baseline. The workloads then receive traffic from the waypoint's
 * identity, so an ALLOW for the waypoint's ServiceAccount sits next to the namespace's default deny.
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
  }
}
