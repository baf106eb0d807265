import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// tools/jest/run-tmpdir.js: the temporary folders of a jest run (cdk8s/cdktn Testing apps leave one per app) land in
// one folder that the global teardown removes.
const runTmpdir = require('../jest/run-tmpdir') as ((() => Promise<void>) & { useRunTmpdir: () => string });

describe('the jest run temp folder', () => {
  it('is the temp folder of every test of the run (workers inherit TMPDIR)', () => {
    expect(path.basename(os.tmpdir())).toMatch(/^platform-jest-/);
    expect(process.env['PLATFORM_JEST_TMPDIR']).toBe(os.tmpdir());
    expect(runTmpdir.useRunTmpdir()).toBe(os.tmpdir());
  });

  it('is removed by the teardown, which removes nothing but a platform-jest- folder', async () => {
    const saved = process.env['PLATFORM_JEST_TMPDIR'];
    const run = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-jest-'));
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'keep-'));
    try {
      fs.writeFileSync(path.join(run, 'left-over'), 'x');
      process.env['PLATFORM_JEST_TMPDIR'] = run;
      await runTmpdir();
      expect(fs.existsSync(run)).toBe(false);
      process.env['PLATFORM_JEST_TMPDIR'] = other;
      await runTmpdir();
      expect(fs.existsSync(other)).toBe(true);
    } finally {
      process.env['PLATFORM_JEST_TMPDIR'] = saved;
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});
