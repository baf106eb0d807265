import { Testing } from 'cdk8s';
import type { GatewayParentRef } from '../istio-ingress/gateway-parent-ref';
import { INGRESS_GATEWAY_NAME, INGRESS_GATEWAY_NAMESPACE } from '../istio-ingress/ingress-gateway';
import { CircuitBreaker } from './circuit-breaker';
import { PlatformHttpRoute, type PlatformHttpRouteProps } from './http-route';

const parent: GatewayParentRef = { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: INGRESS_GATEWAY_NAMESPACE, name: INGRESS_GATEWAY_NAME, sectionName: 'http' };
const props = (over: Partial<PlatformHttpRouteProps> = {}): PlatformHttpRouteProps => ({
  name: 'orders',
  namespace: 'team-orders',
  parentRefs: [parent],
  hostnames: ['orders.apps.test.acme.example'],
  rules: [{ backends: [{ service: 'orders-stable', port: 8080, weight: 100 }, { service: 'orders-canary', port: 8080, weight: 0 }], requestTimeoutSeconds: 15, backendRequestTimeoutSeconds: 5 }],
  ...over,
});
const render = (p: PlatformHttpRouteProps) => {
  const chart = Testing.chart();
  const route = new PlatformHttpRoute(chart, 'route', p);
  return { route, json: Testing.synth(chart)[0] };
};

describe('PlatformHttpRoute', () => {
  it('renders parentRefs, hostnames, weighted backends and both timeouts', () => {
    const { route, json } = render(props());
    expect(json).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'orders', namespace: 'team-orders' },
      spec: {
        parentRefs: [parent],
        hostnames: ['orders.apps.test.acme.example'],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/' } }],
            backendRefs: [
              { group: '', kind: 'Service', name: 'orders-stable', port: 8080, weight: 100 },
              { group: '', kind: 'Service', name: 'orders-canary', port: 8080, weight: 0 },
            ],
            timeouts: { request: '15s', backendRequest: '5s' },
          },
        ],
      },
    });
    expect(route.backendServices).toEqual(['orders-stable', 'orders-canary']);
  });

  it('refuses a backend deadline longer than the request deadline, naming the rule', () => {
    expect(() => render(props({ rules: [{ backends: [{ service: 'orders', port: 8080 }], requestTimeoutSeconds: 5, backendRequestTimeoutSeconds: 10 }] }))).toThrow(
      'HTTPRoute team-orders/orders: rules[0].backendRequestTimeoutSeconds (10) exceeds requestTimeoutSeconds (5)',
    );
  });

  it('refuses fractional timeouts, out-of-range weights, all-zero splits and relative paths', () => {
    expect(() => render(props({ rules: [{ backends: [{ service: 'a', port: 80 }], requestTimeoutSeconds: 0.5 }] }))).toThrow('rules[0].requestTimeoutSeconds is 0.5; use whole seconds between 1 and 3600');
    expect(() => render(props({ rules: [{ backends: [{ service: 'a', port: 80, weight: -1 }], requestTimeoutSeconds: 5 }] }))).toThrow('rules[0].backends[0].weight -1 must be an integer between 0 and 1000000');
    expect(() => render(props({ rules: [{ backends: [{ service: 'a', port: 80, weight: 0 }, { service: 'b', port: 80, weight: 0 }], requestTimeoutSeconds: 5 }] }))).toThrow('every backend has weight 0');
    expect(() => render(props({ rules: [{ pathPrefix: 'api', backends: [{ service: 'a', port: 80 }], requestTimeoutSeconds: 5 }] }))).toThrow('rules[0].pathPrefix "api" must start with /');
    expect(() => render(props({ rules: [] }))).toThrow('HTTPRoute team-orders/orders: rules must not be empty');
  });
});

describe('CircuitBreaker', () => {
  it('renders outlier detection and a pending-request limit for the Service host', () => {
    const chart = Testing.chart();
    new CircuitBreaker(chart, 'cb', { namespace: 'team-orders', service: 'orders', consecutive5xxErrors: 3 });
    expect(Testing.synth(chart)[0]).toEqual({
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'orders', namespace: 'team-orders' },
      spec: {
        host: 'orders.team-orders.svc.cluster.local',
        trafficPolicy: {
          connectionPool: { http: { http1MaxPendingRequests: 1024 } },
          outlierDetection: { consecutive5xxErrors: 3, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 50 },
        },
      },
    });
  });

  it('refuses ejecting more than 100 % or a zero threshold', () => {
    expect(() => new CircuitBreaker(Testing.chart(), 'cb', { namespace: 'n', service: 's', maxEjectionPercent: 150 })).toThrow('CircuitBreaker n/s: maxEjectionPercent is 150; use at most 100');
    expect(() => new CircuitBreaker(Testing.chart(), 'cb', { namespace: 'n', service: 's', consecutive5xxErrors: 0 })).toThrow('CircuitBreaker n/s: consecutive5xxErrors is 0; use a positive integer');
  });
});
