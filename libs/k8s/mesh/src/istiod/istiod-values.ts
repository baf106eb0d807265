/** Resource requests/limits as the chart renders them into the container. */
export interface ContainerResources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly memory: string };
}

/** One `meshConfig.extensionProviders` entry: the OpenTelemetry tracing exporter. @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-ExtensionProvider */
export interface OpenTelemetryTracingProvider {
  readonly name: string;
  readonly opentelemetry: { readonly service: string; readonly port: number };
}

/**
 * Typed subset of the istiod chart 1.30.3 values the platform sets (defaults under
 * `_internal_defaults_do_not_set`, lifted to the top level by the chart).
 * @see ../shared/upstream/charts/istiod/1.30.3/values.yaml
 */
export interface IstiodValues {
  /** Fixed replicas instead of the chart's HPA. @see values.yaml `autoscaleEnabled`, `replicaCount` */
  readonly autoscaleEnabled: false;
  readonly replicaCount: number;
  readonly resources: ContainerResources;
  /** istiod environment variables (name -> value). @see values.yaml `env` */
  readonly env: Readonly<Record<string, string>>;
  /** istiod expects istio-cni to redirect traffic (ambient needs it). @see values.yaml `cni` */
  readonly cni: { readonly enabled: boolean };
  /** Spread replicas over zones and nodes. @see values.yaml `topologySpreadConstraints` */
  readonly topologySpreadConstraints: readonly Record<string, unknown>[];
  /** PDB of istiod (rendered when `global.defaultPodDisruptionBudget.enabled`). @see values.yaml `pdb` */
  readonly pdb: { readonly minAvailable: number };
  readonly meshConfig: {
    readonly trustDomain: string;
    /** Proxies (gateways, waypoints) log requests as JSON to stdout. */
    readonly accessLogEncoding: 'JSON';
    readonly defaultConfig: { readonly proxyMetadata: Readonly<Record<string, string>> };
    readonly extensionProviders: readonly OpenTelemetryTracingProvider[];
    /** Retries of every HTTP route (Gateway API v1.5.1 standard HTTPRoute has no per-route retry). @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig */
    readonly defaultHttpRetryPolicy: { readonly attempts: number; readonly retryOn: string };
    /** Block traffic to hosts outside the registry (ServiceEntry needed). */
    readonly outboundTrafficPolicy: { readonly mode: 'REGISTRY_ONLY' | 'ALLOW_ANY' };
  };
  readonly global: {
    readonly hub: string;
    readonly tag: string;
    /** `distroless`: no shell or package manager in the images. */
    readonly variant: 'distroless' | '';
    readonly istioNamespace: string;
    readonly priorityClassName: string;
    readonly logAsJson: boolean;
    readonly defaultPodDisruptionBudget: { readonly enabled: boolean };
  };
}
