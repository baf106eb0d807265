/**
 * Kubernetes name and value syntax, as enforced by the API server (apimachinery `validation` package).
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
 */

/** `resource.Quantity`: `<signedNumber><suffix>`, suffix one of Ki..Ei, n u m k M G T P E, or e/E exponent. */
export const QUANTITY_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export function isQuantity(value: unknown): boolean {
  return typeof value === 'number' ? Number.isFinite(value) : typeof value === 'string' && QUANTITY_PATTERN.test(value);
}

/** RFC 1123 label: at most 63 lowercase alphanumerics or `-`, starting and ending alphanumeric. Returns a problem or undefined. */
export function dns1123LabelProblem(value: string): string | undefined {
  if (value.length > 63) return `"${value}" is longer than 63 characters (RFC 1123 label)`;
  if (!DNS1123_LABEL.test(value)) return `"${value}" is not a valid RFC 1123 label (lowercase alphanumerics and '-', start and end alphanumeric)`;
  return undefined;
}

/** RFC 1123 subdomain: at most 253 characters, dot-separated labels. */
export function dns1123SubdomainProblem(value: string): string | undefined {
  if (value.length > 253) return `"${value}" is longer than 253 characters (RFC 1123 subdomain)`;
  if (!DNS1123_SUBDOMAIN.test(value)) return `"${value}" is not a valid RFC 1123 subdomain (lowercase alphanumerics, '-' and '.', start and end alphanumeric)`;
  return undefined;
}

/** Path segment names (RBAC kinds): anything except `.`, `..`, and names containing `/` or `%`. */
export function pathSegmentProblem(value: string): string | undefined {
  if (value === '.' || value === '..' || value.includes('/') || value.includes('%') || value === '') return `"${value}" is not a valid path segment name`;
  return undefined;
}

/** Label/annotation key: `[prefix/]name`, prefix a DNS subdomain, name a qualified name of at most 63 characters. */
export function qualifiedKeyProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return `key "${key}" has more than one '/'`;
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined && dns1123SubdomainProblem(prefix)) return `key "${key}": prefix is not a valid RFC 1123 subdomain`;
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name)) {
    return `key "${key}": name part must be 1-63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric`;
  }
  return undefined;
}

/** Label value: at most 63 characters, empty or alphanumerics, `-`, `_`, `.` starting and ending alphanumeric. */
export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63 || !LABEL_VALUE.test(value)) return `label value "${value}" must be at most 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric`;
  return undefined;
}

/** Kinds whose `metadata.name` must be an RFC 1123 label (everything else: subdomain or path segment). */
export const LABEL_NAMED_KINDS = new Set(['Namespace', 'Service']);

/** RBAC kinds: names are path segments (e.g. `system:aggregate-to-view`). */
export const PATH_SEGMENT_NAMED_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

/** The name rule the API server applies to `metadata.name` of a kind. */
export function objectNameProblem(kind: string, name: string): string | undefined {
  if (PATH_SEGMENT_NAMED_KINDS.has(kind)) return pathSegmentProblem(name);
  if (LABEL_NAMED_KINDS.has(kind)) return dns1123LabelProblem(name);
  return dns1123SubdomainProblem(name);
}
