import { ACTUATOR_PORT } from '@platform/config';
import { type ServiceEndpoint, serviceUrl } from '@platform/k8s-core';

export { ACTUATOR_PORT };

/**
 * Defaults of the `spring-boot` profile, each with its source. A service changes them through its
 * declaration (`jvm`, `resources`), never by hand in the rendered YAML.
 */

/** Name of the actuator port in the Service (the ServiceMonitor scrapes it). */
export const ACTUATOR_PORT_NAME = 'management';

/**
 * Kubernetes probe groups of Spring Boot (enabled automatically on Kubernetes, explicitly here).
 * @see https://docs.spring.io/spring-boot/reference/actuator/endpoints.html#actuator.endpoints.kubernetes-probes
 */
export const LIVENESS_PATH = '/actuator/health/liveness';
export const READINESS_PATH = '/actuator/health/readiness';
/** Micrometer's Prometheus endpoint. @see https://docs.spring.io/spring-boot/reference/actuator/metrics.html#actuator.metrics.export.prometheus */
export const PROMETHEUS_PATH = '/actuator/prometheus';

/** Prometheus scrape interval of the actuator endpoint (matches the collector's default 30 s scrape cadence). */
export const SCRAPE_INTERVAL = '30s';

/**
 * Startup probe on the liveness group: up to `failureThreshold x periodSeconds` = 150 s for the JVM
 * and the context to start before liveness takes over (cold JIT with the OTel agent on 0.25 core).
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-startup-probes
 */
export const STARTUP_PROBE = { periodSeconds: 5, failureThreshold: 30 } as const;
export const LIVENESS_PROBE = { periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 2 } as const;
export const READINESS_PROBE = { periodSeconds: 5, failureThreshold: 3, timeoutSeconds: 2 } as const;

/**
 * Graceful shutdown: the preStop sleep lets the endpoints controller and the mesh drop the pod
 * before SIGTERM; Spring then drains in-flight requests for at most the shutdown phase timeout;
 * the grace period covers both plus a margin, so the kubelet never SIGKILLs a draining JVM.
 * @see https://docs.spring.io/spring-boot/reference/web/graceful-shutdown.html
 * @see https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#hook-handler-implementations (sleep action)
 */
export const PRESTOP_SLEEP_SECONDS = 5;
export const SHUTDOWN_PHASE_TIMEOUT_SECONDS = 20;
export const SHUTDOWN_MARGIN_SECONDS = 5;
export const TERMINATION_GRACE_PERIOD_SECONDS = PRESTOP_SLEEP_SECONDS + SHUTDOWN_PHASE_TIMEOUT_SECONDS + SHUTDOWN_MARGIN_SECONDS;

/**
 * The OpenTelemetry Java agent, copied by an init container into a shared emptyDir and loaded with
 * `-javaagent` through `JAVA_TOOL_OPTIONS` (the image need not contain it). The image is the one the
 * OpenTelemetry Operator itself injects, with the agent at `/javaagent.jar`.
 * @see https://github.com/open-telemetry/opentelemetry-operator/tree/main/autoinstrumentation/java
 * @see https://opentelemetry.io/docs/zero-code/java/agent/configuration/
 */
export const OTEL_JAVA_AGENT = {
  image: 'ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-java:2.20.1',
  sourcePath: '/javaagent.jar',
  mountPath: '/otel-agent',
  jarPath: '/otel-agent/opentelemetry-javaagent.jar',
  resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } },
  /** emptyDir holding the agent jar (about 25 MiB). */
  volumeSize: '64Mi',
} as const;

/** Writable scratch for Tomcat and the JVM (the root filesystem is read-only). */
export const TMP_MOUNT_PATH = '/tmp';

/** One container environment variable (literal or from a Secret key). */
export type EnvVar = { readonly name: string; readonly value: string } | { readonly name: string; readonly valueFrom: { readonly secretKeyRef: { readonly name: string; readonly key: string } } };

export interface SpringBootEnvProps {
  readonly service: string;
  readonly tenant: string;
  readonly environment: string;
  /** Application port (`ports[0]`), set as `SERVER_PORT` so the image's own default does not matter. */
  readonly serverPort: number;
  /** Heap share of the memory limit, percent (`-XX:MaxRAMPercentage`). */
  readonly maxRamPercent: number;
  /** OTLP/HTTP endpoint of the collector; without it no agent is loaded. */
  readonly otlpHttpEndpoint?: ServiceEndpoint;
  /** Latency objective, ms: published as a histogram bucket boundary of `http.server.requests` so the SLO counts it exactly. @default none */
  readonly latencyObjectiveMs?: number;
}

/**
 * Environment of a Spring Boot container: JVM sizing and the agent in `JAVA_TOOL_OPTIONS`, the
 * management port and probe groups, graceful shutdown, and the OTel resource attributes.
 */
export function springBootEnv(props: SpringBootEnvProps): EnvVar[] {
  const javaOptions = [`-XX:MaxRAMPercentage=${props.maxRamPercent}`, `-XX:InitialRAMPercentage=${props.maxRamPercent}`, '-XX:+ExitOnOutOfMemoryError', ...(props.otlpHttpEndpoint ? [`-javaagent:${OTEL_JAVA_AGENT.jarPath}`] : [])];
  return [
    { name: 'JAVA_TOOL_OPTIONS', value: javaOptions.join(' ') },
    { name: 'SERVER_PORT', value: String(props.serverPort) },
    { name: 'MANAGEMENT_SERVER_PORT', value: String(ACTUATOR_PORT) },
    { name: 'MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED', value: 'true' },
    { name: 'MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE', value: 'health,prometheus' },
    { name: 'SERVER_SHUTDOWN', value: 'graceful' },
    { name: 'SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE', value: `${SHUTDOWN_PHASE_TIMEOUT_SECONDS}s` },
    // the SLO's latency threshold as a bucket boundary (`management.metrics.distribution.slo.*`)
    ...(props.latencyObjectiveMs !== undefined ? [{ name: 'MANAGEMENT_METRICS_DISTRIBUTION_SLO_HTTP_SERVER_REQUESTS', value: `${props.latencyObjectiveMs}ms` }] : []),
    ...(props.otlpHttpEndpoint
      ? [
          { name: 'OTEL_SERVICE_NAME', value: props.service },
          { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: serviceUrl(props.otlpHttpEndpoint) },
          { name: 'OTEL_EXPORTER_OTLP_PROTOCOL', value: 'http/protobuf' },
          // metrics go through the Prometheus scrape, logs through the pod log collector
          { name: 'OTEL_METRICS_EXPORTER', value: 'none' },
          { name: 'OTEL_LOGS_EXPORTER', value: 'none' },
          { name: 'OTEL_RESOURCE_ATTRIBUTES', value: `service.namespace=${props.tenant},deployment.environment.name=${props.environment}` },
        ]
      : []),
  ];
}
