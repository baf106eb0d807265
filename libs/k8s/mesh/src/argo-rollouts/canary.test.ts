import { parser } from '@prometheus-io/lezer-promql';
import { Testing } from 'cdk8s';
import { CanaryAnalysisTemplate, P99_LATENCY_QUERY, SUCCESS_RATE_QUERY } from './canary-analysis-template';
import { CanaryStrategy, type CanaryStrategyProps, DEFAULT_CANARY_STEPS } from './canary-strategy';

const props = (over: Partial<CanaryStrategyProps> = {}): CanaryStrategyProps => ({
  namespace: 'team-orders',
  stableService: 'orders-stable',
  canaryService: 'orders-canary',
  httpRoute: { name: 'orders', backendServices: ['orders-stable', 'orders-canary'] },
  steps: DEFAULT_CANARY_STEPS,
  ...over,
});

describe('CanaryStrategy', () => {
  it('shifts HTTPRoute weights through the Gateway API plugin and runs the analysis in the background', () => {
    const { canary } = new CanaryStrategy(props({ steps: [{ setWeight: 20 }, { pauseSeconds: 60 }, { setWeight: 50 }, { pauseUntilPromoted: true }] })).strategy;
    expect(canary.trafficRouting).toEqual({ plugins: { 'argoproj-labs/gatewayAPI': { httpRoute: 'orders', namespace: 'team-orders' } } });
    expect(canary.steps).toEqual([{ setWeight: 20 }, { pause: { duration: '60s' } }, { setWeight: 50 }, { pause: {} }]);
    expect(canary.analysis).toEqual({
      templates: [{ templateName: 'canary-success-rate-latency', clusterScope: true }],
      startingStep: 0,
      args: [
        { name: 'namespace', value: 'team-orders' },
        { name: 'canary-service', value: 'orders-canary' },
      ],
    });
  });

  it('refuses decreasing weights, 100 % steps, a route without the canary Service and equal Services', () => {
    expect(() => new CanaryStrategy(props({ steps: [{ setWeight: 50 }, { setWeight: 20 }] }))).toThrow('CanaryStrategy team-orders/orders: steps[1].setWeight 20 must be an integer in 1-99 above the previous weight (50)');
    expect(() => new CanaryStrategy(props({ steps: [{ setWeight: 100 }] }))).toThrow('steps[0].setWeight 100 must be an integer in 1-99');
    expect(() => new CanaryStrategy(props({ httpRoute: { name: 'orders', backendServices: ['orders-stable'] } }))).toThrow('the HTTPRoute does not send to Service "orders-canary"');
    expect(() => new CanaryStrategy(props({ canaryService: 'orders-stable' }))).toThrow('stableService and canaryService are both "orders-stable"');
    expect(() => new CanaryStrategy(props({ steps: [{ pauseSeconds: 30 }] }))).toThrow('steps must contain at least one setWeight');
    expect(() => new CanaryStrategy(props({ analysisFromStep: 99 }))).toThrow('analysisFromStep 99 must index steps (0-7)');
  });

  it('leaves the analysis out when asked', () => {
    expect(new CanaryStrategy(props({ analysisFromStep: false })).strategy.canary.analysis).toBeUndefined();
  });
});

describe('CanaryAnalysisTemplate', () => {
  it('queries success rate and p99 latency of the canary Service from the metrics endpoint reference', () => {
    const chart = Testing.chart();
    new CanaryAnalysisTemplate(chart, 't', { metrics: { namespace: 'observability', service: 'mimir-query-frontend', port: 8080, path: '/prometheus' } });
    const [t] = Testing.synth(chart) as { kind: string; spec: { metrics: { name: string; successCondition: string; failureLimit: number; provider: { prometheus: { address: string; query: string } } }[] } }[];
    expect(t?.kind).toBe('ClusterAnalysisTemplate');
    expect(t?.spec.metrics.map((m) => [m.name, m.successCondition, m.failureLimit, m.provider.prometheus.address])).toEqual([
      ['success-rate', 'len(result) > 0 && result[0] >= 0.99', 1, 'http://mimir-query-frontend.observability.svc.cluster.local:8080/prometheus'],
      ['latency-p99', 'len(result) > 0 && result[0] <= 500', 1, 'http://mimir-query-frontend.observability.svc.cluster.local:8080/prometheus'],
    ]);
  });

  it('fails on a bad measurement but treats no data as inconclusive (both conditions need a result)', () => {
    const chart = Testing.chart();
    new CanaryAnalysisTemplate(chart, 't', { metrics: { namespace: 'o', service: 'm', port: 1 } });
    const [t] = Testing.synth(chart) as { spec: { metrics: { name: string; successCondition: string; failureCondition: string; inconclusiveLimit: number }[] } }[];
    expect(t?.spec.metrics.map((m) => [m.name, m.failureCondition, m.inconclusiveLimit])).toEqual([
      ['success-rate', 'len(result) > 0 && result[0] < 0.99', 2],
      ['latency-p99', 'len(result) > 0 && result[0] > 500', 2],
    ]);
    for (const m of t?.spec.metrics ?? []) expect(m.successCondition.startsWith('len(result) > 0 && ')).toBe(true);
  });

  it('ships PromQL that parses once the Rollout fills in its arguments', () => {
    for (const q of [SUCCESS_RATE_QUERY, P99_LATENCY_QUERY]) {
      const filled = q.replace(/\{\{args\.namespace\}\}/g, 'team-orders').replace(/\{\{args\.canary-service\}\}/g, 'orders-canary');
      expect(filled).not.toContain('{{');
      let errors = 0;
      parser.parse(filled).iterate({ enter: (n) => void (n.type.isError && (errors += 1)) });
      expect({ q, errors }).toEqual({ q, errors: 0 });
    }
  });

  it('refuses a success-rate threshold outside (0, 1]', () => {
    expect(() => new CanaryAnalysisTemplate(Testing.chart(), 't', { metrics: { namespace: 'o', service: 'm', port: 1 }, thresholds: { minSuccessRate: 99, maxP99LatencyMs: 500 } })).toThrow('minSuccessRate 99 must be in (0, 1]');
  });
});
