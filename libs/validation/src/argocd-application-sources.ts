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

/** One source of an Application with its JSON path: `spec.source` or `spec.sources[i]`. */
export interface ApplicationSourceEntry {
  readonly path: string;
  readonly source: Record<string, unknown>;
}

/**
 * Every source of a rendered ArgoCD Application with its JSON path: `spec.source` (single-source)
 * followed by each `spec.sources[i]` (multi-source), in that order. ArgoCD ignores `source` when
 * `sources` is set, but readers (manifest chart versions, validation, tests) must see both, so a
 * chart moved into `sources` is never missed.
 * @returns an empty list for objects that are not `kind: Application` or have neither field
 */
export function applicationSourceEntries(app: RenderedApplicationLike): readonly ApplicationSourceEntry[] {
  if (app.kind !== 'Application' || !app.spec) return [];
  const spec = app.spec as { readonly source?: unknown; readonly sources?: unknown };
  const out: ApplicationSourceEntry[] = [];
  if (spec.source && typeof spec.source === 'object') out.push({ path: 'spec.source', source: spec.source as Record<string, unknown> });
  if (Array.isArray(spec.sources)) {
    spec.sources.forEach((s: unknown, i: number) => {
      if (s && typeof s === 'object') out.push({ path: `spec.sources[${i}]`, source: s as Record<string, unknown> });
    });
  }
  return out;
}

/** The sources of `applicationSourceEntries`, typed as rendered sources. */
export function applicationSources(app: RenderedApplicationLike): readonly RenderedApplicationSource[] {
  return applicationSourceEntries(app).map((e) => e.source as RenderedApplicationSource);
}
