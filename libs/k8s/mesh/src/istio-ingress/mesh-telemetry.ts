import type { ServiceEndpoint } from '@platform/k8s-core';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { OTEL_TRACING_PROVIDER } from '../istiod/istiod-addon';
import { ISTIO_NAMESPACE } from '../istio-namespace';

export interface MeshTelemetryProps {
  /** Share of requests traced, percent (`mesh.tracingSamplingPercent`). */
  readonly samplingPercent: number;
  /** The collector istiod's `otel-tracing` provider sends to; without it no tracing is configured. @default none */
  readonly otlpTracesEndpoint?: ServiceEndpoint;
  /** The ingress Gateway whose Envoy logs every request (access logs). */
  readonly gateway: { readonly namespace: string; readonly name: string };
}

/**
 * Istio `Telemetry` (`telemetry.istio.io/v1`):
 * - mesh-wide (root namespace `istio-system`): traces through the `otel-tracing` OTLP provider at the
 *   environment's sampling rate, when the observability layer's collector endpoint is given;
 * - on the ingress Gateway: Envoy access logs (provider `envoy`, JSON on stdout, collected with the pod logs).
 * @see https://istio.io/latest/docs/reference/config/telemetry/
 */
export class MeshTelemetry extends Construct {
  constructor(scope: Construct, id: string, props: MeshTelemetryProps) {
    super(scope, id);
    if (props.otlpTracesEndpoint) {
      new ApiObject(this, 'mesh-default', {
        apiVersion: 'telemetry.istio.io/v1',
        kind: 'Telemetry',
        metadata: { name: 'mesh-default', namespace: ISTIO_NAMESPACE },
        spec: { tracing: [{ providers: [{ name: OTEL_TRACING_PROVIDER }], randomSamplingPercentage: props.samplingPercent }] },
      });
    }
    new ApiObject(this, 'gateway-access-logs', {
      apiVersion: 'telemetry.istio.io/v1',
      kind: 'Telemetry',
      metadata: { name: `${props.gateway.name}-access-logs`, namespace: props.gateway.namespace },
      spec: {
        targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: props.gateway.name }],
        accessLogging: [{ providers: [{ name: 'envoy' }] }],
      },
    });
  }
}
