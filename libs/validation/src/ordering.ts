/**
 * Code-unit order of two strings (UTF-16, what `<` compares), never the machine locale
 * (`localeCompare` and a bare `sort()` of mixed case differ between ICU builds and locales), so file
 * listings, manifests and diffs come out the same on every machine.
 * @returns negative when `a` sorts first, 0 when equal, positive when `b` sorts first
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
