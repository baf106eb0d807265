import { AuthorizationPolicy } from '@platform/k8s-mesh';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

export interface MetricsScrapeAdmissionProps {
  readonly namespace: string;
  /** Service name: the policies are `<service>-metrics-scrape`. */
  readonly service: string;
  /** Pod labels of the service's workload (both policies' `selector.matchLabels`). */
  readonly podLabels: Readonly<Record<string, string>>;
  /** The one container port the scraper reads, e.g. the actuator port 8081. */
  readonly metricsPort: number;
  /** Who scrapes (annotation `platform.io/reason`), e.g. `alloy/alloy`. */
  readonly scraper: string;
}

/**
 * Mesh admission of a metrics scraper that runs outside the mesh (Alloy) to exactly one port of a
 * meshed workload, the pattern ADR 0034 uses for `tempo`/`traces-kafka`, narrowed to the workload:
 * - a workload `PeerAuthentication` keeping STRICT mutual TLS on every port but `metricsPort`, where
 *   plaintext is PERMISSIVE (`portLevelMtls` is keyed by the container port, not the Service port);
 * - an `AuthorizationPolicy` ALLOW to `metricsPort` without `from` (a plaintext client has no
 *   identity); the application ports stay identity-only. The source is restricted by the service's
 *   NetworkPolicy, which admits only the scraper's pods on that port.
 * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/
 * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/
 */
export class MetricsScrapeAdmission extends Construct {
  public readonly peerAuthentication: ApiObject;
  public readonly authorizationPolicy: AuthorizationPolicy;

  constructor(scope: Construct, id: string, props: MetricsScrapeAdmissionProps) {
    super(scope, id);
    const name = `${props.service}-metrics-scrape`;
    const selector = { matchLabels: { ...props.podLabels } };
    const reason = `metrics scrape by ${props.scraper} (outside the mesh, plaintext) on port ${props.metricsPort} only; the NetworkPolicy admits only the scraper's pods there`;
    this.peerAuthentication = new ApiObject(this, 'peer-authentication', {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name, namespace: props.namespace, annotations: { 'platform.io/reason': reason } },
      spec: { selector, mtls: { mode: 'STRICT' }, portLevelMtls: { [String(props.metricsPort)]: { mode: 'PERMISSIVE' } } },
    });
    this.authorizationPolicy = new AuthorizationPolicy(this, 'authorization-policy', {
      name,
      namespace: props.namespace,
      reason,
      spec: { selector, action: 'ALLOW', rules: [{ to: [{ operation: { ports: [String(props.metricsPort)] } }] }] },
    });
  }
}
