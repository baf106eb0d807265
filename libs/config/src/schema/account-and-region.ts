import type { z } from 'zod';
import { AVAILABILITY_ZONE_COUNT_BY_REGION, availabilityZoneCount } from '../aws-availability-zones';
import { awsRegion } from './primitives';

/** The fields of an environment these rules read, before validation (any of them may be invalid). */
interface Partial {
  readonly aws?: { readonly accountId?: unknown; readonly region?: unknown };
  readonly network?: { readonly azCount?: unknown };
  readonly cluster?: { readonly adminPrincipalArns?: unknown };
  readonly storage?: { readonly backupReplicaRegion?: unknown };
}

/**
 * Rules that need two sections of one environment: `network.azCount` must fit the region's
 * Availability Zones, and every `cluster.adminPrincipalArns` entry must be in `aws.accountId` (EKS
 * access entries take principals of the cluster's account; a principal of another account would
 * need a cross-account role, which this platform does not create); `storage.backupReplicaRegion` must
 * differ from `aws.region` (a replica in the primary region survives no regional outage). Runs with
 * RUN_ALWAYS, so it guards every field it reads.
 */
export function accountAndRegionIssues(env: Partial, ctx: z.RefinementCtx): void {
  const region = env.aws?.region;
  const azCount = env.network?.azCount;
  if (typeof region === 'string' && typeof azCount === 'number') {
    const available = availabilityZoneCount(region);
    if (available === undefined && awsRegion.safeParse(region).success) {
      ctx.addIssue({
        code: 'custom',
        path: ['aws', 'region'],
        message: `"${region}" is not in the Availability Zone table (AVAILABILITY_ZONE_COUNT_BY_REGION in libs/config/src/aws-availability-zones.ts: ${Object.keys(AVAILABILITY_ZONE_COUNT_BY_REGION).join(', ')}); use one of those, or add the region with its AZ count from the AWS "Regions and Availability Zones" page`,
      });
    } else if (available !== undefined && azCount > available) {
      ctx.addIssue({
        code: 'custom',
        path: ['network', 'azCount'],
        message: `is ${azCount} but ${region} has ${available} Availability Zones; set network.azCount to at most ${available} (subnets and NAT gateways would otherwise wrap into the same zones)`,
      });
    }
  }
  const replicaRegion = env.storage?.backupReplicaRegion;
  if (typeof region === 'string' && replicaRegion === region) {
    ctx.addIssue({
      code: 'custom',
      path: ['storage', 'backupReplicaRegion'],
      message: `is ${region}, the primary region (aws.region); pick another region or remove it`,
    });
  }
  const accountId = env.aws?.accountId;
  const arns = env.cluster?.adminPrincipalArns;
  if (typeof accountId === 'string' && /^\d{12}$/.test(accountId) && Array.isArray(arns)) {
    arns.forEach((arn, i) => {
      const account = typeof arn === 'string' ? /^arn:aws:iam::(\d{12}):/.exec(arn)?.[1] : undefined;
      if (account !== undefined && account !== accountId) {
        ctx.addIssue({
          code: 'custom',
          path: ['cluster', 'adminPrincipalArns', i],
          message: `"${arn}" is in account ${account}, not in aws.accountId ${accountId}; use a role of account ${accountId} (e.g. arn:aws:iam::${accountId}:role/PlatformAdmin) that the other account's admins may assume`,
        });
      }
    });
  }
}
