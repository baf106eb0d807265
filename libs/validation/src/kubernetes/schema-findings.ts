import type { ErrorObject } from 'ajv';
import { type Finding, pointerToPath } from '../finding';

/** Rule ids of the schema family. */
export const SCHEMA_RULES = {
  noSchema: 'K8S-SCHEMA-000',
  unknownField: 'K8S-SCHEMA-001',
  wrongType: 'K8S-SCHEMA-002',
  missingRequired: 'K8S-SCHEMA-003',
  constraint: 'K8S-SCHEMA-004',
  quantity: 'K8S-QTY-001',
  cel: 'K8S-SCHEMA-005',
} as const;

/** A pattern that is the Kubernetes quantity grammar (as CRDs spell it). */
const QUANTITY_LIKE_PATTERN = /\[KMGTPE\]i/;

/**
 * Turns ajv errors into findings, one per problem: unknown fields, wrong types, missing required
 * fields, invalid quantities and other constraint violations. Errors of the branches of an
 * `anyOf`/`oneOf` are folded into one finding at that location.
 * @param prefix JSON path the validated value sits at (e.g. `spec.source.helm.valuesObject`), '' for the object root
 */
export function ajvFindings(
  errors: readonly ErrorObject[] | null | undefined,
  at: {
    readonly file: string;
    readonly object: string;
    readonly prefix?: string;
    readonly rules?: Partial<Record<keyof typeof SCHEMA_RULES, string>>;
    /** The value that was validated: where an error's `data` comes from when the validator is not `verbose`. */
    readonly root?: unknown;
  },
): Finding[] {
  if (!errors || errors.length === 0) return [];
  errors = errors.map((e) => ('data' in e ? e : { ...e, data: dataOf(e, at.root) }));
  const rules: Record<keyof typeof SCHEMA_RULES, string> = { ...SCHEMA_RULES, ...at.rules };
  const prefix = at.prefix ?? '';
  const combinators = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const inBranch = (e: ErrorObject): ErrorObject | undefined =>
    combinators.find((c) => c !== e && e.schemaPath.startsWith(`${c.schemaPath}/`) && e.instancePath.startsWith(c.instancePath));
  const out = new Map<string, Finding>();
  const add = (f: Finding) => out.set(`${f.path}\u0000${f.rule}\u0000${f.message}`, f);

  for (const e of errors) {
    if (inBranch(e)) continue;
    const base = pointerToPath(e.instancePath, prefix) || '-';
    const mk = (rule: string, path: string, message: string) => add({ file: at.file, object: at.object, path: path || '-', rule, message });
    switch (e.keyword) {
      case 'additionalProperties': {
        const field = String(e.params['additionalProperty']);
        mk(rules.unknownField, pointerToPath(`${e.instancePath}/${escape(field)}`, prefix), `unknown field "${field}"`);
        break;
      }
      case 'required': {
        const field = String(e.params['missingProperty']);
        mk(rules.missingRequired, pointerToPath(`${e.instancePath}/${escape(field)}`, prefix), `missing required field "${field}"`);
        break;
      }
      case 'type':
        mk(rules.wrongType, base, `must be ${String(e.params['type']).replace(',', ' or ')}, got ${describe(e.data)}`);
        break;
      case 'format':
        if (e.params['format'] === 'quantity') mk(rules.quantity, base, `${describe(e.data)} is not a valid quantity (e.g. 500m, 1, 256Mi, 1Gi)`);
        else mk(rules.constraint, base, `${describe(e.data)} must match format "${String(e.params['format'])}"`);
        break;
      case 'pattern':
        if (QUANTITY_LIKE_PATTERN.test(String(e.params['pattern']))) mk(rules.quantity, base, `${describe(e.data)} is not a valid quantity (e.g. 500m, 1, 256Mi, 1Gi)`);
        else mk(rules.constraint, base, `${describe(e.data)} must match pattern ${String(e.params['pattern'])}`);
        break;
      case 'enum':
        mk(rules.constraint, base, `${describe(e.data)} must be one of: ${(e.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`);
        break;
      case 'anyOf':
      case 'oneOf': {
        const branches = errors.filter((b) => b !== e && b.schemaPath.startsWith(`${e.schemaPath}/`));
        if (branches.some((b) => b.keyword === 'format' && b.params['format'] === 'quantity')) {
          mk(rules.quantity, base, `${describe(e.data)} is not a valid quantity (e.g. 500m, 1, 256Mi, 1Gi)`);
        } else if (branches.length > 0 && branches.every((b) => b.keyword === 'type' && b.instancePath === e.instancePath)) {
          mk(rules.wrongType, base, `must be ${[...new Set(branches.map((b) => String(b.params['type'])))].join(' or ')}, got ${describe(e.data)}`);
        } else if (e.keyword === 'oneOf' && branches.length === 0) {
          mk(rules.constraint, base, 'must match exactly one of the allowed forms, matches several');
        } else {
          const detail = [...new Set(branches.map((b) => `${pointerToPath(b.instancePath, prefix) || '-'} ${b.message ?? b.keyword}`))].slice(0, 3).join('; ');
          mk(rules.constraint, base, `must match one of the allowed forms (${detail})`);
        }
        break;
      }
      default:
        mk(rules.constraint, base, `${e.message ?? e.keyword}${e.data !== undefined && typeof e.data !== 'object' ? ` (got ${describe(e.data)})` : ''}`);
    }
  }
  return [...out.values()];
}

/**
 * The value an Ajv error is about, as `verbose: true` would give it in `data`: the value at its `instancePath`, or,
 * inside a `propertyNames` schema, the property name (`propertyName`). Validators are compiled without `verbose`
 * (which copies `schema`, `parentSchema` and `data` into every error object of the generated code and made it a
 * third larger, docs/performance.md); only `data` is used, for messages.
 */
export function dataOf(error: ErrorObject, root: unknown): unknown {
  if (error.propertyName !== undefined) return error.propertyName;
  let value = root;
  for (const segment of error.instancePath.split('/').slice(1)) {
    if (value === null || typeof value !== 'object') return undefined;
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    value = Array.isArray(value) ? value[Number(key)] : Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Short description of a value for messages: `"abc"`, `12`, `true`, `object`, `array`, `null`. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}
