import './gc-tuning';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compiledRootOf, staleCompiledOutput, staleCompiledOutputMessage } from '@platform/config';
import { formatHuman, formatJson } from './report';
import { resolveUpstreamDir, WORKSPACE_ROOT } from './upstream-dir';
import { validateEnvironment } from './validate-environment';

const USAGE = 'usage: validate <env> [--dist <dir>] [--upstream <dir>] [--json] [--verbose] [--kube-version <1.34>]';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Working directory: explicit relative --dist/--upstream resolve from here. @default process.cwd() */
  readonly cwd?: string;
  /** Workspace root: the default `dist` and reference data folder resolve from here. @default WORKSPACE_ROOT */
  readonly workspaceRoot?: string;
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Root of the compiled tree this CLI runs from, checked against the sources before anything runs
   * (ADR 0048); undefined when running from the TypeScript sources. @default `dist/out-tsc` when compiled
   */
  readonly compiledRoot?: string;
}

/** `dist/out-tsc` when this module is the compiled CLI (`dist/out-tsc/libs/validation/src/cli.js`). */
const COMPILED_ROOT = compiledRootOf(__filename, 3);

const PROCESS_IO: CliIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

/** `validate <env> ...`. Returns the exit code: 0 no findings, 1 findings or failure, 2 usage. */
export function main(argv: readonly string[], io: CliIo = PROCESS_IO): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { dist: { type: 'string' }, upstream: { type: 'string' }, json: { type: 'boolean' }, verbose: { type: 'boolean' }, 'kube-version': { type: 'string' } },
    });
  } catch (err) {
    io.stderr(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1) {
    io.stderr(`${USAGE}\n`);
    return 2;
  }
  const [envName] = positionals;
  const cwd = io.cwd ?? process.cwd();
  const workspaceRoot = io.workspaceRoot ?? WORKSPACE_ROOT;
  const compiledRoot = 'compiledRoot' in io ? io.compiledRoot : COMPILED_ROOT;
  const stale = compiledRoot === undefined ? undefined : staleCompiledOutput(compiledRoot, workspaceRoot);
  if (stale !== undefined) {
    io.stderr(`${staleCompiledOutputMessage(envName, 'validate', stale)}\n`);
    return 1;
  }
  const started = performance.now();
  try {
    const upstreamDir = resolveUpstreamDir(values.upstream, { cwd, workspaceRoot }, io.env ?? process.env);
    // The default `dist` is the workspace's, whatever the working directory; findings show it as `dist`.
    const dist = values.dist ?? 'dist';
    const distDir = values.dist !== undefined ? resolve(cwd, values.dist) : resolve(workspaceRoot, 'dist');
    const result = validateEnvironment(distDir, envName, { upstreamDir, kubeVersion: values['kube-version'] }, dist);
    io.stdout(values.json ? formatJson(result.findings) : formatHuman(result, performance.now() - started, values.verbose === true));
    return result.findings.length === 0 ? 0 : 1;
  } catch (err) {
    io.stderr(`${envName}: validate failed: ${(err as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
