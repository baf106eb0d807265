import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * ADR 0049: whatever node is first on PATH (the machine's, e.g. Debian's Node 20), the launchers
 * run the Node pinned in .nvmrc, and put it first on PATH for the processes they start.
 */
const root = path.resolve(__dirname, '../..');
const pinned = `v${fs.readFileSync(path.join(root, '.nvmrc'), 'utf8').trim()}`;
const machineNode = ['/usr/bin/node', '/usr/local/bin/node'].find((p) => fs.existsSync(p));
/** PATH with the machine's node only: the pinned one is not on it. */
const machinePath = ['/usr/local/bin', '/usr/bin', '/bin'].join(':');

describe('pinned Node launchers', () => {
  it('pinned-node.sh runs the .nvmrc Node, also for the node its children start', () => {
    const result = spawnSync('bash', [path.join(root, 'tools/scripts/pinned-node.sh'), '-e', "console.log(process.version, require('node:child_process').execSync('node --version').toString().trim())"], {
      env: { ...process.env, PATH: machinePath },
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe(`${pinned} ${pinned}`);
  });

  (machineNode ? it : it.skip)('really starts from the machine Node when it differs from the pin', () => {
    const machineVersion = spawnSync(machineNode ?? 'node', ['--version'], { encoding: 'utf8' }).stdout.trim();
    expect(machineVersion).toMatch(/^v\d+\./);
    const ensure = spawnSync('bash', [path.join(root, 'tools/scripts/ensure-node.sh')], { env: { ...process.env, PATH: machinePath }, encoding: 'utf8' });
    expect(ensure.status).toBe(0);
    expect(spawnSync(path.join(ensure.stdout.trim(), 'node'), ['--version'], { encoding: 'utf8' }).stdout.trim()).toBe(pinned);
  });

  it('test.sh (npm test) puts the pinned Node first before anything else runs', () => {
    const script = fs.readFileSync(path.join(root, 'tools/scripts/test.sh'), 'utf8');
    const provision = script.indexOf('node_bin="$(bash tools/scripts/ensure-node.sh)"');
    expect(provision).toBeGreaterThan(0);
    expect(script.indexOf('export PATH="$node_bin:$PATH"')).toBeGreaterThan(provision);
    expect(script.indexOf('npx ')).toBeGreaterThan(provision);
  });

  it('.ci/run runs the README set-up commands under the machine Node (no pinned Node put on PATH first)', () => {
    const ci = fs.readFileSync(path.join(root, '.ci/run'), 'utf8');
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(readme).toContain('npm ci && npx nx synth prod');
    expect(readme).toMatch(/^npm test\s/m);
    const commands = ci.split('\n').filter((l) => /^(npm|npx|export PATH)/.test(l));
    expect(commands).toEqual(['npm ci --no-audit --no-fund', 'npx nx synth prod', 'npm test']);
  });
});
