// One temporary folder per jest run. cdk8s's and cdktn's `Testing.app()` create an output folder in the system
// temp folder for every app and never remove it (about 600 per `npm test`), and the tests make their own: jest.config.js
// points TMPDIR (which os.tmpdir() reads) at this run's folder before the workers start, so they inherit it, and
// the global teardown removes it after the run.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const VARIABLE = 'PLATFORM_JEST_TMPDIR';

/** Creates this run's folder (once per process tree) and makes it the temp folder of the run. */
function useRunTmpdir() {
  if (!process.env[VARIABLE]) {
    process.env[VARIABLE] = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-jest-'));
    process.env['TMPDIR'] = process.env[VARIABLE];
  }
  return process.env[VARIABLE];
}

/** jest `globalTeardown`: removes the run's folder. */
async function removeRunTmpdir() {
  const dir = process.env[VARIABLE];
  if (dir && path.basename(dir).startsWith('platform-jest-')) fs.rmSync(dir, { recursive: true, force: true });
}

module.exports = removeRunTmpdir;
module.exports.useRunTmpdir = useRunTmpdir;
