import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

export interface PermissivePeerAuthenticationProps {
  readonly namespace: string;
  /** Which clients outside the mesh must still connect, and what guards their ports instead (annotation `platform.io/reason`). */
  readonly reason: string;
}

/**
 * A namespace-wide `PeerAuthentication` in PERMISSIVE mode, overriding the mesh-wide STRICT one, for a platform
 * namespace that joins the mesh for its workloads' identities while clients outside the mesh (the Strimzi operator,
 * the Alloy scrape, Grafana) still connect to some ports. Identity stays enforced where it matters: an
 * AuthorizationPolicy rule with `source.principals` matches only mutual-TLS connections, so a plaintext client can
 * never reach a port guarded by one; only ports opened to every source (`to` without `from`) accept it.
 * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/
 */
export class PermissivePeerAuthentication extends Construct {
  constructor(scope: Construct, id: string, props: PermissivePeerAuthenticationProps) {
    super(scope, id);
    new ApiObject(this, 'policy', {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default', namespace: props.namespace, annotations: { 'platform.io/reason': props.reason } },
      spec: { mtls: { mode: 'PERMISSIVE' } },
    });
  }
}
