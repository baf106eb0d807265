import { serviceDeclarationSchema } from './golden-path';

/**
 * Extra pods a Deployment (`rollout: rolling`) runs during a rolling update: `maxSurge` of the golden path's
 * Deployments (with `maxUnavailable: 0`, capacity never drops below the current replicas).
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#max-surge
 */
export const ROLLING_UPDATE_MAX_SURGE = 1;

/** The quota fields the services' pods count against (ResourceQuota `requests.cpu`, `requests.memory`, `limits.memory`, `pods`). */
type QuotaField = (typeof SERVICE_QUOTA_FIELDS)[number];

type Issue = { readonly path: (string | number)[]; readonly message: string };

/** What a pod of a service counts against the quota: millicores, MiB (request = limit), one pod. */
interface PodCost {
  readonly service: string;
  readonly millicores: number;
  readonly memoryMiB: number;
  readonly maxReplicas: number;
  /** Extra pods during a rollout (see `rolloutSurgePods`). */
  readonly surgePods: number;
}

/**
 * Extra pods of one rollout at `replicas.max`: a Deployment surges `ROLLING_UPDATE_MAX_SURGE`; a canary Rollout
 * (traffic routing, no `dynamicStableScale`) keeps the stable ReplicaSet at full size while the canary one grows,
 * and on promotion runs the new ReplicaSet at full size beside the old one for `scaleDownDelaySeconds` (30 s by
 * default): `replicas.max` more pods.
 * @see https://argoproj.github.io/argo-rollouts/features/canary/#dynamic-stable-scale-with-traffic-routing
 * @see https://argoproj.github.io/argo-rollouts/features/traffic-management/#traffic-routing-with-managed-routes-and-route-precedence (scaleDownDelaySeconds)
 */
export function rolloutSurgePods(rollout: 'rolling' | 'canary', maxReplicas: number): number {
  return rollout === 'canary' ? maxReplicas : ROLLING_UPDATE_MAX_SURGE;
}

/** Quota fields the services' pods count against. */
export const SERVICE_QUOTA_FIELDS = ['requestsCpu', 'requestsMemoryGiB', 'limitsMemoryGiB', 'pods'] as const;

/** One quota field's requirement: `required` (quota unit: cores, GiB, pods; GiB and cores rounded up to 0.01) and its parts. */
export interface QuotaRequirement {
  readonly required: number;
  /** The services at `replicas.max`, in the field's base unit (millicores, MiB, pods). */
  readonly steadyUnits: number;
  /** The largest rollout surge, in the base unit, and the service it belongs to. */
  readonly surgeUnits: number;
  readonly surgeService: string;
  readonly surgePods: number;
}

const PER_POD: Record<QuotaField, (c: PodCost) => number> = {
  requestsCpu: (c) => c.millicores,
  requestsMemoryGiB: (c) => c.memoryMiB,
  limitsMemoryGiB: (c) => c.memoryMiB,
  pods: () => 1,
};
/** Base units (millicores, MiB, pods) per quota unit (cores, GiB, pods). */
const TO_UNIT: Record<QuotaField, number> = { requestsCpu: 1000, requestsMemoryGiB: 1024, limitsMemoryGiB: 1024, pods: 1 };
const SHOWN: Record<QuotaField, (units: number) => string> = {
  requestsCpu: (m) => `${Math.ceil(m) / 1000} cores`,
  requestsMemoryGiB: (mib) => `${Math.ceil((mib / 1024) * 100) / 100} GiB`,
  limitsMemoryGiB: (mib) => `${Math.ceil((mib / 1024) * 100) / 100} GiB`,
  pods: (n) => `${n} pods`,
};

/**
 * What the tenant's ResourceQuota must hold for its declared services (those that parse; a duplicate name counts
 * once): every service at `replicas.max` (what the HPA may reach under load) plus the largest rollout surge of one
 * service (a release ships while at peak). Each pod counts its container's CPU request and memory request = limit
 * (the OTel agent init container is smaller, so it does not add). `undefined` without services.
 */
export function tenantQuotaRequirements(services: readonly unknown[]): Record<QuotaField, QuotaRequirement> | undefined {
  const seen = new Set<string>();
  const costs: PodCost[] = services.flatMap((raw) => {
    const parsed = serviceDeclarationSchema.safeParse(raw);
    // a duplicate name is its own error (serviceDeclarationIssues), not a second service to hold
    if (!parsed.success || seen.has(parsed.data.name)) return [];
    seen.add(parsed.data.name);
    const s = parsed.data;
    return [{ service: s.name, millicores: s.resources.cpuMillicores, memoryMiB: s.resources.memoryMiB, maxReplicas: s.replicas.max, surgePods: rolloutSurgePods(s.rollout, s.replicas.max) }];
  });
  if (costs.length === 0) return undefined;
  const requirement = (field: QuotaField): QuotaRequirement => {
    const per = PER_POD[field];
    const steadyUnits = costs.reduce((sum, c) => sum + c.maxReplicas * per(c), 0);
    const largest = costs.reduce((best, c) => (c.surgePods * per(c) > best.surgePods * per(best) ? c : best));
    const surgeUnits = largest.surgePods * per(largest);
    const total = steadyUnits + surgeUnits;
    return { required: field === 'pods' ? total : Math.ceil((total / TO_UNIT[field]) * 100) / 100, steadyUnits, surgeUnits, surgeService: largest.service, surgePods: largest.surgePods };
  };
  return Object.fromEntries(SERVICE_QUOTA_FIELDS.map((f) => [f, requirement(f)])) as Record<QuotaField, QuotaRequirement>;
}

/**
 * The tenant's ResourceQuota must hold `tenantQuotaRequirements` of its services: otherwise pod creation fails
 * with `exceeded quota` and the rollout stalls exactly at peak load. Messages name the tenant, the quota field,
 * its value and the required value; paths are relative to the tenant.
 */
export function tenantQuotaIssues(tenant: string, quota: unknown, services: readonly unknown[]): Issue[] {
  if (typeof quota !== 'object' || quota === null) return [];
  const requirements = tenantQuotaRequirements(services);
  if (!requirements) return [];
  const q = quota as Partial<Record<QuotaField, unknown>>;
  const issues: Issue[] = [];
  for (const field of SERVICE_QUOTA_FIELDS) {
    const value = q[field];
    const r = requirements[field];
    if (typeof value !== 'number' || value * TO_UNIT[field] + 1e-9 >= r.steadyUnits + r.surgeUnits) continue;
    issues.push({
      path: ['quota', field],
      message:
        `tenant "${tenant}" quota.${field}: ${value} cannot run its services at replicas.max plus the largest rollout surge: ` +
        `needs ${r.required} (${SHOWN[field](r.steadyUnits)} at replicas.max + ${SHOWN[field](r.surgeUnits)} for the rollout of "${r.surgeService}", ${r.surgePods} more pods); ` +
        `raise quota.${field} to at least ${r.required} or lower the services' replicas.max`,
    });
  }
  return issues;
}
