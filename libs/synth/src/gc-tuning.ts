import { setFlagsFromString } from 'node:v8';

/**
 * Largest semi-space of V8's young generation in a synth process, MiB. A synth allocates hundreds of MiB of
 * short-lived construct trees, tokens and YAML nodes in about a second; with the default, V8 runs a scavenge
 * every few MiB and promotes much of it. 16 MiB cut the wall time of `synth prod` by about 10 % (interleaved
 * runs, docs/performance.md); 32 and 64 MiB were slower again.
 * @see https://nodejs.org/api/cli.html#--max-semi-space-sizesize-in-mib
 */
export const SYNTH_MAX_SEMI_SPACE_MIB = 16;

// Imported first by the CLI, before the construct libraries load, so the whole run uses it.
setFlagsFromString(`--max-semi-space-size=${SYNTH_MAX_SEMI_SPACE_MIB}`);
