import { DATASOURCE_UIDS } from './grafana-datasources';

/** One time-series panel on Mimir. */
export interface DashboardPanel {
  readonly title: string;
  /** PromQL, one series per result (checked offline by XL-OBS-002). */
  readonly expr: string;
  /** Legend, Grafana template (`{{node}}`). @default '' */
  readonly legend?: string;
  /** Grafana unit id (`percentunit`, `reqps`, `s`, `bytes`, `short`). @default 'short' */
  readonly unit?: string;
}

/** A platform dashboard: uid, title and panels in reading order. */
export interface DashboardSpec {
  /** Stable uid (links survive re-provisioning), lower-case, at most 40 characters. */
  readonly uid: string;
  readonly title: string;
  readonly tags: readonly string[];
  readonly panels: readonly DashboardPanel[];
}

/** Panels per row and their size on Grafana's 24-column grid. */
const PANEL_WIDTH = 12;
const PANEL_HEIGHT = 8;

/**
 * Grafana dashboard JSON (schemaVersion 39) from a typed spec: time-series panels two per row on the Mimir
 * datasource, `$__rate_interval`-friendly, refreshed every minute, last 6 hours, not editable (code owns it).
 * @throws Error naming the dashboard for an invalid uid or no panels
 * @see https://grafana.com/docs/grafana/latest/dashboards/build-dashboards/view-dashboard-json-model/
 */
export function dashboardJson(spec: DashboardSpec): Record<string, unknown> {
  if (!/^[a-z0-9-]{1,40}$/.test(spec.uid)) throw new Error(`dashboard ${spec.title}: uid "${spec.uid}" must be 1-40 lower-case letters, digits or dashes`);
  if (spec.panels.length === 0) throw new Error(`dashboard ${spec.uid}: has no panels`);
  const datasource = { type: 'prometheus', uid: DATASOURCE_UIDS.mimir };
  return {
    uid: spec.uid,
    title: spec.title,
    tags: [...spec.tags],
    editable: false,
    schemaVersion: 39,
    time: { from: 'now-6h', to: 'now' },
    refresh: '1m',
    timezone: 'utc',
    panels: spec.panels.map((p, i) => ({
      id: i + 1,
      type: 'timeseries',
      title: p.title,
      datasource,
      gridPos: { x: (i % 2) * PANEL_WIDTH, y: Math.floor(i / 2) * PANEL_HEIGHT, w: PANEL_WIDTH, h: PANEL_HEIGHT },
      fieldConfig: { defaults: { unit: p.unit ?? 'short' }, overrides: [] },
      targets: [{ refId: 'A', datasource, expr: p.expr, legendFormat: p.legend ?? '' }],
    })),
  };
}
