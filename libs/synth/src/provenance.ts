import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Marker in a source commit recorded from a tree with uncommitted changes: `<sha>-dirty-<diff hash>`. */
export const DIRTY_MARKER = '-dirty-';

function gitOut(cwd: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync('git', [...args], { cwd, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' } }).toString();
  } catch {
    return undefined;
  }
}

/** Thrown when publish would record a source commit that does not produce the output. */
export class DirtySourceError extends Error {
  constructor(envName: string, changes: readonly string[]) {
    const shown = changes.slice(0, 5).join(', ') + (changes.length > 5 ? `, and ${changes.length - 5} more` : '');
    super(
      `publish refused: the source tree has uncommitted changes (${shown}), so no commit produces this output. ` +
        `Fix: commit them and re-run \`npx nx publish ${envName}\`, or pass --allow-dirty to record the commit as <sha>${DIRTY_MARKER}<hash of the changes>.`,
    );
    this.name = 'DirtySourceError';
  }
}

/**
 * The source commit a publish records (ADR 0047), read at publish time, never at synth time (so the
 * synth cache does not depend on HEAD). A clean work tree gives `HEAD`'s sha. A tree with
 * uncommitted changes (tracked or untracked, not ignored) is refused unless `allowDirty`, which
 * gives `<sha>-dirty-<first 12 hex of the sha256 of the changes>`. Outside git: `unknown`, only
 * with `allowDirty`.
 * @throws DirtySourceError when the tree is dirty (or not a git work tree) and `allowDirty` is not set
 */
export function publishSourceCommit(workspaceRoot: string, envName: string, allowDirty: boolean): string {
  const head = gitOut(workspaceRoot, ['rev-parse', 'HEAD'])?.trim();
  if (!head) {
    if (!allowDirty) throw new DirtySourceError(envName, [`${workspaceRoot} is not a git work tree with a commit`]);
    return 'unknown';
  }
  const status = gitOut(workspaceRoot, ['status', '--porcelain=v1', '-z', '--untracked-files=all']) ?? '';
  const changes = status
    .split('\0')
    .filter((e) => e.length > 3)
    .map((e) => e.slice(3));
  if (changes.length === 0) return head;
  if (!allowDirty) throw new DirtySourceError(envName, changes);
  const hash = createHash('sha256').update(gitOut(workspaceRoot, ['diff', '--binary', 'HEAD']) ?? '');
  for (const file of changes.filter((f) => status.includes(`?? ${f}`)).sort()) {
    hash.update(`\0${file}\0`);
    const abs = path.join(workspaceRoot, file);
    if (fs.existsSync(abs) && fs.statSync(abs).isFile()) hash.update(fs.readFileSync(abs));
  }
  return `${head}${DIRTY_MARKER}${hash.digest('hex').slice(0, 12)}`;
}
