import { setFlagsFromString } from 'node:v8';

/**
 * Largest semi-space of V8's young generation in a validate process, MiB. A validate allocates the parsed tree,
 * the CRD schemas and the validators' error objects in a second or two; with the default, V8 runs a scavenge
 * every few MiB and promotes much of it. 16 MiB is what synth uses too (libs/synth/src/gc-tuning.ts); measured
 * for validate in docs/performance.md.
 * @see https://nodejs.org/api/cli.html#--max-semi-space-sizesize-in-mib
 */
export const VALIDATE_MAX_SEMI_SPACE_MIB = 16;

// Imported first by the CLI, before anything else loads, so the whole run uses it (and the V8 code caches of the
// compiled validators are named by the flags in effect: compiled-schema-cache.ts).
setFlagsFromString(`--max-semi-space-size=${VALIDATE_MAX_SEMI_SPACE_MIB}`);
