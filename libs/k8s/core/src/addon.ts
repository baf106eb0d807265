import { ADDONS, type AddonDeclaration, type ChartCoordinates, type EnvironmentConfig, isAddonEnabled, type AddonName, podIdentityContract, type PodIdentityEntry } from '@platform/config';
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import type { AddonNamespace } from './addon-namespace';
import { OutputChart } from './output-chart';

/** An upstream Helm chart of an add-on with its typed values. */
export interface AddonHelmChart<V extends object> {
  /** Typed inline values (`valuesObject`); every key exists in the chart's values.yaml. */
  readonly values: V;
  /** Skip the chart's `crds/` folder because a CRD-only chart installs them in an earlier wave. @default false */
  readonly skipCrds?: boolean;
  /**
   * Sync with server-side apply: no `last-applied-configuration` annotation (which caps an object
   * at 256 KiB) and field ownership, so fields other controllers set (e.g. a CRD's conversion
   * webhook caBundle) are not reverted. @default false
   */
  readonly serverSideApply?: boolean;
  /**
   * Fields of the chart's objects that are generated at render time and then owned by the cluster
   * (e.g. a self-signed webhook certificate the chart generates with `genCA` on every render,
   * because `lookup` returns nothing under ArgoCD). Rendered as the Application's
   * `spec.ignoreDifferences` with sync option `RespectIgnoreDifferences=true`, so the fields are
   * neither shown as drift nor overwritten by a sync. @default [] (none)
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/diffing/#application-level-configuration
   */
  readonly ignoreDifferences?: readonly IgnoreDifference[];
}

/** One ArgoCD `spec.ignoreDifferences` entry: the object (kind, optional group/name/namespace) and its ignored fields. */
export interface IgnoreDifference {
  /** API group; `''` or omitted for the core group. */
  readonly group?: string;
  readonly kind: string;
  readonly name?: string;
  readonly namespace?: string;
  /** RFC 6901 JSON pointers, e.g. `/data`. */
  readonly jsonPointers?: readonly string[];
  /** jq path expressions, e.g. `.webhooks[]?.clientConfig.caBundle`. */
  readonly jqPathExpressions?: readonly string[];
}

export interface AddonProps<V extends object> {
  readonly env: EnvironmentConfig;
  /**
   * The add-on's cdk8s-free declaration (`@platform/config` add-on registry): name (Application name, Helm
   * release name, `apps/<name>.yaml`, `addons/<name>/`), description, chart coordinates and pin (the
   * version is the environment's `addons.chartVersions[key]` override when set), and pod identities.
   */
  readonly declaration: AddonDeclaration;
  /** Destination namespace of the chart (and default namespace of the extra manifests). */
  readonly namespace: AddonNamespace;
  /** Further namespaces the add-on runs workloads in. @default [] */
  readonly extraNamespaces?: readonly AddonNamespace[];
  /** Values and sync options of the declared chart; required exactly when the declaration has a chart. */
  readonly chart?: AddonHelmChart<V>;
  /** Add-ons that must be synced and healthy first (e.g. the CRD chart). @default [] */
  readonly dependsOn?: readonly Addon[];
  /**
   * Delete the add-on's resources when its Application is deleted (ArgoCD `resources-finalizer`).
   * False for add-ons whose resources must outlive the Application: ArgoCD itself, and charts
   * installing CRDs that cannot carry `Delete=false` (deleting a CRD deletes every custom resource).
   * @default true
   */
  readonly cascadeDelete?: boolean;
}

/**
 * True for an apiVersion outside the built-in Kubernetes API groups (core, `apps`, `batch`,
 * `policy`, `autoscaling` and `*.k8s.io`), i.e. one served by a CustomResourceDefinition.
 */
export function isCustomResourceApiVersion(apiVersion: string): boolean {
  if (!apiVersion.includes('/')) return false;
  const group = apiVersion.slice(0, apiVersion.lastIndexOf('/'));
  if (['apps', 'batch', 'policy', 'autoscaling'].includes(group)) return false;
  return !(group === 'k8s.io' || group.endsWith('.k8s.io'));
}

/** Thrown by `Addon` on invalid props; names the add-on, the prop and the environment. */
function fail(env: EnvironmentConfig, name: string, message: string): never {
  throw new Error(`${env.name}: Addon ${name}: ${message}`);
}

/**
 * One platform add-on (ADR 0006/0014): chart coordinates from its declaration, its namespace(s),
 * typed values, dependencies as object references, optional extra cdk8s manifests rendered to
 * `kubernetes/addons/<name>/<file>.yaml`, and the pod identities it runs as. The GitOps layer turns
 * every Addon into ArgoCD Applications with computed sync waves.
 * @throws Error when the declared name is not a DNS-1123 label, when a registered add-on is disabled in
 *   the environment, when chart values are given without a declared chart (or missing for one), or
 *   when a declared pod identity lives in a namespace the add-on does not declare
 */
export class Addon<V extends object = object> extends Construct {
  public readonly env: EnvironmentConfig;
  public readonly declaration: AddonDeclaration;
  public readonly addonName: string;
  public readonly namespace: AddonNamespace;
  public readonly namespaces: readonly AddonNamespace[];
  public readonly chart?: AddonHelmChart<V> & { readonly coordinates: ChartCoordinates };
  public readonly podIdentities: readonly PodIdentityEntry[];
  public readonly description: string;
  public readonly cascadeDelete: boolean;
  private readonly files = new Map<string, OutputChart>();
  private readonly declaredDependencies: readonly Addon[];
  private readonly addedDependencies: Addon[] = [];

  constructor(scope: Construct, id: string, props: AddonProps<V>) {
    super(scope, id);
    const { env, declaration } = props;
    const name = declaration.name;
    if (!/^[a-z0-9]([-a-z0-9]{0,50}[a-z0-9])?$/.test(name)) fail(env, name, `name "${name}" must be a DNS-1123 label of at most 52 characters`);
    const registered = (ADDONS as readonly AddonDeclaration[]).includes(declaration);
    if (registered && !isAddonEnabled(env, name as AddonName)) {
      fail(env, name, `is disabled (addons.enabled.${name}: false); do not compose it, or set addons.enabled.${name}: true`);
    }
    this.env = env;
    this.declaration = declaration;
    this.addonName = name;
    this.namespace = props.namespace;
    this.namespaces = [props.namespace, ...(props.extraNamespaces ?? [])];
    this.description = declaration.description;
    this.cascadeDelete = props.cascadeDelete ?? true;
    // by reference: a subclass may still grow the list it passed before the Applications render
    this.declaredDependencies = props.dependsOn ?? [];
    if (Boolean(props.chart) !== Boolean(declaration.chart)) {
      fail(env, name, declaration.chart ? `chart: the declaration pins chart ${declaration.chart.chart}, so chart values are required` : 'chart: the declaration has no chart; declare one before passing values');
    }
    if (props.chart && declaration.chart) {
      const { key, repoURL, chart, version } = declaration.chart;
      const override = (env.addons.chartVersions as Readonly<Record<string, string | undefined>>)[key];
      this.chart = { ...props.chart, coordinates: { repoURL, chart, version: override ?? version } };
    }
    // an unregistered declaration (a test fixture) is checked against the contract it would join
    const contract = podIdentityContract(env, registered ? ADDONS : [...ADDONS, declaration]);
    this.podIdentities = (declaration.podIdentities ?? []).map((declared) => {
      const entry = contract.find((e) => e.id === declared.id);
      if (!entry) fail(env, name, `podIdentities: entry "${declared.id}" is not in the environment's contract (known: ${contract.map((e) => e.id).join(', ')}); add the add-on to the registry`);
      if (!this.namespaces.some((n) => n.name === entry.namespace)) {
        fail(env, name, `podIdentities: entry "${declared.id}" is in namespace "${entry.namespace}", which the add-on does not declare (${this.namespaces.map((n) => n.name).join(', ')})`);
      }
      return entry;
    });
  }

  /** Add-ons that must be synced and healthy first: the `dependsOn` prop plus `addDependency` calls, in that order. */
  public get dependsOn(): readonly Addon[] {
    return [...this.declaredDependencies, ...this.addedDependencies];
  }

  /**
   * Adds a dependency after construction, for an add-on composed later than this one because of a value it
   * needs (e.g. the mesh, composed after the collector its traces go to, while a meshed data add-on must sync after
   * ztunnel). Read by the sync-wave computation, so call it before the Applications are rendered.
   * @throws Error naming both add-ons for a dependency on itself
   */
  public addDependency(...addons: readonly Addon[]): void {
    for (const addon of addons) {
      if (addon === this) fail(this.env, this.addonName, 'addDependency: an add-on cannot depend on itself');
      if (!this.declaredDependencies.includes(addon) && !this.addedDependencies.includes(addon)) this.addedDependencies.push(addon);
    }
  }

  /** The contract entry `id` of this add-on; charts get `serviceAccount.create: false` + its name. @throws Error for an id not in `podIdentities` */
  public podIdentity(id: string): PodIdentityEntry {
    const entry = this.podIdentities.find((e) => e.id === id);
    if (!entry) fail(this.env, this.addonName, `podIdentity("${id}"): not declared in podIdentities [${this.podIdentities.map((e) => e.id).join(', ')}]`);
    return entry;
  }

  /**
   * The chart that renders `kubernetes/addons/<name>/<file>.yaml`, created on first use. Objects
   * in it set `metadata.namespace` themselves (the chart sets no default, so cluster-scoped kinds stay clean).
   * @param file base name without extension, DNS-1123 label
   */
  public manifestFile(file: string): OutputChart {
    const existing = this.files.get(file);
    if (existing) return existing;
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(file)) fail(this.env, this.addonName, `manifestFile("${file}") must be a DNS-1123 label`);
    const chart = new OutputChart(this, `file-${file}`, { outputPath: `${this.manifestsDirectory}/${file}.yaml` });
    this.files.set(file, chart);
    return chart;
  }

  /** `kubernetes/addons/<name>`, relative to `dist/<env>/` and to `<basePath>/<env>/` in the GitOps repo. */
  public get manifestsDirectory(): string {
    return `kubernetes/addons/${this.addonName}`;
  }

  /** The charts of the extra manifest files, in creation order. */
  public get manifestCharts(): readonly OutputChart[] {
    return [...this.files.values()];
  }

  /**
   * Every namespace the add-on's objects land in: its declared namespaces plus the
   * `metadata.namespace` of every extra manifest (e.g. contract ServiceAccounts, tenant quotas).
   */
  public destinationNamespaces(): string[] {
    const found = new Set(this.namespaces.map((n) => n.name));
    for (const o of this.manifestObjects()) {
      if (o.metadata.namespace) found.add(o.metadata.namespace);
    }
    return [...found].sort();
  }

  /**
   * True when an extra manifest is a custom resource (its API group is not built into Kubernetes):
   * its CRD may not exist at dry-run time, so the Application needs `SkipDryRunOnMissingResource`.
   */
  public get hasCustomResources(): boolean {
    return this.manifestObjects().some((o) => isCustomResourceApiVersion(o.apiVersion));
  }

  /**
   * The API objects of the extra manifest files, read from the construct tree rather than by rendering the charts:
   * `chart.toJson()` resolves every object (tokens, JSON patches), which is ~1 ms per object, and this runs for every
   * add-on while the Applications are built. Namespace and apiVersion are set at construction and never patched.
   */
  private manifestObjects(): ApiObject[] {
    return [...this.files.values()].flatMap((chart) => chart.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c) && Chart.of(c) === chart));
  }

  /** True once any extra manifest file was requested. */
  public get hasManifests(): boolean {
    return this.files.size > 0;
  }

  public static isAddon(x: unknown): x is Addon {
    return x instanceof Addon;
  }
}
