import ts from 'typescript';

/**
 * Edits of an `environments/<env>/env.ts` the service generator needs beyond `setProperty`: find a
 * tenant by namespace, append to an array literal, add a property to an object literal. Each keeps
 * the file's layout and comments; inserted text is indented like its siblings.
 */

function parse(text: string): ts.SourceFile {
  return ts.createSourceFile('env.ts', text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  while (ts.isSatisfiesExpression(current) || ts.isAsExpression(current) || ts.isParenthesizedExpression(current)) current = current.expression;
  return current;
}

function environmentLiteral(file: ts.SourceFile): ts.ObjectLiteralExpression {
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const decl of statement.declarationList.declarations) {
      if (ts.isIdentifier(decl.name) && decl.name.text === 'environment' && decl.initializer) {
        const literal = unwrap(decl.initializer);
        if (ts.isObjectLiteralExpression(literal)) return literal;
      }
    }
  }
  throw new Error('no `export const environment = { ... }` object literal found');
}

function property(object: ts.ObjectLiteralExpression, name: string): ts.PropertyAssignment | undefined {
  return object.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name);
}

/**
 * A value inside the `environment` literal: property names, and `{ where }` steps that pick the
 * array element whose (dotted) string properties all have the given values, e.g.
 * `['mesh', 'flows', { where: { 'from.namespace': 'istio-ingress', 'to.namespace': 'shop' } }]`.
 */
export type LiteralPath = readonly (string | { readonly where: Readonly<Record<string, string>> })[];

function stringAt(object: ts.ObjectLiteralExpression, dotted: string): string | undefined {
  let node: ts.Expression = object;
  for (const name of dotted.split('.')) {
    if (!ts.isObjectLiteralExpression(node)) return undefined;
    const p = property(node, name);
    if (!p) return undefined;
    node = unwrap(p.initializer);
  }
  return ts.isStringLiteral(node) ? node.text : undefined;
}

function resolve(text: string, path: LiteralPath): ts.Expression | undefined {
  let node: ts.Expression = environmentLiteral(parse(text));
  for (const step of path) {
    if (typeof step === 'string') {
      if (!ts.isObjectLiteralExpression(node)) return undefined;
      const p = property(node, step);
      if (!p) return undefined;
      node = unwrap(p.initializer);
    } else {
      if (!ts.isArrayLiteralExpression(node)) return undefined;
      const found: ts.Expression | undefined = node.elements.find((e) => {
        const el = unwrap(e);
        return ts.isObjectLiteralExpression(el) && Object.entries(step.where).every(([k, v]) => stringAt(el, k) === v);
      });
      if (!found) return undefined;
      node = unwrap(found);
    }
  }
  return node;
}

/** True when `path` names an existing value. */
export function hasLiteral(text: string, path: LiteralPath): boolean {
  return resolve(text, path) !== undefined;
}

/** The values of the string array literal at `path` (empty when absent). */
export function stringArray(text: string, path: LiteralPath): string[] {
  const node = resolve(text, path);
  if (!node || !ts.isArrayLiteralExpression(node)) return [];
  return node.elements.filter(ts.isStringLiteral).map((e) => e.text);
}

function indentOf(text: string, pos: number): string {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  return /^\s*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/**
 * Appends `item` (TypeScript source) to the array literal at `path`. A multi-line array gets the
 * item on its own line(s), indented like the array's last element; a one-line array gets `, item`.
 * @throws Error naming the path when it is not an array literal
 */
export function appendToArray(text: string, path: LiteralPath, item: string): string {
  const node = resolve(text, path);
  if (!node || !ts.isArrayLiteralExpression(node)) throw new Error(`${describe(path)}: not an array literal in the environment`);
  const last = node.elements[node.elements.length - 1];
  const close = node.getEnd() - 1; // the `]`
  if (!last) return `${text.slice(0, close)}${item}${text.slice(close)}`;
  const multiLine = text.slice(node.getStart(), node.getEnd()).includes('\n');
  if (!multiLine) return `${text.slice(0, last.getEnd())}, ${item}${text.slice(last.getEnd())}`;
  const indent = indentOf(text, last.getStart());
  const after = text.slice(last.getEnd());
  const comma = after.startsWith(',') ? 1 : 0;
  const insertAt = last.getEnd() + comma;
  return `${text.slice(0, last.getEnd())},\n${indent}${item.split('\n').join(`\n${indent}`)}${comma ? ',' : ''}${text.slice(insertAt)}`;
}

/**
 * Adds `name: value` (TypeScript source) as the last property of the object literal at `path`.
 * @throws Error naming the path when it is not an object literal, or the property exists
 */
export function addProperty(text: string, path: LiteralPath, name: string, value: string): string {
  const node = resolve(text, path);
  if (!node || !ts.isObjectLiteralExpression(node)) throw new Error(`${describe(path)}: not an object literal in the environment`);
  if (property(node, name)) throw new Error(`${describe(path)}.${name}: already present`);
  const last = node.properties[node.properties.length - 1];
  if (!last) return `${text.slice(0, node.getEnd() - 1)}${name}: ${value}${text.slice(node.getEnd() - 1)}`;
  const multiLine = text.slice(node.getStart(), node.getEnd()).includes('\n');
  const after = text.slice(last.getEnd());
  const comma = after.startsWith(',') ? 1 : 0;
  if (!multiLine) return `${text.slice(0, last.getEnd())}, ${name}: ${value}${text.slice(last.getEnd())}`;
  const indent = indentOf(text, last.getStart());
  return `${text.slice(0, last.getEnd())},\n${indent}${name}: ${value.split('\n').join(`\n${indent}`)}${comma ? ',' : ''}${text.slice(last.getEnd() + comma)}`;
}

/**
 * Removes property `name` (and its separating comma) from the object literal at `path`; the text is
 * unchanged when the object has no such property.
 * @throws Error naming the path when it is not an object literal
 */
export function removeLiteralProperty(text: string, path: LiteralPath, name: string): string {
  const node = resolve(text, path);
  if (!node || !ts.isObjectLiteralExpression(node)) throw new Error(`${describe(path)}: not an object literal in the environment`);
  const p = property(node, name);
  if (!p) return text;
  let start = p.getStart();
  let end = p.getEnd();
  const after = /^,\s*/.exec(text.slice(end));
  if (after) end += after[0].length;
  else {
    const before = /,\s*$/.exec(text.slice(0, start));
    if (before) start -= before[0].length;
  }
  return text.slice(0, start) + text.slice(end);
}

/** Replaces the value at `path` (a property's initializer) with `value` (TypeScript source). */
export function replaceLiteral(text: string, path: LiteralPath, value: string): string {
  const node = resolve(text, path);
  if (!node) throw new Error(`${describe(path)}: not found in the environment`);
  return text.slice(0, node.getStart()) + value + text.slice(node.getEnd());
}

/** The numbers of the number array literal at `path` (empty when absent). */
export function numberArray(text: string, path: LiteralPath): number[] {
  const node = resolve(text, path);
  if (!node || !ts.isArrayLiteralExpression(node)) return [];
  return node.elements.filter(ts.isNumericLiteral).map((e) => Number(e.text));
}

function describe(path: LiteralPath): string {
  return path.map((s) => (typeof s === 'string' ? s : `[${Object.entries(s.where).map(([k, v]) => `${k}=${v}`).join(',')}]`)).join('.');
}
