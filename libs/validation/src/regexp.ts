/**
 * Escapes every character that has a meaning in a JavaScript regular expression, so `s` matches itself
 * literally inside `new RegExp(...)` (the syntax characters; ES2025 `RegExp.escape` is not in the workspace's ES2023 lib).
 */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
