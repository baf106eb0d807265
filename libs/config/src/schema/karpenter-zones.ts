import type { z } from 'zod';

/** The fields of an environment these rules read, before validation (any of them may be invalid). */
interface Partial {
  readonly aws?: { readonly region?: unknown };
  readonly network?: { readonly azCount?: unknown };
  readonly karpenter?: { readonly excludedZones?: unknown };
}

/**
 * `karpenter.excludedZones` against the environment's zones: each entry is an Availability Zone name of
 * `aws.region` (`<region><letter>`, e.g. `eu-west-1a`), none twice, and at least one of the `network.azCount`
 * zones the subnets span stays open (excluding them all leaves Karpenter nowhere to launch a node). Runs with
 * RUN_ALWAYS, so it guards every field it reads.
 */
export function karpenterZoneIssues(env: Partial, ctx: z.RefinementCtx): void {
  const zones = env.karpenter?.excludedZones;
  const region = env.aws?.region;
  if (!Array.isArray(zones) || typeof region !== 'string') return;
  const zoneName = new RegExp(`^${region.replace(/[-]/g, '\\-')}[a-z]$`);
  zones.forEach((zone, i) => {
    if (typeof zone !== 'string' || !zoneName.test(zone)) {
      ctx.addIssue({ code: 'custom', path: ['karpenter', 'excludedZones', i], message: `"${String(zone)}" is not an Availability Zone of aws.region ${region}; use a zone name such as ${region}a` });
    } else if (zones.indexOf(zone) !== i) {
      ctx.addIssue({ code: 'custom', path: ['karpenter', 'excludedZones', i], message: `"${zone}" is listed twice; list each zone once` });
    }
  });
  const azCount = env.network?.azCount;
  // only well-formed zones of the region count: a wrong entry is reported above, not twice
  const distinct = new Set(zones.filter((z): z is string => typeof z === 'string' && zoneName.test(z))).size;
  if (typeof azCount === 'number' && distinct >= azCount) {
    ctx.addIssue({
      code: 'custom',
      path: ['karpenter', 'excludedZones'],
      message: `excludes ${distinct} zones but the cluster spans network.azCount ${azCount}: Karpenter could launch no node; keep at least one zone open (remove entries from karpenter.excludedZones)`,
    });
  }
}
