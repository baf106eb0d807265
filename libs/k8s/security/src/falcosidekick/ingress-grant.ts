import type { ServiceEndpoint } from '@platform/k8s-core';
import { IntOrString, KubeNetworkPolicy } from '@platform/k8s-imports/k8s';
import { Construct } from 'constructs';

export interface IngressGrantProps {
  /** The Service port opened; the policy lands in its namespace. */
  readonly endpoint: ServiceEndpoint;
  /** Namespace whose pods may connect. */
  readonly fromNamespace: string;
  /** Why; rendered into the `platform.io/reason` annotation. */
  readonly reason: string;
}

/**
 * A NetworkPolicy in a provider's namespace that admits one consumer namespace on one endpoint port. The
 * provider's default deny stays; NetworkPolicies are additive, so the grant widens exactly this flow. Lets a
 * consumer declare the flow it needs without editing the provider's add-on.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
export class IngressGrant extends Construct {
  public readonly policy: KubeNetworkPolicy;

  constructor(scope: Construct, id: string, props: IngressGrantProps) {
    super(scope, id);
    const { endpoint } = props;
    this.policy = new KubeNetworkPolicy(this, 'policy', {
      metadata: { name: `allow-ingress-from-${props.fromNamespace}`, namespace: endpoint.namespace, annotations: { 'platform.io/reason': props.reason } },
      spec: {
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': props.fromNamespace } } }], ports: [{ port: IntOrString.fromNumber(endpoint.port), protocol: 'TCP' }] }],
      },
    });
  }
}
