import { HttpRoute, HttpRouteSpecRulesMatchesPathType } from '@platform/k8s-imports/gateway.networking.k8s.io';
import { Construct } from 'constructs';
import type { GatewayParentRef } from '../istio-ingress/gateway-parent-ref';

/** One backend of a rule: a Service port and, when traffic is split, its relative weight. */
export interface HttpRouteBackend {
  /** Service name in the route's namespace (XL-MESH-003 checks it exists). */
  readonly service: string;
  readonly port: number;
  /** Relative weight, 0-1,000,000; omit for a single backend. Argo Rollouts rewrites the weights of a canary route. @default 1 */
  readonly weight?: number;
}

/** One routing rule: what it matches, where it sends it, and how long it may take. */
export interface HttpRouteRule {
  /** Path prefix the rule matches, starting with `/`. @default '/' */
  readonly pathPrefix?: string;
  readonly backends: readonly HttpRouteBackend[];
  /** Whole client request deadline at the gateway, seconds (Gateway API `timeouts.request`). */
  readonly requestTimeoutSeconds: number;
  /**
   * Deadline of one attempt to the backend, seconds (`timeouts.backendRequest`), at most
   * `requestTimeoutSeconds`; retries (the mesh-wide policy, `MESH_DEFAULT_RETRY_POLICY`) happen within
   * the request deadline. @default requestTimeoutSeconds
   */
  readonly backendRequestTimeoutSeconds?: number;
}

export interface PlatformHttpRouteProps {
  readonly name: string;
  readonly namespace: string;
  /** Gateways (or a Service, for east-west routes through a waypoint) the route attaches to. */
  readonly parentRefs: readonly GatewayParentRef[];
  /** Host names, e.g. `orders.apps.<dns.domain>`; must fall under the listener's wildcard. */
  readonly hostnames: readonly string[];
  readonly rules: readonly HttpRouteRule[];
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * A Gateway API `HTTPRoute` (`gateway.networking.k8s.io/v1`, standard channel) with typed timeouts
 * and weights. Retries: the standard channel of Gateway API v1.5.1 has no `HTTPRouteRule.retry`
 * (GEP-1731 is experimental), so retries come from the mesh-wide policy istiod applies to every
 * route (`MESH_DEFAULT_RETRY_POLICY`, ADR 0022).
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httproute
 * @throws Error naming the route and the field: no rules or backends, a timeout that is not a whole
 *   positive number of seconds, a backend deadline above the request deadline, a weight outside
 *   0-1,000,000, a weighted rule whose weights are all 0, a path not starting with `/`, a non-DNS name
 */
export class PlatformHttpRoute extends Construct {
  public readonly route: HttpRoute;
  /** Service names the route sends to (for the canary helper and XL-MESH-003). */
  public readonly backendServices: readonly string[];

  constructor(scope: Construct, id: string, props: PlatformHttpRouteProps) {
    super(scope, id);
    const where = `HTTPRoute ${props.namespace}/${props.name}`;
    if (!DNS_LABEL.test(props.name)) throw new Error(`${where}: name must be a DNS-1123 label`);
    if (props.rules.length === 0) throw new Error(`${where}: rules must not be empty`);
    if (props.parentRefs.length === 0) throw new Error(`${where}: parentRefs must name at least one Gateway`);
    const rules = props.rules.map((r, i) => {
      const at = `${where}: rules[${i}]`;
      if (r.backends.length === 0) throw new Error(`${at}.backends must not be empty`);
      if (r.pathPrefix !== undefined && !r.pathPrefix.startsWith('/')) throw new Error(`${at}.pathPrefix "${r.pathPrefix}" must start with /`);
      const request = r.requestTimeoutSeconds;
      const backend = r.backendRequestTimeoutSeconds ?? request;
      for (const [field, v] of [['requestTimeoutSeconds', request], ['backendRequestTimeoutSeconds', backend]] as const) {
        if (!Number.isInteger(v) || v < 1 || v > 3600) throw new Error(`${at}.${field} is ${v}; use whole seconds between 1 and 3600`);
      }
      if (backend > request) throw new Error(`${at}.backendRequestTimeoutSeconds (${backend}) exceeds requestTimeoutSeconds (${request}); one attempt cannot outlast the request`);
      r.backends.forEach((b, j) => {
        if (!DNS_LABEL.test(b.service)) throw new Error(`${at}.backends[${j}].service "${b.service}" must be a Service name (DNS-1123 label)`);
        if (b.weight !== undefined && (!Number.isInteger(b.weight) || b.weight < 0 || b.weight > 1_000_000)) throw new Error(`${at}.backends[${j}].weight ${b.weight} must be an integer between 0 and 1000000`);
      });
      if (r.backends.length > 1 && r.backends.every((b) => (b.weight ?? 1) === 0)) throw new Error(`${at}: every backend has weight 0; no request could be served`);
      return {
        matches: [{ path: { type: HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value: r.pathPrefix ?? '/' } }],
        // group and kind spelled out (the CRD defaults them): its CEL rule "Must have port for Service reference" reads kind
        backendRefs: r.backends.map((b) => ({ group: '', kind: 'Service', name: b.service, port: b.port, ...(b.weight !== undefined ? { weight: b.weight } : {}) })),
        timeouts: { request: `${request}s`, backendRequest: `${backend}s` },
      };
    });
    this.backendServices = [...new Set(props.rules.flatMap((r) => r.backends.map((b) => b.service)))];
    this.route = new HttpRoute(this, 'route', {
      metadata: { name: props.name, namespace: props.namespace },
      spec: { parentRefs: props.parentRefs.map((p) => ({ ...p })), hostnames: [...props.hostnames], rules },
    });
  }
}
