import { config } from 'zod';

/**
 * zod compiles each object schema to a specialised parser (`new Function`) when the schema is created, which pays
 * off over many parses (the 200-environment bench) but not in a one-shot `synth <env>` process, which parses three
 * environment files: the CLI turns it off. `synth prod`, 8 interleaved runs each on a quiet 2-core machine: median
 * wall 1.52 s -> 1.46 s, CPU 1.80 s -> 1.77 s (docs/performance.md). The validation CLI measured no difference and
 * keeps the default. zod reads the setting when a schema is constructed, so this must run before `@platform/config`
 * loads: the CLI imports it right after `./gc-tuning`.
 * @see https://zod.dev/packages/core (`config({ jitless })`)
 */
config({ jitless: true });
