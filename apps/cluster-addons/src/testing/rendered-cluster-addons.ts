import { type EnvironmentConfig } from '@platform/config';
import { applicationSources, type RenderedApplicationSource } from '@platform/validation';
import { fixtureEnvironment } from '@platform/config/testing';
import { parse, parseAllDocuments } from 'yaml';
import { isDeepStrictEqual } from 'node:util';

/** Shared fixture of the cluster-addons tests: the synthesized Kubernetes tree of one environment, parsed. */

export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly finalizers?: string[]; readonly namespace?: string; readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly spec?: Record<string, unknown>;
}

export type ApplicationSource = RenderedApplicationSource & { readonly repoURL: string; readonly helm?: { readonly valuesObject: Record<string, unknown>; readonly skipCrds?: boolean } };

export interface Application extends K8sObject {
  readonly spec: {
    readonly project: string;
    readonly destination: { readonly namespace: string };
    readonly source?: ApplicationSource;
    readonly sources?: ApplicationSource[];
    readonly syncPolicy: { readonly automated?: unknown; readonly retry?: { readonly limit: number; readonly backoff: unknown }; readonly syncOptions: string[] };
  };
}

/** Every source of an Application (`spec.source` and `spec.sources`), through the production helper. */
export const sourcesOf = (a: Application): readonly ApplicationSource[] => applicationSources(a) as readonly ApplicationSource[];
/** The Helm chart source of an Application, if any. */
export const chartSourceOf = (a: Application | undefined): ApplicationSource | undefined => (a ? sourcesOf(a).find((src) => src.chart) : undefined);
/** The inline Helm values of an Application's chart source. */
export const chartValuesOf = (a: Application | undefined): Record<string, unknown> | undefined => chartSourceOf(a)?.helm?.valuesObject;

/** Every document of a multi-document YAML file (empty documents dropped). */
export function parseDocuments<T>(content: string): T[] {
  return parseAllDocuments(content)
    .map((d) => d.toJS() as T | null)
    .filter((d): d is T => d !== null && d !== undefined);
}

export interface RenderedTree {
  /** Kubernetes objects by output file below `kubernetes/` (bootstrap helm values excluded). */
  readonly files: Map<string, K8sObject[]>;
  readonly all: K8sObject[];
  readonly applications: Application[];
  /** `kubernetes/bootstrap/argocd-values.yaml`, parsed. */
  readonly bootstrapArgoCdValues: Record<string, unknown>;
  /** `versions` of the synthesis (manifest.json `versions`). */
  readonly versions: Readonly<Record<string, string>>;
}

/** Synthesizes `env` in process and parses every file. */
export function renderTree(env: EnvironmentConfig): RenderedTree {
  // Loaded on first use: a test file whose worker already holds the shared tree never loads the synthesis.
  const { synthClusterAddons } = require('../synth-cluster-addons') as typeof import('../synth-cluster-addons');
  const synthesis = synthClusterAddons(env);
  const files = new Map<string, K8sObject[]>();
  let bootstrapArgoCdValues: Record<string, unknown> = {};
  for (const f of synthesis.files) {
    if (f.path.endsWith('argocd-values.yaml')) bootstrapArgoCdValues = parse(f.content) as Record<string, unknown>;
    // drills/ (restore drill objects and checklist, applied by hand) is covered by dr.test.ts
    else if (f.path.startsWith('kubernetes/')) files.set(f.path, parseDocuments<K8sObject>(f.content));
  }
  const all = [...files.values()].flat();
  return { files, all, applications: all.filter((o): o is Application => o.kind === 'Application'), bootstrapArgoCdValues, versions: synthesis.versions };
}

/** What a jest worker keeps between test files (tools/jest/worker-fixtures-environment.js). */
type WorkerFixture = (key: string, compute: () => string) => string;

/**
 * {@link renderTree} of `env`, synthesized once per jest worker and shared by the test files it runs (each
 * gets its own parsed copy to read or mutate). Outside that environment, synthesized here.
 */
export function sharedRenderTree(env: EnvironmentConfig): RenderedTree {
  const workerFixture = (globalThis as { __platformWorkerFixture?: WorkerFixture }).__platformWorkerFixture;
  if (!workerFixture) return renderTree(env);
  const serialized = workerFixture(`cluster-addons-tree:${JSON.stringify(env)}`, () => {
    const fresh = renderTree(env);
    const plain = { files: [...fresh.files], bootstrapArgoCdValues: fresh.bootstrapArgoCdValues, versions: fresh.versions };
    const text = JSON.stringify(plain);
    // Parsed YAML that JSON cannot carry exactly (none today) would make every later file see other data.
    if (!isDeepStrictEqual(JSON.parse(text), plain)) throw new Error('the rendered fixture tree does not survive JSON; use renderTree');
    return text;
  });
  const plain = JSON.parse(serialized) as Pick<RenderedTree, 'bootstrapArgoCdValues' | 'versions'> & { files: [string, K8sObject[]][] };
  const files = new Map(plain.files);
  const all = [...files.values()].flat();
  return { files, all, applications: all.filter((o): o is Application => o.kind === 'Application'), bootstrapArgoCdValues: plain.bootstrapArgoCdValues, versions: plain.versions };
}

/** The fixture environment (`test`) and its rendered tree, synthesized once per jest worker. */
export const env = fixtureEnvironment();
export const tree = sharedRenderTree(env);
export const { files, all, applications } = tree;
export const byKind = (kind: string): K8sObject[] => all.filter((o) => o.kind === kind);
export const applicationNamed = (name: string, apps: readonly Application[] = applications): Application | undefined => apps.find((a) => a.metadata.name === name);

/**
 * `mandatoryTags` of the fixture environment, spelled out (fixture `tags` + name `test`), so tests
 * compare rendered tags with the expected values, not with the function that produced them.
 */
export const FIXTURE_MANDATORY_TAGS = {
  Environment: 'test',
  Owner: 'platform-team@acme.example',
  CostCenter: 'PLAT-0000',
  ManagedBy: 'platform-cdktn',
  Organization: 'acme',
} as const;
