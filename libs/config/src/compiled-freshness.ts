import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The record `tools/scripts/compile.mjs` writes at the root of a compiled tree (`dist/out-tsc/`):
 * when the compile started (ms since the epoch) and the workspace-relative sources it compiled.
 */
export const COMPILED_SOURCES_RECORD = 'compiled-sources.json';

/** Folders `tools:compile` transpiles; keep in sync with SOURCE_ROOTS in tools/scripts/compile.mjs. */
export const COMPILED_SOURCE_ROOTS = ['apps', 'libs', 'environments', 'tools'] as const;

interface CompiledSourcesRecord {
  readonly startedAtMs: number;
  readonly sources: readonly string[];
}

function isSource(name: string): boolean {
  return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts');
}

/** Every compiled source below the roots (workspace-relative, `/`), with its mtime in ms. */
function currentSources(workspaceRoot: string): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(workspaceRoot, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(rel);
      } else if (entry.isFile() && isSource(entry.name)) {
        out.set(rel, fs.statSync(path.join(workspaceRoot, rel)).mtimeMs);
      }
    }
  };
  for (const root of COMPILED_SOURCE_ROOTS) walk(root);
  return out;
}

/**
 * Why the compiled tree at `compiledRoot` does not match the sources of `workspaceRoot`, or
 * undefined when it does: a source modified after the compile started, or a source added or
 * removed since. A compiled tree without the record (an older compile) counts as stale.
 * @returns e.g. `environments/prod/env.ts changed after the last compile`
 */
export function staleCompiledOutput(compiledRoot: string, workspaceRoot: string): string | undefined {
  let record: CompiledSourcesRecord;
  try {
    record = JSON.parse(fs.readFileSync(path.join(compiledRoot, COMPILED_SOURCES_RECORD), 'utf8')) as CompiledSourcesRecord;
  } catch {
    return `${COMPILED_SOURCES_RECORD} is missing from the compiled tree`;
  }
  const now = currentSources(workspaceRoot);
  const compiled = new Set(record.sources);
  const newer = [...now].filter(([, mtime]) => mtime > record.startedAtMs).map(([file]) => file);
  const added = [...now.keys()].filter((f) => !compiled.has(f));
  const removed = record.sources.filter((f) => !now.has(f));
  const reasons = [
    ...newer.map((f) => `${f} changed`),
    ...added.filter((f) => !newer.includes(f)).map((f) => `${f} added`),
    ...removed.map((f) => `${f} removed`),
  ].sort();
  if (reasons.length === 0) return undefined;
  const shown = reasons.slice(0, 3).join(', ') + (reasons.length > 3 ? ` and ${reasons.length - 3} more` : '');
  return `${shown} after the last compile`;
}

/**
 * The refusal the compiled CLIs print when their output is stale (ADR 0048): running it would use
 * the last compiled environment and libraries, not the current sources.
 * @param command the Nx target to run instead (`synth`, `validate`, `diff`, `publish`)
 */
export function staleCompiledOutputMessage(envName: string, command: string, reason: string): string {
  return (
    `${envName}: refusing to run the compiled CLI: it is older than its sources (${reason}), so it would ${command} the last compiled code, not the current one. ` +
    `Fix: use \`npx nx ${command} ${envName}\` (it compiles first).`
  );
}

/**
 * The root of the compiled tree a CLI runs from (`dist/out-tsc/`), or undefined when it runs from
 * the TypeScript sources (jest, ts-node), where there is nothing to be stale.
 * @param moduleFile the CLI's `__filename`
 * @param depth folders between the compiled root and the module (`libs/synth/src` = 3)
 */
export function compiledRootOf(moduleFile: string, depth: number): string | undefined {
  return moduleFile.endsWith('.js') ? path.resolve(path.dirname(moduleFile), ...Array<string>(depth).fill('..')) : undefined;
}
