import { compareCodeUnits as cmp } from './ordering';

/**
 * One validation result. Every finding names where it was found (file, object, JSON path) and which
 * rule produced it, so a human can jump to it and a machine can group by rule.
 */
export interface Finding {
  /** Path of the offending file as given on the command line, e.g. `dist/dev/kubernetes/apps/argocd.yaml`. */
  readonly file: string;
  /**
   * The object: `apiVersion/kind namespace/name` (cluster-scoped: `apiVersion/kind name`) for Kubernetes,
   * the Terraform address (`aws_s3_bucket.logs`) for Terraform, `-` for file-level findings.
   */
  readonly object: string;
  /** JSON path inside the object, e.g. `spec.template.spec.containers[0].image`; `-` when not applicable. */
  readonly path: string;
  /** Rule id, e.g. `K8S-SCHEMA-001`, `K8S-POD-001`, `TF-S3-001` (see docs/validation.md). */
  readonly rule: string;
  readonly message: string;
  /**
   * Where the object comes from, when known: the construct path that rendered it (cdk8s: from
   * `construct-paths.json`; Terraform: the resource's `//` metadata), e.g. `cluster-addons/argocd/application`.
   */
  readonly construct?: string;
  /** The environment field that sets the offending value, when a registry maps it, e.g. `addons.chartVersions.argo-cd`. */
  readonly envField?: string;
}

/** Appends a key to a JSON path, quoting keys that are not plain identifiers: `a.b`, `a["x.y"]`, `a[0]`. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  const segment = /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (base === '' || base === '-') return segment.startsWith('[') ? segment : segment;
  return segment.startsWith('[') ? `${base}${segment}` : `${base}.${segment}`;
}

/** Converts an ajv/JSON-pointer instance path (`/spec/containers/0/name`) into a JSON path. */
export function pointerToPath(pointer: string, prefix = ''): string {
  if (pointer === '') return prefix;
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<string>((acc, seg) => joinPath(acc, /^\d+$/.test(seg) ? Number(seg) : seg), prefix);
}

/** Stable ordering for reports: file, object, path, rule, message, each in code-unit order (`compareCodeUnits`). */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.file, b.file) || cmp(a.object, b.object) || cmp(a.path, b.path) || cmp(a.rule, b.rule) || cmp(a.message, b.message)
  );
}
