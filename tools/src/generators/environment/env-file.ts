import * as vm from 'node:vm';
import ts from 'typescript';

/**
 * Reads and edits an `environments/<env>/env.ts` through the TypeScript syntax tree, so a generated
 * copy keeps the source's layout, comments and layer anchors, and only the named values change.
 */

/** A property path inside the `environment` object literal, e.g. `['argocd', 'sso', 'clientId']`. */
export type PropertyPath = readonly string[];

function parse(text: string): ts.SourceFile {
  return ts.createSourceFile('env.ts', text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  while (ts.isSatisfiesExpression(current) || ts.isAsExpression(current) || ts.isParenthesizedExpression(current)) current = current.expression;
  return current;
}

/** The `export const environment = {...}` statement and its object literal. */
function environmentDeclaration(file: ts.SourceFile): { readonly statement: ts.VariableStatement; readonly literal: ts.ObjectLiteralExpression } {
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const decl of statement.declarationList.declarations) {
      if (ts.isIdentifier(decl.name) && decl.name.text === 'environment' && decl.initializer) {
        const literal = unwrap(decl.initializer);
        if (ts.isObjectLiteralExpression(literal)) return { statement, literal };
      }
    }
  }
  throw new Error('no `export const environment = { ... }` object literal found');
}

function propertyName(p: ts.ObjectLiteralElementLike): string | undefined {
  if (!ts.isPropertyAssignment(p)) return undefined;
  return ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : undefined;
}

function findProperty(literal: ts.ObjectLiteralExpression, path: PropertyPath): ts.PropertyAssignment | undefined {
  let object: ts.ObjectLiteralExpression = literal;
  for (let i = 0; i < path.length; i++) {
    const property = object.properties.find((p) => propertyName(p) === path[i]);
    if (!property || !ts.isPropertyAssignment(property)) return undefined;
    if (i === path.length - 1) return property;
    const value = unwrap(property.initializer);
    if (!ts.isObjectLiteralExpression(value)) return undefined;
    object = value;
  }
  return undefined;
}

/** A TypeScript literal for a string (single-quoted, as the env files are written) or a boolean/number. */
function literal(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * Replaces the value of an existing property.
 * @throws Error naming the path when the property is not in the file
 */
export function setProperty(text: string, path: PropertyPath, value: string | number | boolean): string {
  const property = findProperty(environmentDeclaration(parse(text)).literal, path);
  if (!property) throw new Error(`${path.join('.')}: not found in the environment literal`);
  return text.slice(0, property.initializer.getStart()) + literal(value) + text.slice(property.initializer.getEnd());
}

/** Removes a property (and its trailing comma) when present; the text is unchanged otherwise. */
export function removeProperty(text: string, path: PropertyPath): string {
  const property = findProperty(environmentDeclaration(parse(text)).literal, path);
  if (!property) return text;
  let end = property.getEnd();
  const after = /^\s*,/.exec(text.slice(end));
  if (after) end += after[0].length;
  let start = property.getStart();
  const before = /,\s*$/.exec(text.slice(0, start));
  if (!after && before) start -= before[0].length;
  return text.slice(0, start) + text.slice(end).replace(/^ (?=\})/, ' ');
}

/** The text of the JSDoc comment right above `export const environment`, without `/**` and `*\/`. */
export function headerComment(text: string): string | undefined {
  const { statement } = environmentDeclaration(parse(text));
  const ranges = ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? [];
  const doc = ranges.filter((r) => text.slice(r.pos, r.pos + 3) === '/**').at(-1);
  if (!doc) return undefined;
  return text
    .slice(doc.pos + 3, doc.end - 2)
    .split('\n')
    .map((line) => line.replace(/^\s*\*? ?/, '').trimEnd())
    .join(' ')
    .trim();
}

/** Replaces (or adds) the JSDoc comment right above `export const environment` with a one-line `/** … *\/`. */
export function setHeaderComment(text: string, comment: string): string {
  const { statement } = environmentDeclaration(parse(text));
  const ranges = ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? [];
  const doc = ranges.filter((r) => text.slice(r.pos, r.pos + 3) === '/**').at(-1);
  const line = `/** ${comment.replace(/\*\//g, '* /')} */`;
  if (doc) return text.slice(0, doc.pos) + line + text.slice(doc.end);
  const start = statement.getStart();
  return `${text.slice(0, start)}${line}\n${text.slice(start)}`;
}

/**
 * The declared `environment` value. Environment files hold data only (lint enforces it: no calls, no
 * imports other than `import type`), so the transpiled module runs in an empty context.
 * @throws Error when the file does not evaluate to an `environment` export
 */
export function evaluateEnvironment(text: string): unknown {
  const js = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const module = { exports: {} as Record<string, unknown> };
  vm.runInNewContext(js, { module, exports: module.exports, require: (id: string) => { throw new Error(`env.ts may not import ${id} at run time`); } });
  if (module.exports['environment'] === undefined) throw new Error('env.ts does not export `environment`');
  return module.exports['environment'];
}
