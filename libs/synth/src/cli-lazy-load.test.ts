import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURE_ENVIRONMENT } from '@platform/config/testing';
import { defaultCreationStackSetting, main } from './cli';

// Records whether ./publish (publish's validation run, the GitOps clone) is ever evaluated: the factory runs on
// the first require of the module, not when the test file loads.
let mockPublishLoaded = false;
jest.mock('./publish', () => {
  mockPublishLoaded = true;
  return jest.requireActual('./publish');
});

function environmentsRoot(name: string, value: unknown): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'envs-'));
  fs.mkdirSync(path.join(root, name));
  fs.writeFileSync(path.join(root, name, 'env.js'), `exports.environment = ${JSON.stringify(value)};\n`);
  return root;
}

describe('synth CLI start-up work (docs/performance.md)', () => {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-lazy-dist-'));
  afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));
  const io = (root: string, out: string[]) => ({ stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t), environmentsRoot: root });

  it('synth never loads the publish module; diff loads it on demand', async () => {
    const root = environmentsRoot('prod', { ...FIXTURE_ENVIRONMENT, name: 'prod' });
    const out: string[] = [];
    expect(await main(['synth', 'prod', '--dist', dist], io(root, out))).toBe(0);
    expect(mockPublishLoaded).toBe(false);
    // diff of a repository that does not exist fails, but only after loading ./publish
    await main(['diff', 'prod', '--dist', dist, '--repo', path.join(dist, 'no-such-repo.git')], io(root, out));
    expect(mockPublishLoaded).toBe(true);
  });

  it('turns cdktn creation stacks off by default, on with PLATFORM_DEBUG=1, and never overrides an explicit setting', () => {
    const unset: NodeJS.ProcessEnv = {};
    defaultCreationStackSetting(unset);
    expect(unset['CDKTN_DISABLE_CREATION_STACK']).toBe('true');

    const debug: NodeJS.ProcessEnv = { PLATFORM_DEBUG: '1' };
    defaultCreationStackSetting(debug);
    expect(debug['CDKTN_DISABLE_CREATION_STACK']).toBe('false');

    const explicit: NodeJS.ProcessEnv = { CDKTN_DISABLE_CREATION_STACK: 'false' };
    defaultCreationStackSetting(explicit);
    expect(explicit['CDKTN_DISABLE_CREATION_STACK']).toBe('false');
    const explicitWithDebug: NodeJS.ProcessEnv = { CDKTN_DISABLE_CREATION_STACK: 'true', PLATFORM_DEBUG: '1' };
    defaultCreationStackSetting(explicitWithDebug);
    expect(explicitWithDebug['CDKTN_DISABLE_CREATION_STACK']).toBe('true');
  });
});
