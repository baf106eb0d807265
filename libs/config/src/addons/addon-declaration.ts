import type { PodIdentityEntry } from '../pod-identity';

/**
 * One image map in a chart's values (`{ repository, tag[, registry][, digest] }`) that the chart renders
 * into its pod specs, and where it falls back to. `nx validate` checks the effective image (our values
 * merged over the chart's values.yaml) against the registry and pinning policies (K8S-POD-007/008).
 */
export interface ChartImage {
  /** Dot path of the image map, e.g. `controller.image`. */
  readonly path: string;
  /** Image map whose `repository`/`tag` apply when this one leaves them empty (argo-cd `global.image`). */
  readonly fallback?: string;
  /** Key of the repository inside the map. @default 'repository' */
  readonly repositoryKey?: string;
  /**
   * Conditions (dot paths into the merged values) under which the chart renders this image: `x.enabled` must be
   * `true`, `!x.enabled` must not be `true`. @default [] (always rendered)
   */
  readonly when?: readonly string[];
}

/**
 * Where a chart comes from and what it renders. `repoURL` follows ArgoCD: OCI registries without the
 * `oci://` prefix.
 */
export interface ChartCoordinates {
  readonly repoURL: string;
  /** Chart name in the repository (the Application's `source.chart`). */
  readonly chart: string;
  /** Exact published chart version (the catalog pin; `addons.chartVersions` may override it per environment). */
  readonly version: string;
}

/**
 * Plain manifests an add-on syncs straight from a tagged folder of an upstream Git repository (projects
 * that publish CRDs as YAML, not as a chart, e.g. the Gateway API). Rendered as a directory source.
 */
export interface UpstreamManifestsDeclaration {
  /** Git repository URL, e.g. `https://github.com/kubernetes-sigs/gateway-api.git`. */
  readonly repoURL: string;
  /** Folder inside the repository, e.g. `config/crd/standard`. */
  readonly path: string;
  /** Exact release tag (the pin), e.g. `v1.5.1`. */
  readonly version: string;
}

/** The upstream Helm chart of an add-on: coordinates, pin, and the images it renders. */
export interface AddonChartDeclaration extends ChartCoordinates {
  /**
   * Every image map the chart renders (read from its values.yaml and templates). Required, so a new
   * chart cannot silently escape the image policies; `[]` only for charts that render no pods (CRD-only).
   */
  readonly images: readonly ChartImage[];
}

/**
 * The cdk8s-free half of an add-on (ADR 0014): what both the Terraform and the Kubernetes side, the
 * validation gate and the tooling need to know. The add-on's construct (typed values, namespaces,
 * flows, object dependencies) lives in its folder under `libs/k8s/<layer>/src/<addon>/` and reads
 * its declaration from here. Registries (chart catalog, Pod Identity contract, chart images,
 * reference-data list, docs inventory) are derived from the list in `registry.ts`.
 */
export interface AddonDeclaration<N extends string = string> {
  /** Add-on name: Application name, Helm release name, `apps/<name>.yaml`. DNS-1123 label. */
  readonly name: N;
  /** One line for the docs. */
  readonly description: string;
  /** Platform layer the add-on belongs to (docs inventory). */
  readonly layer: AddonLayer;
  /**
   * `true`: the environment switches it with `addons.enabled.<name>`; `false`: every environment
   * runs it (the platform does not work without it).
   */
  readonly optional: boolean;
  /** Add-ons that must be enabled too (checked in the environment schema, naming both). @default [] */
  readonly requires?: readonly string[];
  /** The chart key (`addons.chartVersions` key) and chart; omit for an add-on made only of cdk8s manifests. */
  readonly chart?: AddonChartDeclaration & { readonly key: string };
  /** Upstream manifests synced from a pinned Git tag; an alternative to `chart` for projects without one. */
  readonly upstreamManifests?: UpstreamManifestsDeclaration;
  /** Workload identities the add-on runs as; Terraform creates each role + association only when the add-on is enabled. @default [] */
  readonly podIdentities?: readonly PodIdentityEntry[];
}

export const ADDON_LAYERS = ['foundation', 'container-platform', 'gitops', 'security', 'mesh', 'data', 'observability', 'dr', 'delivery'] as const;
export type AddonLayer = (typeof ADDON_LAYERS)[number];

/** Identity function that keeps the literal types of a declaration (name, chart key). */
export function defineAddon<const N extends string, const D extends AddonDeclaration<N>>(declaration: D & AddonDeclaration<N>): D {
  return declaration;
}
