import { clusterName, type EnvironmentConfig, ISTIO_INGRESS, isMeshedNamespace, mandatoryTags, needsWaypoint } from '@platform/config';
import { Addon, type MetricsScraper, type NetworkRule, scrapeIngress, type ServiceEndpoint } from '@platform/k8s-core';
import { type CertManagerAddon, LETSENCRYPT_ISSUER } from '@platform/k8s-security';
import type { Construct } from 'constructs';
import { MeshFlowPolicies } from '../flows/mesh-flow-policies';
import { meshFlowNetworkRules } from '../flows/mesh-flow';
import { MeshedNamespacePolicies } from '../flows/meshed-namespace-policies';
import { Waypoint } from '../flows/waypoint';
import { ISTIO_NAMESPACE, ISTIOD_PORTS } from '../istio-namespace';
import { ISTIOD_POD_LABELS } from '../istiod/istiod-addon';
import { ISTIO_METRICS_ENDPOINTS, IstioPodMonitor } from '../istiod/istio-pod-monitor';
import { GATEWAY_STATUS_PORT, IngressGateway, INGRESS_GATEWAY_LISTENERS, INGRESS_GATEWAY_NAMESPACE, INGRESS_GATEWAY_POD_LABELS } from './ingress-gateway';
import { MeshTelemetry } from './mesh-telemetry';
import { StrictMtls } from './strict-mtls';
import { TenantRouteAdmissionPolicy } from './tenant-route-admission-policy';

export interface IstioIngressAddonProps {
  readonly env: EnvironmentConfig;
  /** istiod (and whatever else must be healthy first: the Gateway API CRDs, ztunnel). */
  readonly dependsOn: readonly Addon[];
  /** cert-manager: its CRDs and `letsencrypt` ClusterIssuer issue the gateway's certificate (synced after it). */
  readonly certManager: CertManagerAddon;
  /** OTLP gRPC endpoint of the observability layer's collector (traces). @default none (no tracing) */
  readonly otlpTracesEndpoint?: ServiceEndpoint;
  /**
   * The observability layer's collector: a PodMonitor on the gateway Envoy's Prometheus stats (`istio_requests_total`
   * of the `ingress` SLO and `IngressGatewayHigh5xx`), the scraper admitted on that port, and a sync after the
   * monitor CRDs. @default none (not scraped)
   */
  readonly metricsScraper?: MetricsScraper;
}

/**
 * Zero trust and ingress for the mesh (manifests only; istiod deploys the gateway pods):
 * - mesh-wide STRICT mTLS (`PeerAuthentication` in istio-system);
 * - per meshed namespace (`mesh.namespaces`): allow-nothing AuthorizationPolicy, HBONE and kubelet
 *   probe NetworkPolicies, a waypoint where L7 flows are declared;
 * - per declared flow (`mesh.flows`): NetworkPolicies and an identity ALLOW AuthorizationPolicy;
 * - the ingress `Gateway` behind an NLB: HTTPS with a `letsencrypt` certificate, HTTP only redirecting
 *   to HTTPS; and `Telemetry` (tracing, gateway access logs);
 * - the `ValidatingAdmissionPolicy` that keeps each tenant namespace's routes on the Gateway to its own
 *   hostnames ({@link TenantRouteAdmissionPolicy}, ADR 0056).
 */
export class IstioIngressAddon extends Addon {
  public readonly gateway: IngressGateway;

  constructor(scope: Construct, id: string, props: IstioIngressAddonProps) {
    const { env } = props;
    const gatewayFlows = env.mesh.flows.filter((f) => f.from.namespace === INGRESS_GATEWAY_NAMESPACE);
    const egress: NetworkRule[] = [
      { description: 'xDS and certificates from istiod', peer: { namespace: ISTIO_NAMESPACE, podLabels: ISTIOD_POD_LABELS }, ports: [{ port: ISTIOD_PORTS.xds }] },
      ...gatewayFlows.map((f) => meshFlowNetworkRules(f, env.mesh.dataplaneMode).egress),
      ...(props.otlpTracesEndpoint ? [{ description: 'spans over OTLP gRPC to the collector', peer: { namespace: props.otlpTracesEndpoint.namespace }, ports: [{ port: props.otlpTracesEndpoint.port }] }] : []),
    ];
    const scraper = props.metricsScraper;
    super(scope, id, {
      env,
      declaration: ISTIO_INGRESS,
      dependsOn: [...props.dependsOn, props.certManager, ...(scraper ? [scraper.monitoringCrds] : [])],
      namespace: {
        name: INGRESS_GATEWAY_NAMESPACE,
        ingress: [
          // the NLB forwards client traffic to the pod IPs (ip targets); its security group holds mesh.gateway.sourceCidrs
          { description: 'HTTP (redirect only) and HTTPS from the NLB (clients within mesh.gateway.sourceCidrs)', peer: 'anywhere', ports: [{ port: INGRESS_GATEWAY_LISTENERS.http.port }, { port: INGRESS_GATEWAY_LISTENERS.https.port }] },
          { description: 'NLB health checks on the status port', peer: 'vpc', ports: [{ port: GATEWAY_STATUS_PORT }] },
          ...(scraper ? [scrapeIngress(scraper, 'ingress gateway Envoy stats (PodMonitor)', [ISTIO_METRICS_ENDPOINTS.envoy.portNumber], { name: 'gateway', labels: INGRESS_GATEWAY_POD_LABELS })] : []),
        ],
        egress,
      },
    });
    new StrictMtls(this.manifestFile('peer-authentication'), 'strict-mtls');
    const policies = this.manifestFile('authorization');
    const meshed = env.mesh.namespaces.filter((ns) => isMeshedNamespace(env, ns));
    for (const ns of meshed) {
      new MeshedNamespacePolicies(policies, `ns-${ns}`, {
        namespace: ns,
        hbonePeers: [...meshed, INGRESS_GATEWAY_NAMESPACE],
        dataplaneMode: env.mesh.dataplaneMode,
        otlpTracesEndpoint: props.otlpTracesEndpoint,
      });
      if (needsWaypoint(env, ns)) new Waypoint(policies, `waypoint-${ns}`, { namespace: ns, otlpTracesEndpoint: props.otlpTracesEndpoint });
    }
    env.mesh.flows.forEach((flow, i) => {
      new MeshFlowPolicies(policies, `flow-${i}`, { flow, dataplaneMode: env.mesh.dataplaneMode, waypoint: needsWaypoint(env, flow.to.namespace), sourceEgress: flow.from.namespace !== INGRESS_GATEWAY_NAMESPACE });
    });
    this.gateway = new IngressGateway(this.manifestFile('gateway'), 'gateway', {
      replicas: env.mesh.gateway.replicas,
      exposure: env.mesh.gateway.exposure,
      sourceCidrs: env.mesh.gateway.sourceCidrs,
      domain: env.dns.domain,
      loadBalancerTags: { ...mandatoryTags(env), Cluster: clusterName(env) },
      routeNamespaces: meshed,
      certificateIssuer: LETSENCRYPT_ISSUER,
    });
    // route hijacking guard: tenant routes on the Gateway claim only their namespace's hostnames (ADR 0056)
    new TenantRouteAdmissionPolicy(this.manifestFile('route-admission'), 'tenant-routes', { listener: this.gateway.parentRef, listenerPort: INGRESS_GATEWAY_LISTENERS.https.port });
    new MeshTelemetry(this.manifestFile('telemetry'), 'telemetry', {
      samplingPercent: env.mesh.tracingSamplingPercent,
      otlpTracesEndpoint: props.otlpTracesEndpoint,
      gateway: { namespace: INGRESS_GATEWAY_NAMESPACE, name: this.gateway.parentRef.name },
    });
    if (scraper) {
      new IstioPodMonitor(this.manifestFile('monitoring'), 'gateway-metrics', { name: this.gateway.parentRef.name, namespace: INGRESS_GATEWAY_NAMESPACE, podLabels: INGRESS_GATEWAY_POD_LABELS, endpoint: ISTIO_METRICS_ENDPOINTS.envoy });
    }
  }
}
