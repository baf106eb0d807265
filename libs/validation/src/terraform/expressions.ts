/**
 * Finds the references inside Terraform JSON string values. In Terraform JSON syntax, a string is a
 * template: `${ ... }` interpolations hold HCL expressions (function calls, operators, for
 * expressions, nested string templates). This is a small HCL expression scanner: it returns every
 * traversal that starts at a root name (`aws_vpc.main.id` -> [`aws_vpc`, `main`, `id`]), skipping
 * function names, attribute accesses on call results, for-expression variables, numbers and strings.
 * @see https://developer.hashicorp.com/terraform/language/syntax/json#expression-mapping
 */

/** A traversal found in a template, e.g. `data.aws_availability_zones.azs.names`. */
export interface Traversal {
  /** Root name and attribute names, e.g. ['data', 'aws_availability_zones', 'azs', 'names']. */
  readonly segments: readonly string[];
  /** The traversal as written (without index brackets), for messages. */
  readonly text: string;
}

export interface TemplateScan {
  readonly traversals: readonly Traversal[];
  /** Unbalanced `${`, unterminated strings. */
  readonly errors: readonly string[];
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_-]/;

/** Scans a Terraform JSON string value (a template) for references. */
export function scanTemplate(template: string): TemplateScan {
  const traversals: Traversal[] = [];
  const errors: string[] = [];
  scanTemplateInto(template, traversals, errors);
  return { traversals, errors };
}

function scanTemplateInto(template: string, out: Traversal[], errors: string[]): void {
  let i = 0;
  while (i < template.length) {
    const start = template.indexOf('${', i);
    if (start < 0) return;
    if (start > 0 && template[start - 1] === '$') {
      i = start + 2; // `$${` is a literal `${`
      continue;
    }
    const end = findClosingBrace(template, start + 2);
    if (end < 0) {
      errors.push(`unterminated interpolation in ${JSON.stringify(template.slice(start, start + 60))}`);
      return;
    }
    scanExpression(template.slice(start + 2, end), out, errors);
    i = end + 1;
  }
}

/** Index of the `}` closing an interpolation body starting at `from`, honouring nested braces and strings. */
function findClosingBrace(s: string, from: number): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      i = skipString(s, i);
      if (i < 0) return -1;
    } else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** Index of the closing quote of the string literal starting at `i` (which is `"`), or -1. */
function skipString(s: string, i: number): number {
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (s[j] === '$' && s[j + 1] === '{') {
      const end = findClosingBrace(s, j + 2);
      if (end < 0) return -1;
      j = end;
    } else if (s[j] === '"') return j;
  }
  return -1;
}

function scanExpression(expr: string, out: Traversal[], errors: string[]): void {
  const forVars = new Set<string>();
  // for-expression variables: `[for k, v in xs : ...]`, `{for x in xs : ...}`
  for (const m of expr.matchAll(/[[{]\s*for\s+([A-Za-z_][A-Za-z0-9_-]*)(?:\s*,\s*([A-Za-z_][A-Za-z0-9_-]*))?\s+in\b/g)) {
    forVars.add(m[1]);
    if (m[2]) forVars.add(m[2]);
  }
  let prev = '';
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (c === '"') {
      const end = skipString(expr, i);
      if (end < 0) {
        errors.push(`unterminated string in expression ${JSON.stringify(expr.slice(0, 60))}`);
        return;
      }
      scanTemplateInto(expr.slice(i + 1, end), out, errors);
      i = end + 1;
      prev = '"';
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (/[0-9]/.test(c) && prev !== '.') {
      while (i < expr.length && /[0-9.eE]/.test(expr[i])) i++;
      prev = '0';
      continue;
    }
    if (IDENT_START.test(c)) {
      let j = i;
      while (j < expr.length && IDENT_PART.test(expr[j])) j++;
      const root = expr.slice(i, j);
      // provider-defined functions: provider::aws::arn_parse(...)
      if (expr.startsWith('::', j)) {
        while (j < expr.length && /[A-Za-z0-9_:-]/.test(expr[j])) j++;
        i = j;
        prev = 'f';
        continue;
      }
      const segments = [root];
      let k = j;
      while (expr[k] === '.') {
        let m = k + 1;
        if (expr[m] === '*') {
          segments.push('*');
          k = m + 1;
          continue;
        }
        const s = m;
        while (m < expr.length && IDENT_PART.test(expr[m])) m++;
        if (m === s) break;
        segments.push(expr.slice(s, m));
        k = m;
      }
      let after = k;
      while (after < expr.length && /\s/.test(expr[after])) after++;
      const isCall = expr[after] === '(' && segments.length === 1;
      const isAttribute = prev === '.';
      const isKeyword = ['for', 'in', 'if', 'true', 'false', 'null'].includes(root) && segments.length === 1;
      if (!isCall && !isAttribute && !isKeyword && !forVars.has(root)) out.push({ segments, text: segments.join('.') });
      prev = isCall ? 'f' : 'i';
      i = k;
      continue;
    }
    prev = c;
    i++;
  }
}
