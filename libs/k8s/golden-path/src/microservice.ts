import { GATEWAY_CALLER, JVM_NON_HEAP_ANNOTATION, POD_IDENTITY_LABEL, ROLLING_UPDATE_MAX_SURGE } from '@platform/config';
import type { ServiceEndpoint } from '@platform/k8s-core';
import { ServiceMonitor, ServiceMonitorSpecEndpointsScheme } from '@platform/k8s-imports/monitoring.coreos.com';
import { AuthorizationPolicy, CanaryStrategy, DEFAULT_CANARY_STEPS, type GatewayParentRef, PlatformHttpRoute, serviceAccountPrincipal } from '@platform/k8s-mesh';
import { PlatformPrometheusRule } from '@platform/k8s-observability';
import { PlatformExternalSecret } from '@platform/k8s-security';
import { ApiObject } from 'cdk8s';
import {
  IntOrString,
  KubeDeployment,
  KubeHorizontalPodAutoscalerV2,
  KubeNetworkPolicy,
  KubePodDisruptionBudget,
  KubeService,
  KubeServiceAccount,
  Quantity,
  toJson_PodSpec,
} from '@platform/k8s-imports/k8s';
import { Construct } from 'constructs';
import type { DataSecretDelivery } from './data-secret-requests';
import { MetricsScrapeAdmission } from './metrics-scrape-admission';
import { microservicePodSpec, PART_OF_LABEL, SERVICE_NAME_LABEL } from './microservice-pod';
import type { ServiceDeclaration } from './service-declaration';
import { type DataEgress, type ServiceDataConnections, springDataEnv } from './service-data-environment';
import { serviceSecrets } from './service-secrets';
import { serviceSlos } from './service-slos';
import { ACTUATOR_PORT, ACTUATOR_PORT_NAME, PROMETHEUS_PATH, SCRAPE_INTERVAL, springBootEnv } from './spring-boot-profile';

/** Label of the Service the ServiceMonitor scrapes through (the one selecting every pod, stable and canary). */
export const SCRAPE_LABEL = 'platform.io/scrape';
/** Rollout revisions kept for `kubectl argo rollouts undo` / Deployment rollbacks. */
export const REVISION_HISTORY_LIMIT = 5;
/**
 * Rolling update of a Deployment: one extra pod at a time, none taken away before its replacement is
 * ready (capacity never drops below `replicas.min`).
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-update-deployment
 */
export const ROLLING_UPDATE = { maxSurge: ROLLING_UPDATE_MAX_SURGE, maxUnavailable: 0 } as const;
/** PDB of a service with 2+ replicas: one voluntary eviction at a time. */
export const PDB_MAX_UNAVAILABLE = 1;

/** A network peer allowed to reach the service (the caller's namespace and pod labels). */
export interface ServicePeer {
  readonly namespace: string;
  readonly podLabels: Readonly<Record<string, string>>;
}

/** The mesh ingress a service with a `route` attaches to (mesh layer `IngressGateway`). */
export interface ServiceIngress {
  /** The Gateway listener (HTTPRoute `parentRefs`). */
  readonly parentRef: GatewayParentRef;
  /** Wildcard host of the listener, `*.apps.<dns.domain>`; the route's `host` replaces the `*`. */
  readonly wildcardHost: string;
  /** The gateway pods (NetworkPolicy ingress peer). */
  readonly pods: ServicePeer;
  /** ServiceAccount of the gateway pods (AuthorizationPolicy principal). */
  readonly serviceAccount: { readonly namespace: string; readonly name: string };
}

export interface MicroserviceProps {
  readonly environment: string;
  /** Tenant namespace. */
  readonly namespace: string;
  readonly service: ServiceDeclaration;
  /** Full image reference from the build pipeline's `images/<env>/<repository>.yaml`. */
  readonly image: string;
  /** The ingress gateway (required when the service has a `route`). @default none */
  readonly ingress?: ServiceIngress;
  /** Pods that scrape `/actuator/prometheus` (the metrics collector). @default none (no scrape ingress rule) */
  readonly scraper?: ServicePeer;
  /** OTLP/HTTP endpoint of the collector for the OTel Java agent (observability layer). @default none (no agent) */
  readonly otlpHttpEndpoint?: ServiceEndpoint;
  /** The namespace is in the mesh: render the AuthorizationPolicy and allow this HBONE port in the NetworkPolicies. @default none (not meshed) */
  readonly meshHbonePort?: number;
  /** Connections of the declared database, cache and topics (data layer `DataServices.connect`). @default none */
  readonly dataConnections?: ServiceDataConnections;
  /**
   * Copies of data Secrets of other namespaces into the tenant's (ADR 0054): their passwords and
   * certificates are read from the copies. @default none (such Secrets are listed in `undeliveredSecrets`)
   */
  readonly dataSecrets?: DataSecretDelivery;
  /** Prefix of the SLO alerts' `runbook_url` (`observability.runbookBaseUrl`). */
  readonly runbookBaseUrl: string;
  /** Pod Identity contract entry id when the service declares AWS permissions. @default none */
  readonly podIdentityId?: string;
}

/**
 * Everything a tenant service runs as, from its declaration (ADR 0040): ServiceAccount (labelled with
 * its Pod Identity contract entry), a Deployment, or an Argo Rollout with the mesh's `CanaryStrategy`
 * for `rollout: canary`, the Spring Boot profile (probes, agent, heap from the limit, graceful
 * shutdown), the restricted security context, zone spread, the Service(s), an HPA (CPU, optional pods
 * metric), a PDB from 2 replicas, ingress/egress NetworkPolicies and the mesh AuthorizationPolicy from
 * its callers, the scraper's mesh admission to the actuator port only (PeerAuthentication +
 * AuthorizationPolicy), the HTTPRoute of its route, a ServiceMonitor, the SLO rules (the observability layer's
 * `ServiceLevelObjective` per objective, in one `PlatformPrometheusRule`), and one ExternalSecret per
 * declared secret (the security layer's `PlatformExternalSecret` on the ClusterSecretStore `openbao`)
 * whose keys reach the container as the declared environment variables.
 * @throws Error naming environment, tenant, service and field when the route has no ingress, or a
 *   canary has no route
 */
export class Microservice extends Construct {
  public readonly labels: Readonly<Record<string, string>>;
  public readonly workload: ApiObject;
  /** The Service every in-cluster caller uses (all pods). */
  public readonly service: KubeService;
  public readonly route?: PlatformHttpRoute;
  /** Secrets of its data services that live in another namespace and must be delivered to the tenant's (`<namespace>/<name>`). */
  public readonly undeliveredSecrets: readonly string[];
  /** The ExternalSecrets of its declared `secrets`, each reading OpenBao `<env>/<namespace>/<service>-<name>`. */
  public readonly externalSecrets: readonly PlatformExternalSecret[];

  constructor(scope: Construct, id: string, props: MicroserviceProps) {
    super(scope, id);
    const s = props.service;
    const where = `${props.environment}: tenant "${props.namespace}" service "${s.name}"`;
    const ns = props.namespace;
    const selector = { [SERVICE_NAME_LABEL]: s.name };
    this.labels = { ...selector, [PART_OF_LABEL]: ns, 'app.kubernetes.io/managed-by': 'platform' };
    const metadata = (name: string, extra: Readonly<Record<string, string>> = {}) => ({ name, namespace: ns, labels: { ...this.labels, ...extra } });
    if (s.route && !props.ingress) throw new Error(`${where}: route: needs the mesh ingress gateway (addons.enabled.istio-ingress); enable it or remove the route`);
    if (s.rollout === 'canary' && !s.route) throw new Error(`${where}: rollout: "canary" shifts the route's traffic; add a route or use "rolling"`);

    new KubeServiceAccount(this, 'service-account', {
      metadata: metadata(s.name, props.podIdentityId ? { [POD_IDENTITY_LABEL]: props.podIdentityId } : {}),
      automountServiceAccountToken: false,
    });

    const data = props.dataConnections ? springDataEnv(ns, props.dataConnections, s.database?.access === 'readOnly', props.dataSecrets, s.topics.some((t) => t.access !== 'produce') ? s.name : undefined) : undefined;
    this.undeliveredSecrets = data?.missingSecrets ?? [];
    const secrets = serviceSecrets({ environment: props.environment, namespace: ns, service: s });
    this.externalSecrets = s.secrets.map((x) => new PlatformExternalSecret(this, `secret-${x.name}`, secrets.externalSecret(x)));
    const env = [
      ...springBootEnv({ service: s.name, serverPort: s.ports[0]?.port ?? 0, tenant: ns, environment: props.environment, maxRamPercent: s.jvm.maxRamPercent, otlpHttpEndpoint: props.otlpHttpEndpoint, latencyObjectiveMs: s.slo?.latency.thresholdMs }),
      ...(data?.env ?? []),
      ...secrets.env,
    ];
    const podSpec = microservicePodSpec({ service: s, image: props.image, env, javaAgent: props.otlpHttpEndpoint !== undefined });
    const template = { metadata: { labels: this.labels, annotations: { [JVM_NON_HEAP_ANNOTATION]: String(s.jvm.nonHeapMiB) } }, spec: podSpec };

    const servicePorts = [
      ...s.ports.map((p) => ({ name: p.name, port: p.port, targetPort: IntOrString.fromString(p.name), appProtocol: p.protocol })),
      { name: ACTUATOR_PORT_NAME, port: ACTUATOR_PORT, targetPort: IntOrString.fromString(ACTUATOR_PORT_NAME), appProtocol: 'http' },
    ];
    this.service = new KubeService(this, 'service', { metadata: metadata(s.name, { [SCRAPE_LABEL]: 'true' }), spec: { selector, ports: servicePorts } });

    let route: PlatformHttpRoute | undefined;
    const declaredRoute = s.route;
    if (declaredRoute && props.ingress) {
      const port = s.ports.find((p) => p.name === declaredRoute.port);
      if (!port) throw new Error(`${where}: route.port: "${declaredRoute.port}" is not one of ports[].name`);
      const canary = s.rollout === 'canary';
      // a canary route sends to the stable and canary Services (Argo Rollouts rewrites the weights)
      const backends = canary ? [{ service: `${s.name}-stable`, port: port.port, weight: 100 }, { service: `${s.name}-canary`, port: port.port, weight: 0 }] : [{ service: s.name, port: port.port }];
      route = new PlatformHttpRoute(this, 'route', {
        name: s.name,
        namespace: ns,
        parentRefs: [props.ingress.parentRef],
        hostnames: [props.ingress.wildcardHost.replace('*', declaredRoute.host)],
        rules: declaredRoute.pathPrefixes.map((pathPrefix) => ({ pathPrefix, backends, requestTimeoutSeconds: declaredRoute.timeoutSeconds })),
      });
      this.route = route;
    }

    if (s.rollout === 'canary' && route) {
      for (const role of ['stable', 'canary'] as const) {
        new KubeService(this, `service-${role}`, { metadata: metadata(`${s.name}-${role}`, { 'platform.io/rollout-role': role }), spec: { selector, ports: servicePorts } });
      }
      const strategy = new CanaryStrategy({
        namespace: ns,
        stableService: `${s.name}-stable`,
        canaryService: `${s.name}-canary`,
        httpRoute: { name: route.route.name, backendServices: route.backendServices },
        steps: DEFAULT_CANARY_STEPS,
      });
      // Argo Rollouts `Rollout` (argoproj.io/v1alpha1): the pod template of a Deployment plus the canary strategy
      this.workload = new ApiObject(this, 'rollout', {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Rollout',
        metadata: metadata(s.name),
        spec: {
          replicas: s.replicas.min,
          revisionHistoryLimit: REVISION_HISTORY_LIMIT,
          selector: { matchLabels: selector },
          template: { metadata: template.metadata, spec: toJson_PodSpec(podSpec) },
          strategy: strategy.strategy,
        },
      });
    } else {
      this.workload = new KubeDeployment(this, 'deployment', {
        metadata: metadata(s.name),
        spec: {
          replicas: s.replicas.min,
          revisionHistoryLimit: REVISION_HISTORY_LIMIT,
          selector: { matchLabels: selector },
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: IntOrString.fromNumber(ROLLING_UPDATE.maxSurge), maxUnavailable: IntOrString.fromNumber(ROLLING_UPDATE.maxUnavailable) } },
          template,
        },
      });
    }

    new KubeHorizontalPodAutoscalerV2(this, 'hpa', {
      metadata: metadata(s.name),
      spec: {
        scaleTargetRef: { apiVersion: this.workload.apiVersion, kind: this.workload.kind, name: s.name },
        minReplicas: s.replicas.min,
        maxReplicas: s.replicas.max,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: s.autoscaling.targetCpuPercent } } },
          ...(s.autoscaling.podsMetric ? [{ type: 'Pods', pods: { metric: { name: s.autoscaling.podsMetric.name }, target: { type: 'AverageValue', averageValue: Quantity.fromString(s.autoscaling.podsMetric.averageValue) } } }] : []),
        ],
      },
    });

    if (s.replicas.min >= 2) {
      new KubePodDisruptionBudget(this, 'pdb', { metadata: metadata(s.name), spec: { maxUnavailable: IntOrString.fromNumber(PDB_MAX_UNAVAILABLE), selector: { matchLabels: selector } } });
    }

    this.renderAccessPolicies(props, data?.egress ?? []);

    new ServiceMonitor(this, 'service-monitor', {
      metadata: metadata(s.name),
      spec: {
        selector: { matchLabels: { ...selector, [SCRAPE_LABEL]: 'true' } },
        endpoints: [{ port: ACTUATOR_PORT_NAME, path: PROMETHEUS_PATH, interval: SCRAPE_INTERVAL, scheme: ServiceMonitorSpecEndpointsScheme.HTTP }],
      },
    });

    if (s.slo) {
      const slos = serviceSlos({ namespace: ns, service: s.name, availabilityPercent: s.slo.availabilityPercent, latency: s.slo.latency });
      const rule = new PlatformPrometheusRule(this, 'slo', { name: `${s.name}-slo`, namespace: ns, groups: slos.map((o) => o.ruleGroup()), runbookBaseUrl: props.runbookBaseUrl });
      for (const [k, v] of Object.entries(this.labels)) rule.rule.metadata.addLabel(k, v);
    }
  }

  /**
   * Ingress: application ports from the calling services and the gateway, the actuator port from the
   * scraper (plus HBONE when meshed; kubelet probes come from the node and are allowed by the
   * namespace baseline). Egress: the OTLP collector and the data services. Meshed: an identity ALLOW AuthorizationPolicy
   * for the callers' ServiceAccounts on the application ports, and the scraper's plaintext admission to the actuator
   * port only (`MetricsScrapeAdmission`).
   */
  private renderAccessPolicies(props: MicroserviceProps, dataEgress: readonly DataEgress[]): void {
    const s = props.service;
    const ns = props.namespace;
    const selector = { [SERVICE_NAME_LABEL]: s.name };
    const hbone = props.meshHbonePort ? [{ port: IntOrString.fromNumber(props.meshHbonePort), protocol: 'TCP' }] : [];
    const appPorts = [...s.ports.map((p) => ({ port: IntOrString.fromNumber(p.port), protocol: 'TCP' })), ...hbone];
    const callers = [...s.callers].sort();
    const services = callers.filter((c) => c !== GATEWAY_CALLER);
    const peer = (p: ServicePeer) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': p.namespace } }, podSelector: { matchLabels: { ...p.podLabels } } });
    const ingress = [
      ...(services.length > 0 ? [{ from: services.map((c) => ({ podSelector: { matchLabels: { [SERVICE_NAME_LABEL]: c } } })), ports: appPorts }] : []),
      ...(callers.includes(GATEWAY_CALLER) && props.ingress ? [{ from: [peer(props.ingress.pods)], ports: appPorts }] : []),
      ...(props.scraper ? [{ from: [peer(props.scraper)], ports: [{ port: IntOrString.fromNumber(ACTUATOR_PORT), protocol: 'TCP' }, ...hbone] }] : []),
    ];
    new KubeNetworkPolicy(this, 'network-policy', {
      metadata: { name: `${s.name}-ingress`, namespace: ns, labels: this.labels, annotations: { 'platform.io/reason': `callers of ${s.name}: ${callers.join(', ') || 'none'}` } },
      spec: { podSelector: { matchLabels: selector }, policyTypes: ['Ingress'], ingress },
    });
    const egress = [
      ...(props.otlpHttpEndpoint ? [{ namespace: props.otlpHttpEndpoint.namespace, port: props.otlpHttpEndpoint.port, description: 'traces to the OTLP collector' }] : []),
      ...dataEgress,
    ];
    if (egress.length > 0) {
      new KubeNetworkPolicy(this, 'egress-policy', {
        metadata: { name: `${s.name}-egress`, namespace: ns, labels: this.labels, annotations: { 'platform.io/reason': `${s.name}: ${egress.map((e) => e.description).join('; ')}` } },
        spec: {
          podSelector: { matchLabels: selector },
          policyTypes: ['Egress'],
          egress: egress.map((e) => ({ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': e.namespace } } }], ports: [{ port: IntOrString.fromNumber(e.port), protocol: 'TCP' }] })),
        },
      });
    }
    if (props.meshHbonePort && callers.length > 0) {
      const principals = callers.map((c) => (c === GATEWAY_CALLER && props.ingress ? serviceAccountPrincipal(props.ingress.serviceAccount.namespace, props.ingress.serviceAccount.name) : serviceAccountPrincipal(ns, c)));
      new AuthorizationPolicy(this, 'authorization-policy', {
        name: `${s.name}-callers`,
        namespace: ns,
        reason: `callers of ${s.name}: ${callers.join(', ')}`,
        spec: { selector: { matchLabels: selector }, action: 'ALLOW', rules: [{ from: [{ source: { principals } }], to: [{ operation: { ports: s.ports.map((p) => String(p.port)) } }] }] },
      });
    }
    // the scraper is outside the mesh: without this, STRICT mTLS and the namespace's default-deny drop its plaintext scrape
    if (props.meshHbonePort && props.scraper) {
      new MetricsScrapeAdmission(this, 'metrics-scrape', { namespace: ns, service: s.name, podLabels: selector, metricsPort: ACTUATOR_PORT, scraper: `the ${props.scraper.namespace} pods ${Object.entries(props.scraper.podLabels).map(([k, v]) => `${k}=${v}`).join(',')}` });
    }
  }
}
