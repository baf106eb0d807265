import { Testing } from 'cdk8s';
import { MeshTelemetry } from './mesh-telemetry';

const gateway = { namespace: 'istio-ingress', name: 'platform-gateway' };

describe('MeshTelemetry', () => {
  it('sends traces through the OTLP provider at the environment sampling rate once the collector endpoint is given', () => {
    const chart = Testing.chart();
    new MeshTelemetry(chart, 't', { samplingPercent: 2, gateway, otlpTracesEndpoint: { namespace: 'observability', service: 'alloy', port: 4317, scheme: 'grpc' } });
    const mesh = (Testing.synth(chart) as { metadata: { name: string; namespace: string }; spec: Record<string, unknown> }[]).find((o) => o.metadata.name === 'mesh-default');
    expect(mesh?.metadata.namespace).toBe('istio-system');
    expect(mesh?.spec).toEqual({ tracing: [{ providers: [{ name: 'otel-tracing' }], randomSamplingPercentage: 2 }] });
  });

  it('renders only the gateway access logs without a collector', () => {
    const chart = Testing.chart();
    new MeshTelemetry(chart, 't', { samplingPercent: 100, gateway });
    expect((Testing.synth(chart) as { metadata: { name: string } }[]).map((o) => o.metadata.name)).toEqual(['platform-gateway-access-logs']);
  });
});
