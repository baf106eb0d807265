import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

/** Outlier detection and connection limits of one Service. */
export interface CircuitBreakerProps {
  readonly namespace: string;
  /** The Service the policy applies to (host `<service>.<namespace>.svc.cluster.local`). */
  readonly service: string;
  /** Consecutive 5xx responses after which an endpoint is ejected. @default 5 */
  readonly consecutive5xxErrors?: number;
  /** How often endpoints are evaluated, seconds. @default 10 */
  readonly intervalSeconds?: number;
  /** Minimum ejection time, seconds (multiplied by the number of ejections). @default 30 */
  readonly baseEjectionSeconds?: number;
  /** Most endpoints ejected at once, percent. @default 50 (never eject the whole Service) */
  readonly maxEjectionPercent?: number;
  /** Pending HTTP requests queued per endpoint before the client fails fast. @default 1024 */
  readonly maxPendingRequests?: number;
}

/** Defaults of the outlier detection (Istio's own default ejection is off). */
export const CIRCUIT_BREAKER_DEFAULTS = { consecutive5xxErrors: 5, intervalSeconds: 10, baseEjectionSeconds: 30, maxEjectionPercent: 50, maxPendingRequests: 1024 } as const;

/**
 * An Istio `DestinationRule` (`networking.istio.io/v1`) with outlier detection and a pending-request
 * limit: clients (the ingress gateway, waypoints) stop sending to failing endpoints and fail fast
 * when a Service is saturated. mTLS stays as the mesh sets it (ISTIO_MUTUAL; no `tls` override).
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#OutlierDetection
 * @throws Error naming the field when a value is not a positive integer or a percentage above 100
 */
export class CircuitBreaker extends Construct {
  public readonly destinationRule: ApiObject;

  constructor(scope: Construct, id: string, props: CircuitBreakerProps) {
    super(scope, id);
    const v = { ...CIRCUIT_BREAKER_DEFAULTS, ...Object.fromEntries(Object.entries(props).filter(([, x]) => x !== undefined)) } as Required<CircuitBreakerProps>;
    for (const f of ['consecutive5xxErrors', 'intervalSeconds', 'baseEjectionSeconds', 'maxEjectionPercent', 'maxPendingRequests'] as const) {
      if (!Number.isInteger(v[f]) || v[f] < 1) throw new Error(`CircuitBreaker ${props.namespace}/${props.service}: ${f} is ${v[f]}; use a positive integer`);
    }
    if (v.maxEjectionPercent > 100) throw new Error(`CircuitBreaker ${props.namespace}/${props.service}: maxEjectionPercent is ${v.maxEjectionPercent}; use at most 100`);
    this.destinationRule = new ApiObject(this, 'destination-rule', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: props.service, namespace: props.namespace },
      spec: {
        host: `${props.service}.${props.namespace}.svc.cluster.local`,
        trafficPolicy: {
          connectionPool: { http: { http1MaxPendingRequests: v.maxPendingRequests } },
          outlierDetection: { consecutive5xxErrors: v.consecutive5xxErrors, interval: `${v.intervalSeconds}s`, baseEjectionTime: `${v.baseEjectionSeconds}s`, maxEjectionPercent: v.maxEjectionPercent },
        },
      },
    });
  }
}
