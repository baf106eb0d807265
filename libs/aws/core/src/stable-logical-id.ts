/**
 * Construct ids that never appear in an address: cdktn hides `Default` entirely and `Resource`
 * from the readable part (`makeUniqueId` in cdktn's `private/unique`), and so do we.
 * @see https://github.com/open-constructs/cdk-terrain/blob/main/packages/cdktn/lib/private/unique.ts
 */
export const HIDDEN_ADDRESS_COMPONENTS: readonly string[] = ['Default', 'Resource'];

/**
 * The readable, hash-free Terraform logical id of an element from its construct path below the
 * stack: components joined by `_`, a component that the previous one already ends with dropped
 * (`budget/budget` -> `budget`), characters Terraform identifiers do not allow turned into `_`
 * (dashes stay, as in the construct ids), and a leading digit prefixed with `_`.
 * @param components construct ids from the stack (exclusive) down to the element (inclusive)
 * @throws Error when no component is left to name the element
 * @see https://developer.hashicorp.com/terraform/language/syntax/configuration#identifiers
 */
export function stableLogicalId(components: readonly string[]): string {
  const kept: string[] = [];
  for (const c of components) {
    if (HIDDEN_ADDRESS_COMPONENTS.includes(c)) continue;
    const previous = kept[kept.length - 1];
    if (previous === undefined || !previous.endsWith(c)) kept.push(c);
  }
  if (kept.length === 0) throw new Error(`no construct id left to name the element at "${components.join('/')}"`);
  const id = kept.join('_').replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[0-9]/.test(id) ? `_${id}` : id;
}
