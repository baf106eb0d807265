/**
 * A typed model of the Grafana Alloy configuration syntax, rendered deterministically. There is no
 * JavaScript parser for the syntax, so configurations are built from these types instead of string
 * templates: strings are always quoted and escaped, references are component exports checked by
 * their shape, and block nesting is structural.
 * @see https://grafana.com/docs/alloy/latest/get-started/configuration-syntax/
 */

/** A reference to another component's export or a standard-library call, rendered verbatim (e.g. `loki.write.default.receiver`). */
export interface AlloyExpression {
  readonly expr: string;
}

export type AlloyValue = string | number | boolean | AlloyExpression | readonly AlloyValue[] | { readonly [key: string]: AlloyValue };

/** A block: `name "label" { attributes... blocks... }` (components and their nested blocks). */
export interface AlloyBlock {
  /** Dotted block name, e.g. `prometheus.remote_write` or `endpoint`. */
  readonly name: string;
  /** Component label (omitted for nested blocks). */
  readonly label?: string;
  readonly attributes?: Readonly<Record<string, AlloyValue>>;
  readonly blocks?: readonly AlloyBlock[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const EXPRESSION = /^(("[^"\\]*" \+ )?[A-Za-z_][A-Za-z0-9_]*)(\.[A-Za-z_][A-Za-z0-9_]*)*(\(("[^"\\]*")?\))?$/;

/** A component export reference, e.g. `ref('loki.write', 'default', 'receiver')` -> `loki.write.default.receiver`. */
export function ref(component: string, label: string, field: string): AlloyExpression {
  return expr(`${component}.${label}.${field}`);
}

/**
 * A raw expression: a dotted reference, optionally a call with no or one string argument, optionally
 * prefixed by a string literal and `+` (e.g. `"spec.nodeName=" + sys.env("NODE_NAME")`). @throws Error otherwise
 */
export function expr(text: string): AlloyExpression {
  if (!EXPRESSION.test(text)) throw new Error(`Alloy expression "${text}" is not a dotted reference or a simple call`);
  return { expr: text };
}

function isExpression(v: AlloyValue): v is AlloyExpression {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as AlloyExpression).expr === 'string';
}

function renderValue(v: AlloyValue, indent: string): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`Alloy number ${v} is not finite`);
    return String(v);
  }
  if (typeof v === 'boolean') return String(v);
  if (isExpression(v)) return v.expr;
  if (Array.isArray(v)) return `[${(v as readonly AlloyValue[]).map((x) => renderValue(x, indent)).join(', ')}]`;
  const entries = Object.entries(v as Record<string, AlloyValue>);
  if (entries.length === 0) return '{}';
  const inner = `${indent}  `;
  return `{\n${entries.map(([k, x]) => `${inner}${IDENTIFIER.test(k) ? k : JSON.stringify(k)} = ${renderValue(x, inner)},`).join('\n')}\n${indent}}`;
}

function renderBlock(b: AlloyBlock, indent: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(b.name)) throw new Error(`Alloy block name "${b.name}" is invalid`);
  if (b.label !== undefined && !IDENTIFIER.test(b.label)) throw new Error(`Alloy label "${b.label}" of ${b.name} must be an identifier`);
  const inner = `${indent}  `;
  const lines: string[] = [];
  for (const [k, v] of Object.entries(b.attributes ?? {})) {
    if (!IDENTIFIER.test(k)) throw new Error(`Alloy attribute "${k}" of ${b.name} must be an identifier`);
    lines.push(`${inner}${k} = ${renderValue(v, inner)}`);
  }
  for (const child of b.blocks ?? []) lines.push(renderBlock(child, inner));
  const head = `${indent}${b.name}${b.label !== undefined ? ` ${JSON.stringify(b.label)}` : ''}`;
  return lines.length === 0 ? `${head} { }` : `${head} {\n${lines.join('\n')}\n${indent}}`;
}

/**
 * Renders top-level component blocks, one blank line apart.
 * @throws Error when two components share name and label, or a name, label or attribute is not an identifier
 */
export function renderAlloy(components: readonly AlloyBlock[]): string {
  const seen = new Set<string>();
  for (const c of components) {
    const id = `${c.name}.${c.label ?? ''}`;
    if (seen.has(id)) throw new Error(`Alloy component ${c.name} "${c.label ?? ''}" is declared twice`);
    seen.add(id);
  }
  return components.map((c) => renderBlock(c, '')).join('\n\n') + '\n';
}
