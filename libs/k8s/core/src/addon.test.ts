import { fixtureEnvironment } from '@platform/config/testing';
import { ApiObject, Chart, Testing } from 'cdk8s';
import { Addon, isCustomResourceApiVersion } from './addon';
import { testDeclaration } from './testing';

describe('Addon manifests', () => {
  const env = fixtureEnvironment();
  const make = (name: string) => new Addon(Testing.app(), name, { env, declaration: testDeclaration(name), namespace: { name }, extraNamespaces: [{ name: `${name}-extra` }] });

  it('destinationNamespaces: the declared namespaces plus every namespace an extra manifest object lands in, sorted and unique', () => {
    const addon = make('queue');
    new ApiObject(addon.manifestFile('quotas'), 'q1', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'tenant-b' } });
    new ApiObject(addon.manifestFile('quotas'), 'q2', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'tenant-a' } });
    new ApiObject(addon.manifestFile('accounts'), 'sa', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa', namespace: 'queue' } });
    new ApiObject(addon.manifestFile('accounts'), 'crb', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'cluster-scoped' } });
    expect(addon.destinationNamespaces()).toEqual(['queue', 'queue-extra', 'tenant-a', 'tenant-b']);
  });

  it('destinationNamespaces ignores objects of a chart nested in a manifest chart (they render to that chart\'s own file)', () => {
    const addon = make('queue');
    const nested = new Chart(addon.manifestFile('main'), 'nested');
    new ApiObject(nested, 'q', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'elsewhere' } });
    expect(addon.destinationNamespaces()).toEqual(['queue', 'queue-extra']);
  });

  it('hasCustomResources is false with built-in kinds only and true once an extra manifest holds a custom resource', () => {
    const addon = make('queue');
    expect(addon.hasCustomResources).toBe(false);
    new ApiObject(addon.manifestFile('main'), 'np', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'np', namespace: 'queue' } });
    new ApiObject(addon.manifestFile('main'), 'pdb', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'pdb', namespace: 'queue' } });
    expect(addon.hasCustomResources).toBe(false);
    new ApiObject(addon.manifestFile('monitors'), 'sm', { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'sm', namespace: 'queue' } });
    expect(addon.hasCustomResources).toBe(true);
  });

  it('classifies apiVersions: core and built-in groups are not custom resources, CRD groups are', () => {
    expect(['v1', 'apps/v1', 'batch/v1', 'policy/v1', 'autoscaling/v2', 'networking.k8s.io/v1', 'k8s.io/v1'].map(isCustomResourceApiVersion)).toEqual([false, false, false, false, false, false, false]);
    expect(['argoproj.io/v1alpha1', 'gateway.networking.k8s.io.example.com/v1', 'monitoring.coreos.com/v1'].map(isCustomResourceApiVersion)).toEqual([true, true, true]);
  });
});
