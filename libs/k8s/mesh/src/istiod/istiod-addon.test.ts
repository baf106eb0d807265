import { fixtureEnvironment, MESH_ADDONS_ENABLED } from '@platform/config/testing';
import { Testing } from 'cdk8s';
import { IstiodAddon } from './istiod-addon';

describe('IstiodAddon', () => {
  const env = fixtureEnvironment({ addons: { enabled: MESH_ADDONS_ENABLED } });

  it('registers the OTLP tracing provider from the collector ServiceEndpoint, never a typed hostname', () => {
    const addon = new IstiodAddon(Testing.app(), 'istiod', { env, dependsOn: [], otlpTracesEndpoint: { namespace: 'observability', service: 'alloy', port: 4317, scheme: 'grpc' } });
    expect(addon.chart?.values.meshConfig.extensionProviders).toEqual([{ name: 'otel-tracing', opentelemetry: { service: 'alloy.observability.svc.cluster.local', port: 4317 } }]);
  });

  it('registers no tracing provider without a collector', () => {
    expect(new IstiodAddon(Testing.app(), 'istiod', { env, dependsOn: [] }).chart?.values.meshConfig.extensionProviders).toEqual([]);
  });

  it('drops the ambient settings in sidecar mode', () => {
    const sidecar = fixtureEnvironment({ addons: { enabled: MESH_ADDONS_ENABLED }, mesh: { dataplaneMode: 'sidecar' } });
    const values = new IstiodAddon(Testing.app(), 'istiod', { env: sidecar, dependsOn: [] }).chart?.values;
    expect(values?.env).toEqual({});
    expect(values?.cni).toEqual({ enabled: false });
  });
});
