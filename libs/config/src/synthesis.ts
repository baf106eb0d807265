/** One output file, relative to `dist/<env>/`, e.g. `terraform/network/cdk.tf.json`. */
export interface SynthesizedFile {
  readonly path: string;
  readonly content: string;
}

/**
 * Construct paths of the rendered Kubernetes objects, per output file:
 * `{ "<file>": { "<object id>": "<construct path>" } }`, the object id as {@link kubernetesObjectId}
 * builds it. Terraform needs no such map: cdktn records each resource's construct path in
 * `cdk.tf.json` itself (`"//": { "metadata": { "path": ... } }`).
 */
export type ConstructPathMap = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** What one app (Terraform or Kubernetes side) produced for an environment. */
export interface AppSynthesis {
  readonly files: readonly SynthesizedFile[];
  /** Versions this output pins, merged into `manifest.json` (e.g. chart name -> version). */
  readonly versions: Readonly<Record<string, string>>;
  /** Construct path of every rendered Kubernetes object (Kubernetes side only). @default {} */
  readonly constructPaths?: ConstructPathMap;
}

/**
 * `dist/<env>/construct-paths.json`: written by synth next to manifest.json (and listed in it), read by
 * `nx validate` to point each finding back at the construct that rendered the object. It lies outside
 * every folder ArgoCD syncs (`kubernetes/apps`, `kubernetes/bootstrap` and what they name), so the
 * cluster never sees it.
 */
export const CONSTRUCT_PATHS_FILE = 'construct-paths.json';

/** Contents of {@link CONSTRUCT_PATHS_FILE}. */
export interface ConstructPathsDocument {
  readonly schemaVersion: 1;
  /** Kubernetes objects: file -> object id -> construct path. */
  readonly kubernetes: ConstructPathMap;
}

/**
 * How validation findings and the construct-path map name a Kubernetes object:
 * `apiVersion/kind namespace/name`, or `apiVersion/kind name` for cluster-scoped objects.
 */
export function kubernetesObjectId(apiVersion: string, kind: string, namespace: string | undefined, name: string): string {
  return `${apiVersion}/${kind} ${namespace ? `${namespace}/` : ''}${name}`;
}
