import { parser } from '@prometheus-io/lezer-promql';

/** One syntax error of a PromQL expression: the 0-based offset and the text around it. */
export interface PromqlSyntaxError {
  readonly offset: number;
  /** Up to 20 characters of the expression starting at the offset (`<end>` at the end). */
  readonly near: string;
}

/** Stand-in for a template placeholder in a range or duration position (`[$__rate_interval]`, `[{{args.window}}]`). */
const DURATION_STAND_IN = '5m';
/** Stand-in for a placeholder elsewhere outside string literals (label names in `by (...)`, metric names). */
const IDENTIFIER_STAND_IN = 'template_placeholder';

/**
 * Replaces the template placeholders that Grafana (`$var`, `${var}`, `${var:fmt}`, `[[var]]`) and Argo Rollouts
 * (`{{args.name}}`) substitute before a query reaches Prometheus, outside string literals only (inside a string
 * they are label values and parse anyway). After `[` or `:` (a range or subquery step) the stand-in is a duration,
 * elsewhere an identifier. The replaced text keeps its length where it can, so offsets stay close to the original.
 */
export function withoutTemplatePlaceholders(expr: string): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (quote) {
      out += c;
      if (c === '\\' && quote !== '`') {
        out += expr[i + 1] ?? '';
        i++;
      } else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      quote = c;
      out += c;
      continue;
    }
    const m = /^(\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\[\[[^\]]*\]\]|\{\{[^}]*\}\})/.exec(expr.slice(i));
    if (m) {
      const before = out.trimEnd().slice(-1);
      out += before === '[' || before === ':' ? DURATION_STAND_IN : IDENTIFIER_STAND_IN;
      i += m[0].length - 1;
      continue;
    }
    out += c;
  }
  return out;
}

/**
 * Parses one PromQL expression with the Prometheus project's own grammar (`@prometheus-io/lezer-promql`) and
 * returns its syntax errors (none: valid). Template placeholders are replaced first
 * (`withoutTemplatePlaceholders`). An empty expression is an error.
 * @see https://github.com/prometheus/prometheus/tree/main/web/ui/module/lezer-promql
 */
export function promqlSyntaxErrors(expr: string): PromqlSyntaxError[] {
  const text = withoutTemplatePlaceholders(expr);
  if (text.trim() === '') return [{ offset: 0, near: '<end>' }];
  const errors: PromqlSyntaxError[] = [];
  parser.parse(text).iterate({
    enter: (node) => {
      if (node.type.isError) errors.push({ offset: node.from, near: text.slice(node.from, node.from + 20) || '<end>' });
    },
  });
  return errors;
}
