import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ISTIO_NAMESPACE } from '../istio-namespace';

/**
 * The mesh-wide `PeerAuthentication` (root namespace, no selector) in STRICT mode: meshed workloads
 * accept only mTLS; plaintext from outside the mesh is refused.
 * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/
 */
export class StrictMtls extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new ApiObject(this, 'default', {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default', namespace: ISTIO_NAMESPACE, annotations: { 'platform.io/reason': 'zero trust: mTLS between every meshed workload' } },
      spec: { mtls: { mode: 'STRICT' } },
    });
  }
}
