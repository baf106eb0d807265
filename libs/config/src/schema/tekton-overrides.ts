import type { z } from 'zod';

/** The fields of an environment this rule reads, before validation (any of them may be invalid). */
interface Partial {
  readonly ecr?: { readonly repositories?: unknown };
  readonly tekton?: { readonly testOverrides?: unknown };
}

/**
 * Every `tekton.testOverrides` key must be a service the build triggers on, i.e. an `ecr.repositories`
 * entry: an override of any other name would never apply. Runs with RUN_ALWAYS, so it guards every field it reads.
 */
export function tektonOverrideIssues(env: Partial, ctx: z.RefinementCtx): void {
  const repositories = env.ecr?.repositories;
  const overrides = env.tekton?.testOverrides;
  if (!Array.isArray(repositories) || typeof overrides !== 'object' || overrides === null) return;
  for (const service of Object.keys(overrides)) {
    if (!repositories.includes(service)) {
      ctx.addIssue({
        code: 'custom',
        path: ['tekton', 'testOverrides', service],
        message: `service "${service}" is not in ecr.repositories [${repositories.join(', ')}]; add it there or remove the override`,
      });
    }
  }
}
