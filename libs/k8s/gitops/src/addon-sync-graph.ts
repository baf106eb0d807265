import type { Addon, SyncNode } from '@platform/k8s-core';

/** Suffix of the Application that syncs an add-on's extra manifests when the add-on also has a chart. */
export const MANIFESTS_APPLICATION_SUFFIX = '-config';

/** The Applications of one add-on, in sync order. */
export interface AddonApplicationNames {
  /** Application of the upstream chart, when the add-on has one. */
  readonly chart?: string;
  /** Application of `kubernetes/addons/<name>/`, when the add-on has extra manifests. */
  readonly manifests?: string;
}

/**
 * Application names of an add-on: `<name>` for the chart, `<name>-config` for its manifests
 * (or `<name>` when the add-on is manifests only).
 * @throws Error naming the add-on when it has neither a chart nor manifests
 */
export function addonApplicationNames(addon: Addon): AddonApplicationNames {
  if (addon.chart && addon.hasManifests) return { chart: addon.addonName, manifests: `${addon.addonName}${MANIFESTS_APPLICATION_SUFFIX}` };
  if (addon.chart) return { chart: addon.addonName };
  if (addon.hasManifests) return { manifests: addon.addonName };
  throw new Error(`${addon.env.name}: Addon ${addon.addonName}: has neither a chart nor manifests`);
}

/**
 * The sync graph of a set of add-ons: an add-on's first Application depends on the last Application
 * of each add-on in `dependsOn`; its manifests (custom resources of its own CRDs) follow its chart.
 * @throws Error naming the add-on when it depends on an add-on outside the set
 */
export function addonSyncNodes(addons: readonly Addon[]): SyncNode[] {
  const names = new Map(addons.map((a) => [a, addonApplicationNames(a)]));
  const last = (a: Addon): string => {
    const n = names.get(a);
    if (!n) throw new Error(`${a.env.name}: Addon ${a.addonName} is a dependency but was not passed to the GitOps generator`);
    return (n.manifests ?? n.chart) as string;
  };
  const nodes: SyncNode[] = [];
  for (const addon of addons) {
    const n = names.get(addon) as AddonApplicationNames;
    const deps = addon.dependsOn.map(last);
    if (n.chart) nodes.push({ name: n.chart, dependsOn: deps });
    if (n.manifests) nodes.push({ name: n.manifests, dependsOn: n.chart ? [n.chart] : deps });
  }
  return nodes;
}
