import { type EnvironmentConfig } from '@platform/config';
import { applicationSources, type RenderedApplicationSource } from '@platform/validation';
import { fixtureEnvironment } from '@platform/config/testing';
import { parse, parseAllDocuments } from 'yaml';
import { synthClusterAddons } from '../synth-cluster-addons';

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

/** The fixture environment (`test`) and its rendered tree, synthesized once per test file. */
export const env = fixtureEnvironment();
export const tree = renderTree(env);
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
