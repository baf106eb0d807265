/**
 * One source of a rendered ArgoCD Application (`spec.source` or an entry of `spec.sources`), as it
 * appears in the synthesized YAML/JSON (`repoURL`, not the cdk8s property name `repoUrl`).
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/multiple_sources/
 */
export interface RenderedApplicationSource {
  readonly repoURL?: string;
  /** Helm chart name (Helm repository sources only). */
  readonly chart?: string;
  /** Git revision, or the exact chart version of a Helm source. */
  readonly targetRevision?: string;
  /** Folder in a Git repository (directory sources only). */
  readonly path?: string;
  readonly helm?: { readonly valuesObject?: Record<string, unknown>; readonly skipCrds?: boolean; readonly releaseName?: string };
  readonly directory?: { readonly recurse?: boolean; readonly include?: string };
}

/** The parts of a rendered object `applicationSources` reads. */
export interface RenderedApplicationLike {
  readonly kind?: string;
  readonly spec?: { readonly source?: RenderedApplicationSource; readonly sources?: readonly RenderedApplicationSource[] } | Record<string, unknown>;
}

/**
 * Every source of a rendered ArgoCD Application: `spec.source` (single-source) followed by each
 * `spec.sources[]` entry (multi-source), in that order. ArgoCD ignores `source` when `sources` is
 * set, but readers (manifest chart versions, tests) must see both, so a chart moved into `sources`
 * is never missed.
 * @returns an empty list for objects that are not `kind: Application` or have neither field
 */
export function applicationSources(app: RenderedApplicationLike): readonly RenderedApplicationSource[] {
  if (app.kind !== 'Application' || !app.spec) return [];
  const spec = app.spec as { readonly source?: RenderedApplicationSource; readonly sources?: readonly RenderedApplicationSource[] };
  return [...(spec.source ? [spec.source] : []), ...(spec.sources ?? [])];
}
