import { fixtureEnvironment, MESH_ADDONS_ENABLED } from '@platform/config/testing';
import { Testing } from 'cdk8s';
import { ArgoRolloutsAddon } from './argo-rollouts-addon';

describe('ArgoRolloutsAddon', () => {
  const env = fixtureEnvironment({ addons: { enabled: MESH_ADDONS_ENABLED } });

  it('renders the canary ClusterAnalysisTemplate and egress to the metrics backend when given its endpoint', () => {
    const app = Testing.app();
    const addon = new ArgoRolloutsAddon(app, 'argo-rollouts', { env, dependsOn: [], metricsQueryEndpoint: { namespace: 'observability', service: 'mimir-query-frontend', port: 8080, path: '/prometheus' } });
    const [template] = addon.manifestCharts.flatMap((c) => c.toJson() as { kind: string; metadata: { name: string } }[]);
    expect(template).toMatchObject({ kind: 'ClusterAnalysisTemplate', metadata: { name: 'canary-success-rate-latency' } });
    expect(addon.namespace.egress?.map((r) => r.peer)).toEqual(['kubernetes-api', { namespace: 'observability' }]);
  });

  it('renders no analysis without a metrics backend', () => {
    const addon = new ArgoRolloutsAddon(Testing.app(), 'argo-rollouts', { env, dependsOn: [] });
    expect(addon.hasManifests).toBe(false);
    expect(addon.analysisTemplate).toBeUndefined();
  });
});
