import * as path from 'node:path';

// zod reads `jitless` when a schema is constructed, so the CLI must set it before `@platform/config` builds the
// environment schema (docs/performance.md, "Synth start-up").
describe('zod tuning of the synth CLI', () => {
  it('sets zod jitless, from a module the CLI loads before @platform/config', () => {
    jest.isolateModules(() => {
      require('./cli');
      const { config } = require('zod') as typeof import('zod');
      expect(config().jitless).toBe(true);
      const loaded = Object.keys(require.cache).map((file) => file.split(path.sep).join('/'));
      const tuning = loaded.findIndex((file) => file.endsWith('/libs/synth/src/zod-tuning.ts'));
      const environmentSchema = loaded.findIndex((file) => file.endsWith('/libs/config/src/index.ts'));
      expect(tuning).toBeGreaterThanOrEqual(0);
      expect(environmentSchema).toBeGreaterThan(tuning);
    });
  });
});
