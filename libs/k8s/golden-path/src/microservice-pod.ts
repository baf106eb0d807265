import { type IntOrString, type PodSpec, Quantity, IntOrString as K8sIntOrString } from '@platform/k8s-imports/k8s';
import type { ServiceDeclaration } from './service-declaration';
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
  STARTUP_PROBE,
  TERMINATION_GRACE_PERIOD_SECONDS,
  TMP_MOUNT_PATH,
} from './spring-boot-profile';

/** Label every object of a service carries; also the pod selector. */
export const SERVICE_NAME_LABEL = 'app.kubernetes.io/name';
/** Label naming the tenant (the Backstage system and `app.kubernetes.io/part-of`). */
export const PART_OF_LABEL = 'app.kubernetes.io/part-of';

/**
 * Zone spread: at most one replica more in one zone than in another; `ScheduleAnyway` so a scale-up
 * during a zone outage still schedules (the HPA must not stall).
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/
 */
export const ZONE_SPREAD_MAX_SKEW = 1;
export const ZONE_TOPOLOGY_KEY = 'topology.kubernetes.io/zone';
/** Node spread: never two replicas on one node while another node fits (`DoNotSchedule` on hostname). */
export const NODE_TOPOLOGY_KEY = 'kubernetes.io/hostname';
/** PriorityClass of tenant services (baseline `PRIORITY_CLASSES`). */
export const SERVICE_PRIORITY_CLASS = 'tenant-default';
/**
 * UID/GID the pods run as: the restricted Pod Security profile requires non-root, and the image's
 * own USER is not trusted to be numeric and non-root (Paketo/distroless images use 1000/65532; 10001
 * is outside both and every base image's system range).
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export const SERVICE_RUN_AS_USER = 10001;
/** Size limit of the writable `/tmp` (Tomcat work dir, JVM hsperf), MiB; counted against the memory limit when tmpfs-backed. */
export const TMP_SIZE_LIMIT_MIB = 128;

/** Security context of every container, as the restricted Pod Security profile requires. */
export const CONTAINER_SECURITY_CONTEXT = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
} as const;

export interface MicroservicePodProps {
  readonly service: ServiceDeclaration;
  readonly image: string;
  /** Container environment (profile, data connections, secrets). */
  readonly env: readonly EnvVar[];
  /** Load the OTel Java agent (init container copying it into a shared volume). */
  readonly javaAgent: boolean;
}

const port = (n: number): IntOrString => K8sIntOrString.fromNumber(n);

/**
 * The pod of a Spring Boot service: non-root restricted security context, read-only root with a
 * bounded `/tmp`, requests = limits for memory, actuator startup/liveness/readiness probes, a
 * preStop sleep and the grace period of the profile, zone and node spread, the OTel agent init
 * container when tracing is on.
 */
export function microservicePodSpec(props: MicroservicePodProps): PodSpec {
  const s = props.service;
  const memory = Quantity.fromString(`${s.resources.memoryMiB}Mi`);
  const selector = { [SERVICE_NAME_LABEL]: s.name };
  const httpGet = (path: string) => ({ path, port: port(ACTUATOR_PORT) });
  const spread = (topologyKey: string, whenUnsatisfiable: string) => ({ maxSkew: ZONE_SPREAD_MAX_SKEW, topologyKey, whenUnsatisfiable, labelSelector: { matchLabels: selector } });
  return {
    serviceAccountName: s.name,
    automountServiceAccountToken: false,
    priorityClassName: SERVICE_PRIORITY_CLASS,
    terminationGracePeriodSeconds: TERMINATION_GRACE_PERIOD_SECONDS,
    securityContext: { runAsNonRoot: true, runAsUser: SERVICE_RUN_AS_USER, runAsGroup: SERVICE_RUN_AS_USER, fsGroup: SERVICE_RUN_AS_USER, seccompProfile: { type: 'RuntimeDefault' } },
    topologySpreadConstraints: [spread(ZONE_TOPOLOGY_KEY, 'ScheduleAnyway'), spread(NODE_TOPOLOGY_KEY, 'ScheduleAnyway')],
    initContainers: props.javaAgent
      ? [
          {
            name: 'otel-agent',
            image: OTEL_JAVA_AGENT.image,
            command: ['cp', OTEL_JAVA_AGENT.sourcePath, OTEL_JAVA_AGENT.jarPath],
            resources: {
              requests: { cpu: Quantity.fromString(OTEL_JAVA_AGENT.resources.requests.cpu), memory: Quantity.fromString(OTEL_JAVA_AGENT.resources.requests.memory) },
              limits: { memory: Quantity.fromString(OTEL_JAVA_AGENT.resources.limits.memory) },
            },
            securityContext: { ...CONTAINER_SECURITY_CONTEXT, capabilities: { drop: ['ALL'] } },
            volumeMounts: [{ name: 'otel-agent', mountPath: OTEL_JAVA_AGENT.mountPath }],
          },
        ]
      : undefined,
    containers: [
      {
        name: 'app',
        image: props.image,
        ports: [...s.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: 'TCP' })), { name: ACTUATOR_PORT_NAME, containerPort: ACTUATOR_PORT, protocol: 'TCP' }],
        env: props.env.map((e) => ({ ...e })),
        resources: { requests: { cpu: Quantity.fromString(`${s.resources.cpuMillicores}m`), memory }, limits: { memory } },
        startupProbe: { httpGet: httpGet(LIVENESS_PATH), ...STARTUP_PROBE },
        livenessProbe: { httpGet: httpGet(LIVENESS_PATH), ...LIVENESS_PROBE },
        readinessProbe: { httpGet: httpGet(READINESS_PATH), ...READINESS_PROBE },
        lifecycle: { preStop: { sleep: { seconds: PRESTOP_SLEEP_SECONDS } } },
        securityContext: { ...CONTAINER_SECURITY_CONTEXT, capabilities: { drop: ['ALL'] } },
        volumeMounts: [{ name: 'tmp', mountPath: TMP_MOUNT_PATH }, ...(props.javaAgent ? [{ name: 'otel-agent', mountPath: OTEL_JAVA_AGENT.mountPath, readOnly: true }] : [])],
      },
    ],
    volumes: [
      { name: 'tmp', emptyDir: { sizeLimit: Quantity.fromString(`${TMP_SIZE_LIMIT_MIB}Mi`) } },
      ...(props.javaAgent ? [{ name: 'otel-agent', emptyDir: { sizeLimit: Quantity.fromString(OTEL_JAVA_AGENT.volumeSize) } }] : []),
    ],
  };
}
