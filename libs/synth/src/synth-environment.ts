import * as path from 'node:path';
import { CONSTRUCT_PATHS_FILE, type ConstructPathsDocument, type EnvironmentConfig, type SynthesizedFile } from '@platform/config';
import { compareCodeUnits } from '@platform/validation/render';
import { synthFoundation } from '@platform/aws-foundation';
import { synthClusterAddons } from '@platform/cluster-addons';
import { replaceDirectoryAtomically, writeFiles } from './atomic-directory';
import { buildManifest } from './manifest';

export interface SynthOptions {
  /** Folder that receives `<env>/`. @default `<workspace>/dist` */
  readonly distRoot?: string;
}

export interface SynthResult {
  readonly outDir: string;
  readonly files: readonly SynthesizedFile[];
}

/** Workspace root, both from `libs/synth/src` and from `dist/out-tsc/libs/synth/src`. */
export const WORKSPACE_ROOT = (() => {
  const up3 = path.resolve(__dirname, '../../..');
  return path.basename(path.dirname(up3)) === 'dist' ? path.resolve(up3, '../..') : up3;
})();

/**
 * `construct-paths.json`: the construct path of every rendered Kubernetes object, files and objects sorted, so
 * `nx validate` can name the construct behind a finding. Listed in manifest.json and published like any
 * output file; outside the folders ArgoCD syncs.
 */
function constructPathsFile(paths: ConstructPathsDocument['kubernetes']): SynthesizedFile {
  const sortedRecord = <T>(record: Readonly<Record<string, T>>): Record<string, T> => Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareCodeUnits(a, b)));
  const sorted = Object.fromEntries(Object.entries(sortedRecord(paths)).map(([file, objects]) => [file, sortedRecord(objects)]));
  const document: ConstructPathsDocument = { schemaVersion: 1, kubernetes: sorted };
  return { path: CONSTRUCT_PATHS_FILE, content: `${JSON.stringify(document, null, 2)}\n` };
}

/**
 * Builds the Terraform and Kubernetes output of one environment in this process and swaps it into
 * `dist/<env>` atomically: on any error the previous `dist/<env>` stays byte-identical (ADR 0010).
 * @throws Error from any construct (its message names the environment and the field), or an I/O error;
 *   in every case nothing under `dist/<env>` has changed
 */
export async function synthEnvironment(env: EnvironmentConfig, options: SynthOptions = {}): Promise<SynthResult> {
  const distRoot = options.distRoot ?? path.join(WORKSPACE_ROOT, 'dist');
  const outDir = path.join(distRoot, env.name);
  const terraform = synthFoundation(env);
  const kubernetes = synthClusterAddons(env);
  const files = [...terraform.files, ...kubernetes.files, constructPathsFile(kubernetes.constructPaths ?? {})];
  const manifest = buildManifest({
    environment: env.name,
    kubernetesVersion: env.cluster.version,
    versions: { ...terraform.versions, ...kubernetes.versions },
    files,
  });
  const all = [...files, { path: 'manifest.json', content: `${JSON.stringify(manifest, null, 2)}\n` }];
  await replaceDirectoryAtomically(outDir, (staging) => writeFiles(staging, all));
  return { outDir, files: all };
}
