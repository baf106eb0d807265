import { ADDONS, type AddonDeclaration, CHART_CATALOG, CHART_IMAGES } from '@platform/config';
import { unwrapInternalDefaults } from '@platform/validation';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PINNED } from '../scripts/fetch-upstream.lib.mjs';

const UPSTREAM = process.env['PLATFORM_UPSTREAM_DIR'] ?? join(__dirname, '../../../shared/upstream');
const charts = (ADDONS as readonly AddonDeclaration[]).flatMap((a) => (a.chart ? [{ addon: a.name, ...a.chart }] : []));

function at(values: unknown, path: string): unknown {
  if (path === '') return values;
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), values);
}

describe('add-on registry vs reference data and tooling', () => {
  it.each(charts.map((c) => [c.addon, c]))('%s: its chart version is pinned in fetch-upstream and present in the reference data', (_addon, c) => {
    for (const file of ['Chart.yaml', 'values.yaml']) {
      const path = `charts/${c.chart}/${c.version}/${file}`;
      expect({ path, pinned: path in PINNED }).toEqual({ path, pinned: true });
      const local = join(UPSTREAM, path);
      if (!existsSync(local)) throw new Error(`reference data ${local} not found: set PLATFORM_UPSTREAM_DIR or fetch it with tools/scripts/fetch-upstream.sh`);
    }
  });

  it.each(charts.map((c) => [c.addon, c]))('%s: every declared image map exists in the chart values.yaml', (_addon, c) => {
    // Istio's charts keep their defaults under _internal_defaults_do_not_set (the chart lifts them to the top level)
    const values = unwrapInternalDefaults(parse(readFileSync(join(UPSTREAM, `charts/${c.chart}/${c.version}/values.yaml`), 'utf8')) as Record<string, unknown>);
    for (const image of c.images) {
      expect({ image: image.path, isMap: typeof at(values, image.path) === 'object' }).toEqual({ image: image.path, isMap: true });
    }
  });

  it('derives the catalog and the image map from the declarations, one entry per chart', () => {
    expect(Object.keys(CHART_CATALOG).sort()).toEqual(charts.map((c) => c.key).sort());
    // one image map per chart: add-ons sharing a chart (the three Alloy releases) declare the same images
    expect(Object.keys(CHART_IMAGES).sort()).toEqual([...new Set(charts.map((c) => c.chart))].sort());
    for (const c of charts) expect([c.key, CHART_IMAGES[c.chart]]).toEqual([c.key, c.images]);
    // a chart that renders pods declares its images; only CRD-only charts may declare none (Istio base: CRDs and webhook configuration)
    expect(charts.filter((c) => c.images.length === 0).map((c) => c.chart)).toEqual(['karpenter-crd', 'base']);
  });
});
