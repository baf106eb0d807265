/**
 * Characters AWS accepts in tag keys and values: letters, digits, white space (a space, not a
 * newline or tab) and `_ . : / = + - @`, in any language.
 * @see https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html ("Tag naming limits and requirements")
 */
export const AWS_TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Longest tag key and value AWS accepts, in Unicode characters (same source as `AWS_TAG_CHARACTERS`). */
export const AWS_TAG_KEY_MAX_LENGTH = 128;
export const AWS_TAG_VALUE_MAX_LENGTH = 256;

/**
 * Why AWS would reject this tag key or value, or undefined when it accepts it. Also rejects the
 * reserved `aws:` key prefix.
 */
export function awsTagProblem(kind: 'key' | 'value', text: string): string | undefined {
  const max = kind === 'key' ? AWS_TAG_KEY_MAX_LENGTH : AWS_TAG_VALUE_MAX_LENGTH;
  const length = [...text].length;
  if (kind === 'key' && length === 0) return 'is an empty tag key';
  if (length > max) return `is ${length} characters; AWS allows at most ${max} in a tag ${kind}`;
  if (!AWS_TAG_CHARACTERS.test(text)) {
    const bad = [...text].find((c) => !AWS_TAG_CHARACTERS.test(c)) ?? '';
    return `${JSON.stringify(text)} contains ${JSON.stringify(bad)}, which AWS rejects in a tag ${kind}; use only letters, digits, spaces and _ . : / = + - @`;
  }
  if (kind === 'key' && text.toLowerCase().startsWith('aws:')) return `${JSON.stringify(text)} uses the reserved aws: prefix`;
  return undefined;
}
