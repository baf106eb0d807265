import { type EnvironmentConfig, ISTIOD } from '@platform/config';
import type { PriorityClassName } from '@platform/k8s-baseline';
import { Addon, EGRESS_KUBE_API, type MetricsScraper, type NetworkRule, scrapeIngress, serviceHost, type ServiceEndpoint } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import { ISTIO_WEBHOOK_IGNORE_DIFFERENCES } from '../istio-base/istio-base-addon';
import { ISTIO_NAMESPACE, ISTIO_NAMESPACE_POD_SECURITY, ISTIO_IMAGE_TAG, ISTIOD_PORTS, istioHub, MESH_TRUST_DOMAIN } from '../istio-namespace';
import { ISTIO_METRICS_ENDPOINTS, IstioPodMonitor } from './istio-pod-monitor';
import type { IstiodValues } from './istiod-values';

/** PriorityClass of istiod: without it no workload gets a certificate. */
export const ISTIOD_PRIORITY_CLASS: PriorityClassName = 'platform-critical';

/** Name of the tracing extension provider the `Telemetry` resource selects. */
export const OTEL_TRACING_PROVIDER = 'otel-tracing';

/** Pod labels of istiod (chart `app: istiod`). */
export const ISTIOD_POD_LABELS = { app: 'istiod' } as const;

/** istiod sizing: the chart default (500m/2Gi) is meant for large meshes; this fits a platform cluster. */
export const ISTIOD_RESOURCES = { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '2Gi' } } as const;

/**
 * Mesh-wide HTTP retry policy (every HTTPRoute, ADR 0022): two retries, only on failures that are
 * safe to retry (no response yet, or an explicit 503), within the route's request timeout.
 * @see https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/router_filter#x-envoy-retry-on
 */
export const MESH_DEFAULT_RETRY_POLICY = { attempts: 2, retryOn: 'connect-failure,refused-stream,unavailable,cancelled,reset-before-request,503' } as const;

export interface IstiodAddonProps {
  readonly env: EnvironmentConfig;
  readonly dependsOn: readonly Addon[];
  /**
   * OTLP gRPC endpoint of the observability layer's collector that proxies send spans to. Without it
   * no tracing provider is configured (the `Telemetry` resource then only sets access logs).
   * @default none
   */
  readonly otlpTracesEndpoint?: ServiceEndpoint;
  /**
   * The observability layer's collector: a PodMonitor on istiod's monitoring port (`pilot_*`), the scraper admitted
   * on it, and a sync after the monitor CRDs. @default none (not scraped)
   */
  readonly metricsScraper?: MetricsScraper;
}

/**
 * istiod in ambient mode (the settings of Istio's `ambient` profile spelled out, so the values are
 * checked against the chart): `PILOT_ENABLE_AMBIENT`, HBONE for proxies, CNI redirection, distroless
 * images from the ECR pull-through cache. `mesh.istiodReplicas` fixed replicas spread over zones, with a
 * PDB (minAvailable 1) from 2 replicas on.
 * @see https://istio.io/latest/docs/ambient/install/helm/
 */
export class IstiodAddon extends Addon<IstiodValues> {
  constructor(scope: Construct, id: string, props: IstiodAddonProps) {
    const { env } = props;
    const ambient = env.mesh.dataplaneMode === 'ambient';
    const replicas = env.mesh.istiodReplicas;
    const ingress: NetworkRule[] = [
      { description: 'xDS and certificate signing from ztunnel, gateways and waypoints (pod IPs in the VPC)', peer: 'vpc', ports: [{ port: ISTIOD_PORTS.xds }] },
      { description: 'validation and injection webhook calls from the API server', peer: 'vpc', ports: [{ port: ISTIOD_PORTS.webhook }] },
    ];
    const scraper = props.metricsScraper;
    if (scraper) ingress.push(scrapeIngress(scraper, 'istiod (PodMonitor)', [ISTIOD_PORTS.monitoring]));
    super(scope, id, {
      env,
      declaration: ISTIOD,
      dependsOn: scraper ? [...props.dependsOn, scraper.monitoringCrds] : props.dependsOn,
      namespace: { name: ISTIO_NAMESPACE, podSecurity: ISTIO_NAMESPACE_POD_SECURITY, podSelector: ISTIOD_POD_LABELS, ingress, egress: [EGRESS_KUBE_API] },
      chart: {
        ignoreDifferences: ISTIO_WEBHOOK_IGNORE_DIFFERENCES,
        values: {
          autoscaleEnabled: false,
          replicaCount: replicas,
          resources: ISTIOD_RESOURCES,
          env: ambient ? { PILOT_ENABLE_AMBIENT: 'true' } : {},
          cni: { enabled: ambient },
          topologySpreadConstraints:
            replicas > 1
              ? [
                  { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { ...ISTIOD_POD_LABELS } } },
                  { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { ...ISTIOD_POD_LABELS } } },
                ]
              : [],
          pdb: { minAvailable: 1 },
          meshConfig: {
            trustDomain: MESH_TRUST_DOMAIN,
            accessLogEncoding: 'JSON',
            defaultConfig: { proxyMetadata: ambient ? { ISTIO_META_ENABLE_HBONE: 'true' } : {} },
            extensionProviders: props.otlpTracesEndpoint ? [{ name: OTEL_TRACING_PROVIDER, opentelemetry: { service: serviceHost(props.otlpTracesEndpoint), port: props.otlpTracesEndpoint.port } }] : [],
            defaultHttpRetryPolicy: MESH_DEFAULT_RETRY_POLICY,
            outboundTrafficPolicy: { mode: 'ALLOW_ANY' },
          },
          global: {
            hub: istioHub(env),
            tag: ISTIO_IMAGE_TAG,
            variant: 'distroless',
            istioNamespace: ISTIO_NAMESPACE,
            priorityClassName: ISTIOD_PRIORITY_CLASS,
            logAsJson: true,
            // a PDB with minAvailable 1 on a single replica would block every node drain
            defaultPodDisruptionBudget: { enabled: replicas > 1 },
          },
        },
      },
    });
    if (scraper) new IstioPodMonitor(this.manifestFile('monitoring'), 'metrics', { name: 'istiod', namespace: ISTIO_NAMESPACE, podLabels: ISTIOD_POD_LABELS, endpoint: ISTIO_METRICS_ENDPOINTS.istiod });
  }
}
