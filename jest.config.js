// cdktn captures a full stack trace for every token it creates, only to decorate token-resolution errors:
// a third of the CPU of the synth-heavy tests. Off, as in the synth CLI (PLATFORM_DEBUG=1 or an explicit
// setting keeps them); set before jest starts its workers, which inherit it.
process.env['CDKTN_DISABLE_CREATION_STACK'] ??= process.env['PLATFORM_DEBUG'] === '1' ? 'false' : 'true';

// The run's temporary folders go to one folder removed after the run (tools/jest/run-tmpdir.js); jest's own
// transform cache stays in the system temp folder, where it outlives the run.
const jestCacheDirectory = require('node:path').join(require('node:os').tmpdir(), `jest_${(process.getuid?.() ?? 0).toString(36)}`);
require('./tools/jest/run-tmpdir').useRunTmpdir();

/** One jest run for the whole workspace; @swc/jest reads .swcrc (including the path aliases). */
module.exports = {
  // Node's environment plus a per-worker store for expensive fixtures (one synthesized environment per worker).
  testEnvironment: '<rootDir>/tools/jest/worker-fixtures-environment.js',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/environments', '<rootDir>/tools'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(ts|js|mjs)$': ['@swc/jest'] },
  // @marcbachmann/cel-js ships ESM only, wasmoon loads node:module with a dynamic import(): let swc turn both into
  // CommonJS for jest's module sandbox (which has no dynamic import without --experimental-vm-modules).
  transformIgnorePatterns: ['/node_modules/(?!(?:@marcbachmann/cel-js|wasmoon)/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tools/'],
  globalTeardown: '<rootDir>/tools/jest/run-tmpdir.js',
  cacheDirectory: jestCacheDirectory,
  maxWorkers: 2,
  testTimeout: 60000,
};
