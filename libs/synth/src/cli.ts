// Must stay the first import: it sets the V8 heap flags before anything else allocates.
import './gc-tuning';
// Before anything that constructs zod schemas (`@platform/config`): zod reads its `jitless` setting then.
import './zod-tuning';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { compiledRootOf, ConfigError, environmentFile, staleCompiledOutput, staleCompiledOutputMessage } from '@platform/config';
import { DEFAULT_ENVIRONMENTS_ROOT, loadEnvironment, UnknownEnvironmentError } from './environment-loader';
import { synthEnvironment, WORKSPACE_ROOT } from './synth-environment';

const USAGE =
  'usage: platform synth <env> [--dist <dir>]\n       platform diff <env> [--full] [--all] [--repo <url|path>] [--dist <dir>]\n' +
  '       platform publish <env> [--repo <url|path>] [--dist <dir>] [--allow-dirty] [--skip-validation]';
const COMMANDS = ['synth', 'diff', 'publish'] as const;

/** Formats any failure as one clear message naming the environment; stack traces only with PLATFORM_DEBUG=1. */
export function describeFailure(envName: string, err: unknown, command = 'synth', outDir = `dist/${envName}`): string {
  if (err instanceof ConfigError) {
    return `${envName}: ${command} aborted, invalid configuration (${outDir} left untouched):\n${err.issues.map((i) => `  ${i}`).join('\n')}\n${fixLine(err.issues)}`;
  }
  if (err instanceof UnknownEnvironmentError) return err.message;
  const message = err instanceof Error ? err.message : String(err);
  const debug = process.env['PLATFORM_DEBUG'] === '1' && err instanceof Error ? `\n${err.stack}` : '';
  // A deliberate refusal already says so ("publish refused: ..."); other errors get "failed".
  if (command !== 'synth') return `${envName}: ${message.startsWith(`${command} refused: `) ? message : `${command} failed: ${message}`}${debug}`;
  return `${envName}: synth failed (${outDir} left untouched): ${message}${debug}`;
}

/** `Fix: edit environments/qa/env.ts (lines starting with "qa:")`, one file per environment the issues start with. */
function fixLine(issues: readonly string[]): string {
  const names = [...new Set(issues.map((i) => /^([a-z][a-z0-9-]*): /.exec(i)?.[1]).filter((n): n is string => n !== undefined))];
  const files = names.map((n) => `${environmentFile(n)} (lines starting with "${n}:")`);
  return `Fix: edit ${files.join(' and ') || 'the env.ts named above'}.`;
}

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Folder holding `<env>/env.ts`. @default DEFAULT_ENVIRONMENTS_ROOT */
  readonly environmentsRoot?: string;
  /** Git work tree whose commit publish records, and where the default GitOps repo lives. @default WORKSPACE_ROOT */
  readonly workspaceRoot?: string;
  /**
   * Root of the compiled tree this CLI runs from, checked against the sources before anything runs
   * (ADR 0048); undefined when running from the TypeScript sources. @default `dist/out-tsc` when compiled
   */
  readonly compiledRoot?: string;
}

/** `dist/out-tsc` when this module is the compiled CLI (`dist/out-tsc/libs/synth/src/cli.js`). */
const COMPILED_ROOT = compiledRootOf(__filename, 3);

const PROCESS_IO: CliIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

/** `dist/prod` when under the working directory, else the absolute path. */
function displayPath(dir: string): string {
  const rel = path.relative(process.cwd(), dir);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : dir;
}

/** Parses the command line; unknown options throw (node:util parseArgs strict mode). */
function parseCliArgs(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      dist: { type: 'string' },
      repo: { type: 'string' },
      full: { type: 'boolean' },
      all: { type: 'boolean' },
      'allow-dirty': { type: 'boolean' },
      'skip-validation': { type: 'boolean' },
    },
  });
}

/**
 * `diff` and `publish` (the GitOps clone, publish's validation run) are loaded on demand, so `synth` does not
 * evaluate them (docs/performance.md).
 */
function publishModule(): typeof import('./publish') {
  return require('./publish') as typeof import('./publish');
}

/**
 * `platform synth|diff|publish <env>`. Returns the exit code: 0 ok, 1 failure, 2 usage.
 * `diff` and `publish` read `dist/<env>` (synth first) and the GitOps repo: `--repo`, else
 * `$PLATFORM_GITOPS_REPO`, else the local bare repo `<workspace>/.gitops/repo.git` (ADR 0012).
 */
export async function main(argv: readonly string[], io: CliIo = PROCESS_IO): Promise<number> {
  let parsed: ReturnType<typeof parseCliArgs>;
  try {
    parsed = parseCliArgs(argv);
  } catch (err) {
    io.stderr(`${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    return 2;
  }
  const { positionals, values } = parsed;
  const [command, envName] = positionals;
  const wellFormed = COMMANDS.includes(command as (typeof COMMANDS)[number]) && envName !== undefined && positionals.length === 2;
  const publishOnly = values['allow-dirty'] === true || values['skip-validation'] === true;
  if (!wellFormed || (command !== 'diff' && (values.full || values.all)) || (command === 'synth' && values.repo) || (command !== 'publish' && publishOnly)) {
    io.stderr(`${USAGE}\n`);
    return 2;
  }
  const workspaceRoot = io.workspaceRoot ?? WORKSPACE_ROOT;
  const compiledRoot = 'compiledRoot' in io ? io.compiledRoot : COMPILED_ROOT;
  const stale = compiledRoot === undefined ? undefined : staleCompiledOutput(compiledRoot, workspaceRoot);
  if (stale !== undefined) {
    io.stderr(`${staleCompiledOutputMessage(envName, command, stale)}\n`);
    return 1;
  }
  try {
    const env = loadEnvironment(envName, io.environmentsRoot ?? DEFAULT_ENVIRONMENTS_ROOT);
    if (command === 'synth') {
      const result = await synthEnvironment(env, { distRoot: values.dist === undefined ? undefined : path.resolve(values.dist) });
      io.stdout(`${envName}: wrote ${result.files.length} files to ${displayPath(result.outDir)}\n`);
      return 0;
    }
    const gitops = { distRoot: values.dist === undefined ? path.join(workspaceRoot, 'dist') : path.resolve(values.dist), workspaceRoot, repo: values.repo };
    if (command === 'diff') {
      io.stdout(publishModule().diffEnvironment(env, { ...gitops, full: values.full, all: values.all }).report);
      return 0;
    }
    const skipValidation = values['skip-validation'] === true;
    if (skipValidation) io.stderr(`${envName}: WARNING: --skip-validation: publishing WITHOUT the validation gate; the commit message says so\n`);
    io.stdout(publishModule().publishEnvironment(env, { ...gitops, allowDirty: values['allow-dirty'] === true, skipValidation }).report);
    return 0;
  } catch (err) {
    const outDir = values.dist === undefined ? undefined : displayPath(path.join(path.resolve(values.dist), envName));
    io.stderr(`${describeFailure(envName, err, command, outDir)}\n`);
    return 1;
  }
}

/**
 * cdktn records a stack trace for every token it creates, only to decorate token-resolution errors: about
 * 0.15 s of a prod synth (docs/performance.md). Sets `CDKTN_DISABLE_CREATION_STACK` to `true` unless it is
 * already set; with `PLATFORM_DEBUG=1` to `false`, so the traces come back with our own stack traces.
 */
export function defaultCreationStackSetting(env: NodeJS.ProcessEnv): void {
  env['CDKTN_DISABLE_CREATION_STACK'] ??= env['PLATFORM_DEBUG'] === '1' ? 'false' : 'true';
}

if (require.main === module) {
  defaultCreationStackSetting(process.env);
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
