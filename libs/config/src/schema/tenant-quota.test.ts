import { fixtureInput } from '../testing/fixture-environment';
import { FIXTURE_ORDERS, FIXTURE_STOREFRONT, GOLDEN_PATH_TENANT, goldenPathPatch } from '../testing/golden-path-fixture';
import { parseEnvironment } from '../validate-environment';
import { ROLLING_UPDATE_MAX_SURGE, rolloutSurgePods, tenantQuotaIssues } from './tenant-quota';

/** The prod EcoTrack declaration (environments/prod/env.ts): four 1-core / 1536 MiB services up to 10 replicas, the gateway a canary. */
const ecotrack = ['ecotrack-gateway', 'emissions-api', 'ingestion-worker', 'reporting-service'].map((name) => ({
  ...FIXTURE_ORDERS,
  name,
  image: { repository: name },
  resources: { cpuMillicores: 1000, memoryMiB: 1536 },
  jvm: undefined,
  replicas: { min: 3, max: 10 },
  rollout: name === 'ecotrack-gateway' ? 'canary' : 'rolling',
}));

describe('tenant quota vs its services at replicas.max plus a rollout', () => {
  it('counts a Deployment surge of one pod and a canary promotion of a full second ReplicaSet', () => {
    expect(ROLLING_UPDATE_MAX_SURGE).toBe(1);
    expect(rolloutSurgePods('rolling', 10)).toBe(1);
    expect(rolloutSurgePods('canary', 10)).toBe(10);
  });

  it('refuses the quota prod had (48 cores, 64 GiB), naming the tenant, the field and the required value', () => {
    const quota = { requestsCpu: 48, requestsMemoryGiB: 64, limitsMemoryGiB: 64, pods: 120, persistentVolumeClaims: 0, requestsStorageGiB: 0 };
    expect(tenantQuotaIssues('ecotrack', quota, ecotrack).map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'quota.requestsCpu: tenant "ecotrack" quota.requestsCpu: 48 cannot run its services at replicas.max plus the largest rollout surge: needs 50 (40 cores at replicas.max + 10 cores for the rollout of "ecotrack-gateway", 10 more pods); raise quota.requestsCpu to at least 50 or lower the services\' replicas.max',
      'quota.requestsMemoryGiB: tenant "ecotrack" quota.requestsMemoryGiB: 64 cannot run its services at replicas.max plus the largest rollout surge: needs 75 (60 GiB at replicas.max + 15 GiB for the rollout of "ecotrack-gateway", 10 more pods); raise quota.requestsMemoryGiB to at least 75 or lower the services\' replicas.max',
      'quota.limitsMemoryGiB: tenant "ecotrack" quota.limitsMemoryGiB: 64 cannot run its services at replicas.max plus the largest rollout surge: needs 75 (60 GiB at replicas.max + 15 GiB for the rollout of "ecotrack-gateway", 10 more pods); raise quota.limitsMemoryGiB to at least 75 or lower the services\' replicas.max',
    ]);
    expect(tenantQuotaIssues('ecotrack', { ...quota, requestsCpu: 50, requestsMemoryGiB: 75, limitsMemoryGiB: 75 }, ecotrack)).toEqual([]);
    expect(tenantQuotaIssues('ecotrack', { ...quota, requestsCpu: 50, requestsMemoryGiB: 75, limitsMemoryGiB: 75, pods: 49 }, ecotrack).map((i) => i.message)).toEqual([
      'tenant "ecotrack" quota.pods: 49 cannot run its services at replicas.max plus the largest rollout surge: needs 50 (40 pods at replicas.max + 10 pods for the rollout of "ecotrack-gateway", 10 more pods); raise quota.pods to at least 50 or lower the services\' replicas.max',
    ]);
  });

  it('takes a rolling service\'s one-pod surge when no canary is declared, and ignores tenants without services', () => {
    const rolling = ecotrack.map((s) => ({ ...s, rollout: 'rolling' }));
    // 40 pods at max + 1 surge pod of the largest service
    expect(tenantQuotaIssues('ecotrack', { requestsCpu: 41, requestsMemoryGiB: 61.5, limitsMemoryGiB: 61.5, pods: 41 }, rolling)).toEqual([]);
    expect(tenantQuotaIssues('ecotrack', { requestsCpu: 40.9, requestsMemoryGiB: 61.5, limitsMemoryGiB: 61.5, pods: 41 }, rolling).map((i) => i.path.join('.'))).toEqual(['quota.requestsCpu']);
    expect(tenantQuotaIssues('team-a', { requestsCpu: 1, requestsMemoryGiB: 1, limitsMemoryGiB: 1, pods: 1 }, [])).toEqual([]);
  });

  it('is an environment error with the tenants[] path', () => {
    const patch = goldenPathPatch([FIXTURE_STOREFRONT, FIXTURE_ORDERS]);
    const tenants = (patch['tenants'] as { namespace: string; quota: Record<string, number> }[]).map((t) => (t.namespace === GOLDEN_PATH_TENANT ? { ...t, quota: { ...t.quota, pods: 14 } } : t));
    // storefront: 6 at max + 6 for its canary, orders-api: 3 at max
    expect(() => parseEnvironment('test', fixtureInput({ ...patch, tenants }))).toThrow(
      'test: tenants[1].quota.pods: tenant "shop" quota.pods: 14 cannot run its services at replicas.max plus the largest rollout surge: needs 15 (9 pods at replicas.max + 6 pods for the rollout of "storefront", 6 more pods); raise quota.pods to at least 15 or lower the services\' replicas.max',
    );
    expect(() => parseEnvironment('test', fixtureInput(patch))).not.toThrow();
  });
});
