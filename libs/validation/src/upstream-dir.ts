import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Environment variable naming the reference data folder. */
export const UPSTREAM_DIR_ENV = 'PLATFORM_UPSTREAM_DIR';

/**
 * The reference data folder: `--upstream`, else `$PLATFORM_UPSTREAM_DIR`, else `<workspace>/../shared/upstream`.
 * @throws Error naming the folder that was tried and how to fetch the data
 */
export function resolveUpstreamDir(explicit: string | undefined, workspaceRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  const dir = resolve(workspaceRoot, explicit ?? env[UPSTREAM_DIR_ENV] ?? '../shared/upstream');
  if (!existsSync(dir)) {
    throw new Error(`reference data folder ${dir} not found: pass --upstream <dir>, set ${UPSTREAM_DIR_ENV}, or fetch it with tools/scripts/fetch-upstream.sh ${dir}`);
  }
  return dir;
}
