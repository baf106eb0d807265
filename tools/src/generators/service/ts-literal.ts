/** Options of `tsLiteral`. */
export interface TsLiteralOptions {
  /** Whole value on one line. @default false (an object's top-level properties one per line) */
  readonly inline?: boolean;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function inlineLiteral(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(inlineLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${IDENTIFIER.test(k) ? k : inlineLiteral(k)}: ${inlineLiteral(v)}`).join(', ')} }`;
  }
  throw new Error(`cannot write ${typeof value} as a TypeScript literal`);
}

/**
 * A JSON-like value as TypeScript source in the environment files' style: single-quoted strings,
 * unquoted identifier keys; an object's top-level properties one per line unless `inline`.
 * @throws Error for functions, symbols and bigints
 */
export function tsLiteral(value: unknown, options: TsLiteralOptions = {}): string {
  if (options.inline || typeof value !== 'object' || value === null || Array.isArray(value)) return inlineLiteral(value);
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([k, v]) => `  ${IDENTIFIER.test(k) ? k : inlineLiteral(k)}: ${inlineLiteral(v)},`).join('\n')}\n}`;
}
