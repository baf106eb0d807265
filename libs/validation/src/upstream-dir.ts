import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

/** Environment variable naming the reference data folder. */
export const UPSTREAM_DIR_ENV = 'PLATFORM_UPSTREAM_DIR';

/** The reference data folder relative to the workspace root when neither `--upstream` nor the variable is set. */
export const DEFAULT_UPSTREAM_DIR = '../shared/upstream';

/**
 * Workspace root, both from the sources (`libs/validation/src`) and from the compiled CLI
 * (`dist/out-tsc/libs/validation/src`), as `libs/synth` finds it.
 */
export const WORKSPACE_ROOT = (() => {
  const up3 = resolve(__dirname, '../../..');
  return basename(dirname(up3)) === 'dist' ? resolve(up3, '../..') : up3;
})();

/** Where relative paths resolve. */
export interface PathBases {
  /** Explicit command-line paths (`--upstream`) resolve from here: the caller's working directory. */
  readonly cwd: string;
  /** `$PLATFORM_UPSTREAM_DIR` and the default resolve from here. @default WORKSPACE_ROOT */
  readonly workspaceRoot?: string;
}

/**
 * The reference data folder: `--upstream` (relative to the working directory), else `$PLATFORM_UPSTREAM_DIR`,
 * else `<workspace>/../shared/upstream` (both relative to the workspace root, whatever the working directory).
 * @throws Error naming the folder that was tried and how to fetch the data
 */
export function resolveUpstreamDir(explicit: string | undefined, bases: PathBases, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[UPSTREAM_DIR_ENV];
  const dir =
    explicit !== undefined ? resolve(bases.cwd, explicit) : resolve(bases.workspaceRoot ?? WORKSPACE_ROOT, fromEnv !== undefined && fromEnv !== '' ? fromEnv : DEFAULT_UPSTREAM_DIR);
  if (!existsSync(dir)) {
    throw new Error(`reference data folder ${dir} not found: pass --upstream <dir>, set ${UPSTREAM_DIR_ENV}, or fetch it with tools/scripts/fetch-upstream.sh ${dir}`);
  }
  return dir;
}
