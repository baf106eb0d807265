import type { Addon, SyncNode } from '@platform/k8s-core';

/**
 * The Application name of an add-on: its name. One Application per add-on: the chart (with the
 * add-on's manifests folder as a second source when it has extra manifests), or the manifests
 * folder alone.
 * @throws Error naming the add-on when it has neither a chart nor manifests
 */
export function addonApplicationName(addon: Addon): string {
  if (!addon.chart && !addon.hasManifests && !addon.declaration.upstreamManifests) throw new Error(`${addon.env.name}: Addon ${addon.addonName}: has neither a chart nor manifests`);
  return addon.addonName;
}

/**
 * The sync graph of a set of add-ons: one node per add-on Application, depending on the
 * Applications of its `dependsOn` add-ons.
 * @throws Error naming the add-on when it depends on an add-on outside the set
 */
export function addonSyncNodes(addons: readonly Addon[]): SyncNode[] {
  const known = new Set(addons);
  return addons.map((addon) => ({
    name: addonApplicationName(addon),
    dependsOn: addon.dependsOn.map((d) => {
      if (!known.has(d)) throw new Error(`${d.env.name}: Addon ${d.addonName} is a dependency but was not passed to the GitOps generator`);
      return addonApplicationName(d);
    }),
  }));
}
