import { type ServiceEndpoint, serviceUrl } from '@platform/k8s-core';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

/** Name of the cluster-wide analysis every canary runs. */
export const CANARY_ANALYSIS_TEMPLATE = 'canary-success-rate-latency';

/** Arguments a Rollout passes to the analysis (`analysis.args`). */
export const CANARY_ANALYSIS_ARGS = { namespace: 'namespace', service: 'canary-service' } as const;

/** Pass thresholds of the analysis. */
export interface CanaryThresholds {
  /** Lowest acceptable share of non-5xx responses, 0-1. @default 0.99 */
  readonly minSuccessRate: number;
  /** Highest acceptable p99 latency, milliseconds. @default 500 */
  readonly maxP99LatencyMs: number;
}

export const DEFAULT_CANARY_THRESHOLDS: CanaryThresholds = { minSuccessRate: 0.99, maxP99LatencyMs: 500 };

// Istio standard metrics reported by the L7 proxies that see the canary traffic (the ingress gateway:
// reporter "source"; a waypoint: reporter "waypoint"); ztunnel alone reports only TCP metrics.
const SELECTOR = `reporter=~"source|waypoint",destination_service_namespace="{{args.${CANARY_ANALYSIS_ARGS.namespace}}}",destination_service_name="{{args.${CANARY_ANALYSIS_ARGS.service}}}"`;

/** PromQL of the success rate (share of non-5xx responses of the canary Service over 2 minutes). */
export const SUCCESS_RATE_QUERY = `sum(rate(istio_requests_total{${SELECTOR},response_code!~"5.."}[2m])) / sum(rate(istio_requests_total{${SELECTOR}}[2m]))`;
/** PromQL of the p99 latency of the canary Service (milliseconds) over 2 minutes. */
export const P99_LATENCY_QUERY = `histogram_quantile(0.99, sum by (le) (rate(istio_request_duration_milliseconds_bucket{${SELECTOR}}[2m])))`;

export interface CanaryAnalysisTemplateProps {
  /** Prometheus-API query endpoint of the metrics backend (the observability layer's Mimir query frontend). */
  readonly metrics: ServiceEndpoint;
  /** @default DEFAULT_CANARY_THRESHOLDS */
  readonly thresholds?: CanaryThresholds;
}

/**
 * The `ClusterAnalysisTemplate` every canary step runs: success rate and p99 latency of the canary
 * Service from the metrics backend, measured every minute, 5 times; one failed measurement aborts
 * the Rollout (traffic returns to stable). No data (no traffic yet) is inconclusive, not a pass.
 * @see https://argo-rollouts.readthedocs.io/en/stable/analysis/prometheus/
 * @throws Error when a threshold is out of range
 */
export class CanaryAnalysisTemplate extends Construct {
  public readonly template: ApiObject;
  public readonly templateName = CANARY_ANALYSIS_TEMPLATE;

  constructor(scope: Construct, id: string, props: CanaryAnalysisTemplateProps) {
    super(scope, id);
    const t = props.thresholds ?? DEFAULT_CANARY_THRESHOLDS;
    if (!(t.minSuccessRate > 0 && t.minSuccessRate <= 1)) throw new Error(`CanaryAnalysisTemplate: minSuccessRate ${t.minSuccessRate} must be in (0, 1]`);
    if (!(t.maxP99LatencyMs > 0)) throw new Error(`CanaryAnalysisTemplate: maxP99LatencyMs ${t.maxP99LatencyMs} must be positive`);
    const address = serviceUrl(props.metrics);
    const measure = { interval: '1m', count: 5, failureLimit: 1, inconclusiveLimit: 2 };
    this.template = new ApiObject(this, 'template', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ClusterAnalysisTemplate',
      metadata: { name: CANARY_ANALYSIS_TEMPLATE },
      spec: {
        args: [{ name: CANARY_ANALYSIS_ARGS.namespace }, { name: CANARY_ANALYSIS_ARGS.service }],
        metrics: [
          { name: 'success-rate', ...measure, successCondition: `len(result) > 0 && result[0] >= ${t.minSuccessRate}`, failureCondition: `len(result) > 0 && result[0] < ${t.minSuccessRate}`, provider: { prometheus: { address, query: SUCCESS_RATE_QUERY } } },
          { name: 'latency-p99', ...measure, successCondition: `len(result) > 0 && result[0] <= ${t.maxP99LatencyMs}`, failureCondition: `len(result) > 0 && result[0] > ${t.maxP99LatencyMs}`, provider: { prometheus: { address, query: P99_LATENCY_QUERY } } },
        ],
      },
    });
  }
}
