import { runInThisContext } from 'node:vm';

/**
 * Jest helper: @marcbachmann/cel-js is ESM-only. Node 24 loads it with `require()` (the compiled CLI
 * does), but jest's module sandbox cannot without `--experimental-vm-modules`. This loads the package
 * with the host realm's `require` and wraps `Environment#parse` so the context crosses into the host
 * realm (cel-js recognises lists by the host realm's `Array` constructor).
 *
 * Usage, at the top of a test file:
 * `jest.mock('@marcbachmann/cel-js', () => jest.requireActual('./testing/cel-host-realm').celFromHostRealm());`
 */
export function celFromHostRealm(): Record<string, unknown> {
  const hostProcess = runInThisContext('process') as NodeJS.Process;
  const hostClone = runInThisContext('structuredClone') as typeof structuredClone;
  const hostRequire = (hostProcess.getBuiltinModule('node:module') as typeof import('node:module')).createRequire(__filename);
  const cel = hostRequire('@marcbachmann/cel-js') as { Environment: new (options: unknown) => { parse(expression: string): (ctx: unknown) => unknown } };
  class Environment extends cel.Environment {
    override parse(expression: string): (ctx: unknown) => unknown {
      const program = super.parse(expression);
      return (ctx: unknown) => program(hostClone(ctx));
    }
  }
  return { ...cel, Environment };
}
