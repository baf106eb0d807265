import { loadEnvironment } from './environment-loader';

/**
 * Per-environment sizing of the observability stores (environments/<name>/env.ts): dev small, prod large. Whether the
 * ingesters hold `maxGlobalSeries` is checked by the Mimir add-on itself when each environment synthesizes.
 */
describe('observability sizing of the real environments', () => {
  const [dev, staging, prod] = ['dev', 'staging', 'prod'].map((name) => loadEnvironment(name).observability);

  it('grows the Mimir and Loki per-tenant limits from dev to prod, never below the upstream defaults', () => {
    for (const key of ['maxGlobalSeries', 'ingestionRateSamplesPerSecond', 'ingestionBurstSizeSamples', 'maxGlobalExemplars'] as const) {
      expect(dev.mimir.limits[key]).toBeLessThanOrEqual(staging.mimir.limits[key]);
      expect(staging.mimir.limits[key]).toBeLessThan(prod.mimir.limits[key]);
    }
    for (const key of ['ingestionRateMiBPerSecond', 'ingestionBurstSizeMiB', 'maxGlobalStreams'] as const) {
      expect(dev.loki.limits[key]).toBeLessThanOrEqual(staging.loki.limits[key]);
      expect(staging.loki.limits[key]).toBeLessThan(prod.loki.limits[key]);
    }
    expect(dev.mimir.limits).toMatchObject({ maxGlobalSeries: 150_000, ingestionRateSamplesPerSecond: 10_000 });
    expect(dev.loki.limits).toMatchObject({ ingestionRateMiBPerSecond: 4, maxGlobalStreams: 5000 });
    // Tempo's span metrics carry exemplars: Mimir's default of 0 would drop them
    for (const o of [dev, staging, prod]) expect(o.mimir.limits.maxGlobalExemplars).toBeGreaterThan(0);
  });
});

describe('Grafana replicas of the real environments', () => {
  it('runs one Grafana with a volume in dev, two without in staging and prod', () => {
    const grafana = ['dev', 'staging', 'prod'].map((name) => loadEnvironment(name).observability.grafana);
    expect(grafana.map((g) => [g.replicas, g.storageGiB])).toEqual([
      [1, 5],
      [2, undefined],
      [2, undefined],
    ]);
  });
});
