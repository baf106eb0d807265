import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, type EnvironmentConfig, parseEnvironment, validateEnvironmentSet } from '@platform/config';

/** `environments/` next to `libs/` in the source tree and in the compiled tree alike. */
export const DEFAULT_ENVIRONMENTS_ROOT = path.resolve(__dirname, '../../../environments');

/** Thrown for an environment name that has no `environments/<env>/env.ts`. */
export class UnknownEnvironmentError extends Error {
  constructor(name: string, known: readonly string[]) {
    super(
      `${name}: unknown environment; known environments: ${known.join(', ') || '(none)'}. ` +
        `Fix: run one of those, or create it with \`npx nx g @platform/tools:environment ${name} --from <env>\` (README "Adding an environment").`,
    );
    this.name = 'UnknownEnvironmentError';
  }
}

function hasEnvFile(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'env.ts')) || fs.existsSync(path.join(dir, 'env.js'));
}

/** Names of every environment folder, sorted. */
export function listEnvironmentNames(root: string = DEFAULT_ENVIRONMENTS_ROOT): string[] {
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && hasEnvFile(path.join(root, d.name)))
    .map((d) => d.name)
    .sort();
}

function readDeclaration(root: string, name: string): unknown {
  // Environments are discovered by folder at run time, so this require is dynamic by design.
  // eslint-disable-next-line no-restricted-syntax
  const mod = require(path.join(root, name, 'env')) as { environment?: unknown };
  if (mod.environment === undefined) {
    throw new ConfigError([`${name}: (root): environments/${name}/env.ts must export a const named "environment"`]);
  }
  return mod.environment;
}

/**
 * Loads and validates every environment, then the cross-environment rules.
 * @param focus the environment being synthesized: a conflict with a sibling is reported on it (see
 *   `validateEnvironmentSet`)
 * @throws ConfigError listing every invalid field of every environment
 */
export function loadAllEnvironments(root: string = DEFAULT_ENVIRONMENTS_ROOT, focus?: string): EnvironmentConfig[] {
  const issues: string[] = [];
  const envs: EnvironmentConfig[] = [];
  for (const name of listEnvironmentNames(root)) {
    try {
      envs.push(parseEnvironment(name, readDeclaration(root, name)));
    } catch (err) {
      if (err instanceof ConfigError) issues.push(...err.issues);
      else throw err;
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);
  validateEnvironmentSet(envs, { focus });
  return envs;
}

/**
 * Loads one environment. Every environment is validated, so a conflict with a sibling (overlapping
 * CIDR, shared domain or OIDC client) is reported whichever environment runs, on the one being
 * synthesized. Every `environments/<env>/env.ts` is an Nx input of every environment's synth and
 * validate, so a new or changed sibling re-runs them instead of serving a cached success.
 * @throws UnknownEnvironmentError when no `environments/<name>/env.ts` exists
 * @throws ConfigError listing every invalid field
 */
export function loadEnvironment(name: string, root: string = DEFAULT_ENVIRONMENTS_ROOT): EnvironmentConfig {
  const known = listEnvironmentNames(root);
  if (!known.includes(name)) throw new UnknownEnvironmentError(name, known);
  const env = loadAllEnvironments(root, name).find((e) => e.name === name);
  if (!env) throw new UnknownEnvironmentError(name, known);
  return env;
}
