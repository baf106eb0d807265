import { SLI_WINDOW_PLACEHOLDER, ServiceLevelObjective } from '@platform/k8s-observability';

/**
 * Micrometer's HTTP server timer as Prometheus exposes it (Spring Boot `http.server.requests`):
 * `_count` per `status`, `_bucket` per `le` when a bucket boundary (the SLO threshold) is published.
 * @see https://docs.spring.io/spring-boot/reference/actuator/metrics.html#actuator.metrics.supported.spring-mvc
 */
export const HTTP_SERVER_REQUESTS = 'http_server_requests_seconds';

/**
 * The `le` label value of a bucket boundary in milliseconds, as Micrometer writes it (and Prometheus
 * 3 normalizes it): seconds as a float, `0.3`, `2.0`.
 */
export function bucketLe(thresholdMs: number): string {
  const seconds = thresholdMs / 1000;
  return Number.isInteger(seconds) ? `${seconds}.0` : String(seconds);
}

/** The two objectives a service declares (`slo`). */
export type ServiceSli = 'availability' | 'latency';

/** SLO name of one objective of a service, unique in the cluster (the recorded series carry only `slo` and `service`): `<tenant>-<service>-<sli>`. */
export function serviceSloName(namespace: string, service: string, sli: ServiceSli): string {
  return `${namespace}-${service}-${sli}`;
}

export interface ServiceSlosProps {
  readonly namespace: string;
  /** Service name: the `service` label the ServiceMonitor puts on the series. */
  readonly service: string;
  /** Share of non-5xx responses, percent. */
  readonly availabilityPercent: number;
  /** `percent` of the requests faster than `thresholdMs`. */
  readonly latency: { readonly thresholdMs: number; readonly percent: number };
}

/**
 * The objectives of a golden-path service as the observability layer's `ServiceLevelObjective`s (one
 * SLO implementation for the platform, ADR 0032: 30-day window, the SRE workbook's 14.4x/6x burn-rate
 * pairs): availability (responses that are not 5xx) and latency (responses within the threshold
 * bucket), both over the service's own `http.server.requests` timer, actuator calls excluded.
 * @throws Error from ServiceLevelObjective naming the SLO when an objective is not within (0, 100)
 */
export function serviceSlos(props: ServiceSlosProps): ServiceLevelObjective[] {
  const sel = `namespace="${props.namespace}",service="${props.service}",uri!~"/actuator.*"`;
  const w = SLI_WINDOW_PLACEHOLDER;
  const total = `sum(rate(${HTTP_SERVER_REQUESTS}_count{${sel}}[${w}]))`;
  const slo = (sli: ServiceSli, description: string, good: string, objectivePercent: number) =>
    new ServiceLevelObjective({ name: serviceSloName(props.namespace, props.service, sli), service: props.service, description, sli: { good, total }, objectivePercent });
  return [
    slo('availability', `${props.namespace}/${props.service} answers without a server error (5xx)`, `sum(rate(${HTTP_SERVER_REQUESTS}_count{${sel},status!~"5.."}[${w}]))`, props.availabilityPercent),
    slo('latency', `${props.namespace}/${props.service} answers within ${props.latency.thresholdMs} ms`, `sum(rate(${HTTP_SERVER_REQUESTS}_bucket{${sel},le="${bucketLe(props.latency.thresholdMs)}"}[${w}]))`, props.latency.percent),
  ];
}
