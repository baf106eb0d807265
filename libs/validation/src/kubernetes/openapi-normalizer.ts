/**
 * Turns Kubernetes OpenAPI schemas (the `definitions` of the API server and CRD `openAPIV3Schema`) into
 * JSON Schema that ajv validates the way the API server does, plus strict unknown-field rejection:
 *
 * - `properties` without `additionalProperties` and without `x-kubernetes-preserve-unknown-fields`
 *   becomes `additionalProperties: false` (the API server prunes/rejects unknown fields; we reject them).
 * - `x-kubernetes-int-or-string` -> integer or string; `x-kubernetes-embedded-resource` -> the embedded
 *   object may carry `apiVersion`, `kind`, `metadata`; `nullable` -> `null` is allowed.
 * - OpenAPI 3.0 boolean `exclusiveMinimum`/`exclusiveMaximum` -> draft-07 numbers.
 * - Formats the API server validates are kept (see {@link KEPT_FORMATS}); unknown formats are dropped,
 *   because the API server ignores them too.
 * - Go RE2 `pattern`s that JavaScript cannot compile are dropped (counted in {@link NormalizeStats}).
 * - Descriptions, defaults, examples and the remaining `x-kubernetes-*` extensions are dropped.
 * - `x-kubernetes-validations` (CEL rules of CRDs) are evaluated separately (see `crd-cel.ts`).
 * @see https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#specifying-a-structural-schema
 */

export type JsonSchema = Record<string, unknown>;

/** Formats checked by the validator (the others are ignored, like the API server ignores unknown formats). */
export const KEPT_FORMATS = new Set(['int32', 'int64', 'byte', 'date-time', 'quantity']);

/** The definition name of `resource.Quantity` in the core API definitions. */
export const QUANTITY_DEFINITION = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

export interface NormalizeStats {
  /** RE2 patterns JavaScript cannot compile (dropped). */
  droppedPatterns: number;
  /** The dropped patterns themselves, when a list is given (reported with `--verbose`). */
  readonly droppedPatternList?: string[];
}

const PASS_THROUGH = [
  'enum',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'multipleOf',
  'required',
  'const',
] as const;

/**
 * Normalizes one schema node.
 * @param structural false inside `allOf`/`anyOf`/`oneOf`/`not`: value validations there never close
 *   an object (the structural schema next to them declares the fields)
 * @param refPrefix rewrites `#/definitions/X` to `${refPrefix}X` (the registry's schema id)
 */
export function normalizeSchema(node: unknown, refPrefix: string, stats: NormalizeStats, structural = true): JsonSchema {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return {};
  const s = node as Record<string, unknown>;
  if (typeof s['$ref'] === 'string') {
    const ref = s['$ref'];
    return { $ref: ref.startsWith('#/definitions/') ? `${refPrefix}${ref.slice('#/definitions/'.length)}` : ref };
  }
  const out: JsonSchema = {};
  const preserveUnknown = s['x-kubernetes-preserve-unknown-fields'] === true;
  const intOrString = s['x-kubernetes-int-or-string'] === true || s['format'] === 'int-or-string';
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  const nullable = s['nullable'] === true;

  for (const key of PASS_THROUGH) if (s[key] !== undefined) out[key] = s[key];
  if (typeof s['exclusiveMinimum'] === 'boolean') {
    if (s['exclusiveMinimum'] && typeof s['minimum'] === 'number') {
      out['exclusiveMinimum'] = s['minimum'];
      delete out['minimum'];
    }
  } else if (typeof s['exclusiveMinimum'] === 'number') out['exclusiveMinimum'] = s['exclusiveMinimum'];
  if (typeof s['exclusiveMaximum'] === 'boolean') {
    if (s['exclusiveMaximum'] && typeof s['maximum'] === 'number') {
      out['exclusiveMaximum'] = s['maximum'];
      delete out['maximum'];
    }
  } else if (typeof s['exclusiveMaximum'] === 'number') out['exclusiveMaximum'] = s['exclusiveMaximum'];

  if (typeof s['pattern'] === 'string') {
    if (compiles(s['pattern'])) out['pattern'] = s['pattern'];
    else {
      stats.droppedPatterns++;
      stats.droppedPatternList?.push(s['pattern']);
    }
  }
  if (typeof s['format'] === 'string' && KEPT_FORMATS.has(s['format'])) out['format'] = s['format'];

  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (Array.isArray(s[key])) out[key] = (s[key] as unknown[]).map((n) => normalizeSchema(n, refPrefix, stats, false));
  }
  if (s['not'] && typeof s['not'] === 'object') out['not'] = normalizeSchema(s['not'], refPrefix, stats, false);

  const properties = s['properties'] as Record<string, unknown> | undefined;
  if (properties && typeof properties === 'object') {
    const props: Record<string, JsonSchema> = {};
    for (const [k, v] of Object.entries(properties)) props[k] = normalizeSchema(v, refPrefix, stats, true);
    if (embedded) {
      props['apiVersion'] ??= { type: 'string' };
      props['kind'] ??= { type: 'string' };
      props['metadata'] ??= { type: 'object' };
    }
    out['properties'] = props;
  }
  if (s['additionalProperties'] !== undefined) {
    const ap = s['additionalProperties'];
    out['additionalProperties'] = typeof ap === 'boolean' ? ap : normalizeSchema(ap, refPrefix, stats, true);
  } else if (structural && properties && !preserveUnknown) {
    out['additionalProperties'] = false;
  }
  if (s['items'] !== undefined) {
    out['items'] = Array.isArray(s['items'])
      ? (s['items'] as unknown[]).map((n) => normalizeSchema(n, refPrefix, stats, structural))
      : normalizeSchema(s['items'], refPrefix, stats, structural);
  }

  let type = s['type'];
  if (intOrString) {
    type = undefined;
    const alt = { anyOf: [{ type: 'integer' }, { type: 'string' }] };
    if (out['anyOf']) out['allOf'] = [...((out['allOf'] as unknown[]) ?? []), alt];
    else Object.assign(out, alt);
  }
  if (typeof type === 'string') out['type'] = nullable ? [type, 'null'] : type;
  else if (Array.isArray(type)) out['type'] = nullable ? [...type, 'null'] : type;
  return out;
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}
