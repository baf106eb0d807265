import { closest, distance } from 'fastest-levenshtein';

/**
 * The valid key closest to `key` by Levenshtein distance, when close enough to be a likely typo:
 * at most 2 edits, or a third of the key's length for long keys (`argcd` -> `argocd`,
 * `flowLogRetentionDay` -> `flowLogRetentionDays`); a case-only difference always counts.
 * @returns the suggestion, or undefined when no valid key is that close
 */
export function closestKey(key: string, validKeys: readonly string[]): string | undefined {
  if (validKeys.length === 0) return undefined;
  const byCase = validKeys.find((k) => k.toLowerCase() === key.toLowerCase());
  if (byCase) return byCase;
  const candidate = closest(key, [...validKeys]);
  return distance(key, candidate) <= Math.max(2, Math.floor(key.length / 3)) ? candidate : undefined;
}

/**
 * Message for an unknown key of an object: `unknown key "argcd"; did you mean "argocd"? Valid keys: …`.
 * Valid keys are listed in declaration order so the message reads like the schema.
 */
export function unknownKeyMessage(keys: readonly string[], validKeys: readonly string[]): string {
  const parts = keys.map((k) => {
    const hint = closestKey(k, validKeys);
    return hint ? `"${k}" (did you mean "${hint}"?)` : `"${k}"`;
  });
  const valid = validKeys.length > 0 ? `; valid keys here: ${validKeys.join(', ')}` : '; no keys are allowed here';
  return `unknown key${keys.length === 1 ? '' : 's'} ${parts.join(', ')}${valid}`;
}
