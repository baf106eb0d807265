import { type EnvironmentConfig, GATEWAY_CALLER, POD_IDENTITY_LABEL } from '@platform/config';
import type { ServiceEndpoint } from '@platform/k8s-core';
import { ApiObject } from 'cdk8s';
import { KubeDeployment, KubeHorizontalPodAutoscalerV2, KubeNetworkPolicy, KubePodDisruptionBudget, KubeService, KubeServiceAccount } from 'cdk8s-plus-34/lib/imports/k8s';
import { Construct } from 'constructs';
import {
  ACTUATOR_PORT,
  ACTUATOR_PORT_NAME,
  type EnvVar,
  LIVENESS_PATH,
  LIVENESS_PROBE,
  OTEL_JAVA_AGENT,
  PRESTOP_SLEEP_SECONDS,
  READINESS_PATH,
  READINESS_PROBE,
  springBootEnv,
  STARTUP_PROBE,
  TERMINATION_GRACE_PERIOD_SECONDS,
  TMP_MOUNT_PATH,
} from './spring-boot-profile';

/** One declared service of a tenant (`tenants[].services[]`). */
export type ServiceDeclaration = EnvironmentConfig['tenants'][number]['services'][number];

/** Label every object of a service carries; also the pod selector. */
export const SERVICE_NAME_LABEL = 'app.kubernetes.io/name';
/** Label naming the tenant (the Backstage system and `app.kubernetes.io/part-of`). */
export const PART_OF_LABEL = 'app.kubernetes.io/part-of';

/**
 * Zone spread: at most one replica more in one zone than in another; `ScheduleAnyway` for a single
 * zone at scale-up (the HPA must not stall on a zone outage).
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/
 */
export const ZONE_SPREAD_MAX_SKEW = 1;
export const ZONE_TOPOLOGY_KEY = 'topology.kubernetes.io/zone';
/** PriorityClass of tenant services (baseline `PRIORITY_CLASSES`). */
export const SERVICE_PRIORITY_CLASS = 'tenant-default';
/** Non-root UID the restricted Pod Security profile requires; the image's user is not trusted to be non-root. */
export const SERVICE_RUN_AS_USER = 10001;

/** A network peer allowed to reach the service (the caller's namespace and pod labels). */
export interface ServicePeer {
  readonly namespace: string;
  readonly podLabels: Readonly<Record<string, string>>;
}

export interface MicroserviceProps {
  readonly environment: string;
  /** Tenant namespace. */
  readonly namespace: string;
  readonly service: ServiceDeclaration;
  /** Full image reference from the build pipeline's `images/<env>/<service>.yaml`. */
  readonly image: string;
  /** Pods of the ingress gateway (required when the service has `gateway` as a caller). @default none */
  readonly gateway?: ServicePeer;
  /** Pods that scrape `/actuator/prometheus` (the metrics collector). @default none (no scrape ingress) */
  readonly scraper?: ServicePeer;
  /** OTLP/HTTP collector endpoint for the OTel Java agent. @default none (no agent) */
  readonly otlpHttpEndpoint?: ServiceEndpoint;
  /** The namespace runs in Istio ambient: allow HBONE (15008) beside the application ports. @default false */
  readonly meshHbonePort?: number;
  /** Extra container environment (data connections, secrets). @default [] */
  readonly extraEnv?: readonly EnvVar[];
  /** Pod Identity contract entry id when the service declares AWS permissions. @default none */
  readonly podIdentityId?: string;
}

/**
 * Everything a tenant service runs as, from its declaration (DESIGN D15): ServiceAccount (with the
 * Pod Identity label when it is a contract entry), Deployment with the Spring Boot profile (probes,
 * agent, heap from the limit, graceful shutdown), the restricted security context, zone spread,
 * Service (application ports + actuator), HPA (CPU, optional pods metric), PDB from 2 replicas and
 * an ingress NetworkPolicy from its callers, the gateway and the scraper.
 * @throws Error naming environment, tenant, service and field when a caller needs a peer that is not given
 */
export class Microservice extends Construct {
  public readonly labels: Readonly<Record<string, string>>;
  public readonly workload: ApiObject;
  public readonly service: KubeService;

  constructor(scope: Construct, id: string, props: MicroserviceProps) {
    super(scope, id);
    const s = props.service;
    const where = `${props.environment}: tenant "${props.namespace}" service "${s.name}"`;
    const selector = { [SERVICE_NAME_LABEL]: s.name };
    this.labels = { ...selector, [PART_OF_LABEL]: props.namespace, 'app.kubernetes.io/managed-by': 'platform' };
    const metadata = { name: s.name, namespace: props.namespace, labels: this.labels };

    new KubeServiceAccount(this, 'service-account', {
      metadata: { ...metadata, labels: { ...this.labels, ...(props.podIdentityId ? { [POD_IDENTITY_LABEL]: props.podIdentityId } : {}) } },
      automountServiceAccountToken: false,
    });

    const memory = `${s.resources.memoryMiB}Mi`;
    const env = [
      ...springBootEnv({ service: s.name, tenant: props.namespace, environment: props.environment, maxRamPercent: s.jvm.maxRamPercent, otlpHttpEndpoint: props.otlpHttpEndpoint }),
      ...(props.extraEnv ?? []),
    ];
    const httpGet = (path: string) => ({ path, port: { value: ACTUATOR_PORT } as never });
    const agentVolume = props.otlpHttpEndpoint ? [{ name: 'otel-agent', emptyDir: { sizeLimit: '64Mi' } }] : [];
    const containerSecurity = {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    };
    const podSpec = {
      serviceAccountName: s.name,
      priorityClassName: SERVICE_PRIORITY_CLASS,
      terminationGracePeriodSeconds: TERMINATION_GRACE_PERIOD_SECONDS,
      securityContext: { runAsNonRoot: true, runAsUser: SERVICE_RUN_AS_USER, runAsGroup: SERVICE_RUN_AS_USER, fsGroup: SERVICE_RUN_AS_USER, seccompProfile: { type: 'RuntimeDefault' } },
      topologySpreadConstraints: [{ maxSkew: ZONE_SPREAD_MAX_SKEW, topologyKey: ZONE_TOPOLOGY_KEY, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selector } }],
      initContainers: props.otlpHttpEndpoint
        ? [
            {
              name: 'otel-agent',
              image: OTEL_JAVA_AGENT.image,
              command: ['cp', OTEL_JAVA_AGENT.sourcePath, OTEL_JAVA_AGENT.jarPath],
              resources: OTEL_JAVA_AGENT.resources,
              securityContext: containerSecurity,
              volumeMounts: [{ name: 'otel-agent', mountPath: OTEL_JAVA_AGENT.mountPath }],
            },
          ]
        : undefined,
      containers: [
        {
          name: 'app',
          image: props.image,
          ports: [...s.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: 'TCP' })), { name: ACTUATOR_PORT_NAME, containerPort: ACTUATOR_PORT, protocol: 'TCP' }],
          env,
          resources: { requests: { cpu: `${s.resources.cpuMillicores}m`, memory }, limits: { memory } },
          startupProbe: { httpGet: httpGet(LIVENESS_PATH), ...STARTUP_PROBE },
          livenessProbe: { httpGet: httpGet(LIVENESS_PATH), ...LIVENESS_PROBE },
          readinessProbe: { httpGet: httpGet(READINESS_PATH), ...READINESS_PROBE },
          lifecycle: { preStop: { sleep: { seconds: PRESTOP_SLEEP_SECONDS } } },
          securityContext: containerSecurity,
          volumeMounts: [{ name: 'tmp', mountPath: TMP_MOUNT_PATH }, ...(props.otlpHttpEndpoint ? [{ name: 'otel-agent', mountPath: OTEL_JAVA_AGENT.mountPath, readOnly: true }] : [])],
        },
      ],
      volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } }, ...agentVolume],
    };
    this.workload = new KubeDeployment(this, 'deployment', {
      metadata,
      spec: {
        // the HPA owns the replica count; this is only the first rollout's size
        replicas: s.replicas.min,
        revisionHistoryLimit: 5,
        selector: { matchLabels: selector },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 as never, maxSurge: '25%' as never } },
        template: { metadata: { labels: this.labels }, spec: podSpec as never },
      },
    });

    this.service = new KubeService(this, 'service', {
      metadata,
      spec: {
        selector,
        ports: [
          ...s.ports.map((p) => ({ name: `${p.protocol === 'tcp' ? 'tcp' : p.protocol}-${p.name}`.slice(0, 15), port: p.port, targetPort: { value: p.name } as never, appProtocol: p.protocol })),
          { name: ACTUATOR_PORT_NAME, port: ACTUATOR_PORT, targetPort: { value: ACTUATOR_PORT_NAME } as never, appProtocol: 'http' },
        ],
      },
    });

    new KubeHorizontalPodAutoscalerV2(this, 'hpa', {
      metadata,
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: s.name },
        minReplicas: s.replicas.min,
        maxReplicas: s.replicas.max,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: s.autoscaling.targetCpuPercent } } },
          ...(s.autoscaling.podsMetric ? [{ type: 'Pods', pods: { metric: { name: s.autoscaling.podsMetric.name }, target: { type: 'AverageValue', averageValue: { value: s.autoscaling.podsMetric.averageValue } as never } } }] : []),
        ],
      },
    });

    if (s.replicas.min >= 2) {
      new KubePodDisruptionBudget(this, 'pdb', { metadata, spec: { maxUnavailable: { value: 1 } as never, selector: { matchLabels: selector } } });
    }

    const appPorts = [...s.ports.map((p) => ({ port: p.port, protocol: 'TCP' })), ...(props.meshHbonePort ? [{ port: props.meshHbonePort, protocol: 'TCP' }] : [])];
    const ingress: Record<string, unknown>[] = [];
    const callers = [...s.callers].sort();
    const services = callers.filter((c) => c !== GATEWAY_CALLER);
    if (services.length > 0) {
      ingress.push({ from: services.map((c) => ({ podSelector: { matchLabels: { [SERVICE_NAME_LABEL]: c } } })), ports: appPorts });
    }
    if (callers.includes(GATEWAY_CALLER)) {
      if (!props.gateway) throw new Error(`${where}: callers: "${GATEWAY_CALLER}" needs the mesh ingress gateway (addons.enabled.istio-ingress); enable it or remove the caller`);
      ingress.push({ from: [peerSelector(props.gateway)], ports: appPorts });
    }
    if (props.scraper) {
      ingress.push({ from: [peerSelector(props.scraper)], ports: [{ port: ACTUATOR_PORT, protocol: 'TCP' }, ...(props.meshHbonePort ? [{ port: props.meshHbonePort, protocol: 'TCP' }] : [])] });
    }
    // kubelet probes come from the node and are allowed by the namespace baseline
    new KubeNetworkPolicy(this, 'network-policy', {
      metadata: { name: `${s.name}-callers`, namespace: props.namespace, labels: this.labels, annotations: { 'platform.io/reason': `callers of ${s.name}: ${callers.join(', ') || 'none'}` } },
      spec: { podSelector: { matchLabels: selector }, policyTypes: ['Ingress'], ingress: ingress as never },
    });
  }
}

function peerSelector(peer: ServicePeer): Record<string, unknown> {
  return { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': peer.namespace } }, podSelector: { matchLabels: peer.podLabels } };
}
