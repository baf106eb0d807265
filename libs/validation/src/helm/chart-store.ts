import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { CompiledSchemaCache, defaultSchemaCacheDir, parsedWithCache } from '../compiled-schema-cache';

/** One chart version's reference data: `<upstream>/charts/<chart>/<version>/`. */
export interface ChartData {
  readonly chart: string;
  readonly version: string;
  /** Folder relative to the upstream dir, e.g. `charts/argo-cd/10.1.1`. */
  readonly dir: string;
  /** Parsed `values.yaml` (the chart's defaults). */
  readonly defaults: Record<string, unknown>;
  /** Compiled `values.schema.json`, when the chart ships one. */
  readonly schema?: ValidateFunction;
  /** Why `values.schema.json` could not be compiled, if it could not. */
  readonly schemaError?: string;
}

/**
 * Loads chart reference data on demand and caches it per chart version. A chart `version` also
 * resolves to the folder with the other `v` prefix convention (`v1.21.1` <-> `1.21.1`).
 */
/** Where the steps to pin and fetch a chart version's reference data are documented (HELM-CHART-001). */
export const CHART_REFERENCE_DATA_DOCS = 'docs/validation.md#pinning-a-new-chart-version';

export class ChartStore {
  private readonly cache = new Map<string, ChartData | string>();

  private readonly cacheDir: string | undefined;

  /** @param cacheDir compiled-schema cache folder ({@link CompiledSchemaCache}); `null` compiles every time. @default defaultSchemaCacheDir() */
  constructor(
    private readonly upstreamDir: string,
    cacheDir?: string | null,
  ) {
    this.cacheDir = cacheDir === undefined ? defaultSchemaCacheDir() : (cacheDir ?? undefined);
  }

  /** The chart's data, or a message naming the chart, version and missing folder. */
  get(chart: string, version: string): ChartData | string {
    const key = `${chart}@${version}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const result = this.load(chart, version);
    this.cache.set(key, result);
    return result;
  }

  private load(chart: string, version: string): ChartData | string {
    const alternatives = [version, version.startsWith('v') ? version.slice(1) : `v${version}`];
    const dir = alternatives.map((v) => join('charts', chart, v)).find((d) => existsSync(join(this.upstreamDir, d, 'values.yaml')));
    if (!dir) {
      const local = `charts/${chart}/${version}`;
      return `chart ${chart} ${version} has no reference data at ${join(this.upstreamDir, local)}; pin and fetch it: ${CHART_REFERENCE_DATA_DOCS}`;
    }
    const parsedDefaults = parsedWithCache(this.cacheDir, 'chart values', readFileSync(join(this.upstreamDir, dir, 'values.yaml'), 'utf8'), (text) => parse(text) as unknown);
    const defaults = unwrapInternalDefaults((parsedDefaults ?? {}) as Record<string, unknown>);
    const schemaFile = join(this.upstreamDir, dir, 'values.schema.json');
    if (!existsSync(schemaFile)) return { chart, version, dir, defaults };
    try {
      return { chart, version, dir, defaults, schema: compileChartSchema(JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>, this.cacheDir) };
    } catch (err) {
      return { chart, version, dir, defaults, schemaError: `${dir}/values.schema.json does not compile: ${(err as Error).message}` };
    }
  }
}

/**
 * Istio's charts keep their defaults under `_internal_defaults_do_not_set` and merge them under the
 * user's values in their templates (`mergeOverwrite (deepCopy ._internal_defaults_do_not_set) .Values`),
 * so users set `global.hub`, not `_internal_defaults_do_not_set.global.hub`. The effective defaults are
 * that map lifted to the top level.
 * @see https://github.com/istio/istio/blob/master/manifests/charts/istio-control/istio-discovery/templates/zzz_profile.yaml
 */
export function unwrapInternalDefaults(values: Record<string, unknown>): Record<string, unknown> {
  const inner = values['_internal_defaults_do_not_set'];
  if (!inner || typeof inner !== 'object' || Array.isArray(inner)) return values;
  const rest = { ...values };
  delete rest['_internal_defaults_do_not_set'];
  return { ...(inner as Record<string, unknown>), ...rest };
}

/** Not `verbose`: as the Kubernetes schemas (schema-registry.ts), findings take an error's value from the values validated. */
const CHART_AJV_OPTIONS = { allErrors: true, verbose: false, strict: false, validateFormats: true, unicodeRegExp: false } as const;


/**
 * Compiles a chart schema with the JSON Schema draft it declares (draft-07 unless 2019-09 or 2020-12); the
 * compiled validator is cached across processes by the schema's content ({@link CompiledSchemaCache}).
 * @throws Error from Ajv when the schema does not compile
 */
function compileChartSchema(schema: Record<string, unknown>, cacheDir: string | undefined): ValidateFunction {
  const draft = String(schema['$schema'] ?? '');
  const dialect = draft.includes('2020-12') ? '2020-12' : draft.includes('2019-09') ? '2019-09' : 'draft-07';
  const options = { ...CHART_AJV_OPTIONS, code: { source: true } };
  const ajv = dialect === '2020-12' ? new Ajv2020(options) : dialect === '2019-09' ? new Ajv2019(options) : new Ajv(options);
  addFormats(ajv);
  const rest = { ...schema };
  delete rest['$schema'];
  // ajv-formats' RegExp formats are inlined into the generated code: its version is part of the key.
  const formatsVersion = (JSON.parse(readFileSync(require.resolve('ajv-formats/package.json'), 'utf8')) as { version: string }).version;
  const salt = `helm\0${dialect}\0${JSON.stringify(CHART_AJV_OPTIONS)}\0ajv-formats@${formatsVersion}`;
  const cache = new CompiledSchemaCache({ dir: cacheDir, ajv, formats: {}, salt });
  return cache.validator(cache.key(JSON.stringify(rest)), () => ajv.compile(rest)) as ValidateFunction;
}
