import { compareCodeUnits } from './ordering';
import { CompiledSchemaCache } from './compiled-schema-cache';
import { ChartStore } from './helm/chart-store';
import { type HelmCheckOutput, validateHelmValues } from './helm/validate-helm-values';
import { validatePodIdentity } from './cross-layer/validate-pod-identity';
import { validateMesh } from './cross-layer/validate-mesh';
import { findGitopsRoot, validateGitops } from './cross-layer/validate-gitops';
import { validatePromql } from './cross-layer/validate-promql';
import { validateAlertAnnotations } from './cross-layer/validate-alert-annotations';
import { validateScrapeSources } from './cross-layer/validate-scrape-sources';
import { validateScrapeNetworkPolicies } from './cross-layer/validate-scrape-network-policy';
import { validateRetention } from './cross-layer/validate-retention';
import { validateMimirTenancy } from './cross-layer/validate-mimir-tenancy';
import { validateBackupTargets } from './cross-layer/validate-backup-targets';
import { validateRpo } from './cross-layer/validate-rpo';
// golden path
import { validateGoldenPath } from './cross-layer/validate-golden-path';
import { validateCatalog } from './catalog/validate-catalog';
import { type DistTree, loadDistTree } from './dist-tree';
import { compareFindings, type Finding } from './finding';
import { withSourceHints } from './source-hints';
import { DEFAULT_KUBE_VERSION, type SchemaHandle, SchemaRegistry } from './kubernetes/schema-registry';
import { validateObjects } from './kubernetes/validate-objects';
import { PolicyEngine } from './policy/policy-engine';
import { validateSecrets } from './kubernetes/validate-secrets';
import { tektonImageParamFindings } from './policy/tekton-image-params';
import { validateTerraform } from './terraform/validate-terraform';

export interface ValidateOptions {
  /** Reference data folder (charts, CRDs, Kubernetes definitions). */
  readonly upstreamDir: string;
  /**
   * Kubernetes minor to validate core kinds against. @default manifest.json `kubernetesVersion`
   * (or `versions.kubernetes`), else {@link DEFAULT_KUBE_VERSION}
   */
  readonly kubeVersion?: string;
}

export interface ValidationResult {
  readonly env: string;
  readonly kubeVersion: string;
  /** Sorted by file, object, path, rule. */
  readonly findings: readonly Finding[];
  /** Counts of what was checked. */
  readonly checked: { readonly objects: number; readonly stacks: number; readonly helmValues: number };
  /** What could not be checked (reported in the summary, not as errors). */
  readonly coverage: Coverage;
}

/** Limits of the offline check, counted for the report. */
export interface Coverage {
  /** CRD CEL rules (`x-kubernetes-validations`) of the CRD kinds in the tree. */
  readonly celRules: { readonly evaluated: number; readonly skippedExtensions: number; readonly transition: number };
  /** Go RE2 `pattern`s JavaScript cannot compile, dropped from the schemas used: `<schema source>: <pattern>`, sorted. */
  readonly droppedPatterns: readonly string[];
  /** Informational notes, e.g. Helm values left unvalidated because the reference data has none. */
  readonly notes: readonly string[];
}

/**
 * Compiled schemas are cached per upstream folder and Kubernetes minor for the life of the process,
 * so validating several environments (or several trees in tests) compiles each kind once.
 */
const registries = new Map<string, SchemaRegistry>();
const chartStores = new Map<string, ChartStore>();

function registryFor(upstreamDir: string, kubeVersion: string): SchemaRegistry {
  const key = `${upstreamDir}\u0000${kubeVersion}`;
  let r = registries.get(key);
  if (!r) {
    r = new SchemaRegistry({ upstreamDir, kubeVersion });
    registries.set(key, r);
  }
  return r;
}

function chartStoreFor(upstreamDir: string): ChartStore {
  let s = chartStores.get(upstreamDir);
  if (!s) {
    s = new ChartStore(upstreamDir);
    chartStores.set(upstreamDir, s);
  }
  return s;
}

/** The Kubernetes minor recorded by the synth, if any. */
export function manifestKubeVersion(tree: DistTree): string | undefined {
  return tree.manifest?.kubernetesVersion ?? tree.manifest?.versions?.['kubernetes'];
}

/** Validates an already loaded tree (every rule family). */
export function validateTree(tree: DistTree, options: ValidateOptions): ValidationResult {
  const kubeVersion = options.kubeVersion ?? manifestKubeVersion(tree) ?? DEFAULT_KUBE_VERSION;
  // CRDs rendered in a tree are registered on a fresh registry, so trees do not leak into each other.
  const rendersCrds = tree.objects.some((d) => d.object['kind'] === 'CustomResourceDefinition' || d.object['kind'] === 'ConstraintTemplate');
  const registry = rendersCrds ? new SchemaRegistry({ upstreamDir: options.upstreamDir, kubeVersion }) : registryFor(options.upstreamDir, kubeVersion);
  const used = new Set<SchemaHandle>();
  const root = findGitopsRoot(tree);
  const helm: HelmCheckOutput = { notes: [], valueFiles: new Set() };
  const context = { env: tree.env, root: tree.root, displayRoot: tree.displayRoot, files: tree.files, gitops: root && { repoURL: root.repoURL, basePath: root.basePath } };
  const helmFindings = validateHelmValues(tree.objects, tree.helmValues, chartStoreFor(options.upstreamDir), registry, context, helm);
  // A values file that an Application reads through `$<ref>/<path>` is checked against that Application's chart.
  const valueFiles = new Set([...helm.valueFiles].map((rel) => `${tree.displayRoot}/${rel}`));
  const findings: Finding[] = [
    ...tree.loadFindings.filter((f) => !(f.rule === 'DIST-003' && valueFiles.has(f.file))),
    ...validateObjects(tree.objects, registry, used),
    ...helmFindings,
    ...new PolicyEngine().evaluate(tree.objects),
    ...tektonImageParamFindings(tree.objects),
    ...validateTerraform(tree.stacks),
    ...validatePodIdentity(tree.stacks, tree.objects),
    ...validateGitops(tree, (apiVersion, kind) => registry.scopeOf(apiVersion, kind)),
    // security layer
    ...validateSecrets(tree.objects),
    // mesh layer
    ...validateMesh(tree.objects),
    // data layer
    ...validateBackupTargets(tree.stacks, tree.objects),
    // observability layer
    ...validateRetention(tree.stacks, tree.objects),
    ...validatePromql(tree.objects),
    ...validateAlertAnnotations(tree.objects),
    ...validateMimirTenancy(tree.objects),
    ...validateScrapeSources(tree.objects),
    ...validateScrapeNetworkPolicies(tree.stacks, tree.objects),
    // backup and DR
    ...validateRpo(tree.objects),
    // golden path
    ...validateGoldenPath(tree.objects, tree.env),
    ...validateCatalog(tree.root, tree.displayRoot, tree.files),
  ];
  CompiledSchemaCache.storeCodeCaches();
  return {
    env: tree.env,
    kubeVersion: registry.kubeVersion,
    findings: withSourceHints(findings, tree).sort(compareFindings),
    checked: { objects: tree.objects.length, stacks: tree.stacks.length, helmValues: tree.helmValues.length },
    coverage: coverageOf(used, helm.notes),
  };
}

/** Sums the CEL rule classes and collects the dropped patterns of the schemas used. */
function coverageOf(used: ReadonlySet<SchemaHandle>, notes: readonly string[]): Coverage {
  const cel = { evaluated: 0, skippedExtensions: 0, transition: 0 };
  const dropped = new Set<string>();
  for (const h of used) {
    if (h.celStats) {
      cel.evaluated += h.celStats.supported;
      cel.skippedExtensions += h.celStats.extension;
      cel.transition += h.celStats.transition;
    }
    const source = h.source.split('#')[0];
    for (const p of h.droppedPatterns) dropped.add(`${source}: ${p}`);
  }
  return { celRules: cel, droppedPatterns: [...dropped].sort(compareCodeUnits), notes: [...new Set(notes)].sort(compareCodeUnits) };
}

/**
 * Validates `<distRoot>/<env>` offline (ADR 0011).
 * @param displayDist how the dist folder is named in findings (e.g. `dist`)
 * @throws Error when the tree or the reference data is missing
 */
export function validateEnvironment(distRoot: string, env: string, options: ValidateOptions, displayDist = 'dist'): ValidationResult {
  return validateTree(loadDistTree(distRoot, env, displayDist), options);
}
