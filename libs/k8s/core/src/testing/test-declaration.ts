import { type AddonDeclaration, CHART_CATALOG, type ChartKey, type PodIdentityEntry } from '@platform/config';

/**
 * An ad-hoc add-on declaration for unit tests of the add-on machinery (not registered, so never
 * checked against `addons.enabled`): `chart` borrows a catalog chart's coordinates.
 */
export function testDeclaration(name: string, options: { readonly chart?: ChartKey; readonly podIdentities?: readonly PodIdentityEntry[] } = {}): AddonDeclaration {
  return {
    name,
    description: name,
    layer: 'delivery',
    optional: false,
    ...(options.chart ? { chart: { key: options.chart, ...CHART_CATALOG[options.chart], images: [] } } : {}),
    ...(options.podIdentities ? { podIdentities: options.podIdentities } : {}),
  };
}
