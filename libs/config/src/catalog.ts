import { CHART_CATALOG, type ChartCoordinates, type ChartKey } from './addons';
import type { EnvironmentConfig } from './environment-schema';

/**
 * The chart coordinates an environment deploys: the catalog entry (from the add-on declarations),
 * with the environment's `addons.chartVersions[key]` override applied when present.
 */
export function chartFor(env: Pick<EnvironmentConfig, 'addons'>, key: ChartKey): ChartCoordinates {
  const base = CHART_CATALOG[key];
  const override = env.addons.chartVersions[key];
  return override ? { ...base, version: override } : base;
}
