import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const SCRIPT = path.resolve(__dirname, '../../../tools/scripts/bootstrap-state.sh');

/**
 * A stand-in `terraform` that records each call with the working directory's backend at that
 * moment (override present or not), and fails the call named in FAKE_TF_FAIL.
 */
const FAKE_TERRAFORM = `#!/usr/bin/env bash
set -euo pipefail
dir="\${1#-chdir=}"
shift
backend=s3
[[ -f "$dir/backend_override.tf.json" ]] && backend=local-override
echo "$* | $backend | $(basename "$dir")" >> "$FAKE_TF_LOG"
[[ "\${FAKE_TF_FAIL:-}" == "$1" ]] && exit 1
exit 0
`;

interface Run {
  readonly status: number | null;
  readonly calls: string[];
  readonly stderr: string;
  readonly tmp: string;
}

function run(args: string[], opts: { fail?: string; synth?: boolean } = {}): Run {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bootstrap-state-test-'));
  const dist = path.join(tmp, 'dist');
  if (opts.synth !== false) {
    fs.mkdirSync(path.join(dist, 'dev/terraform/bootstrap'), { recursive: true });
    fs.writeFileSync(path.join(dist, 'dev/terraform/bootstrap/cdk.tf.json'), JSON.stringify({ terraform: { backend: { s3: { key: 'dev/bootstrap.tfstate' } } } }));
  }
  const fake = path.join(tmp, 'terraform');
  fs.writeFileSync(fake, FAKE_TERRAFORM, { mode: 0o755 });
  const log = path.join(tmp, 'calls.log');
  const result = spawnSync('bash', [SCRIPT, ...args], {
    encoding: 'utf8',
    env: { ...process.env, PLATFORM_DIST_DIR: dist, TERRAFORM: fake, FAKE_TF_LOG: log, FAKE_TF_FAIL: opts.fail ?? '', TMPDIR: tmp },
  });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [];
  return { status: result.status, calls: calls.map((c) => c.replace(/bootstrap-state-dev\.\w+/, 'WORK')), stderr: result.stderr, tmp };
}

describe('tools/scripts/bootstrap-state.sh', () => {
  const cleanup: string[] = [];
  afterAll(() => cleanup.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('applies with a local override in a temp copy, then migrates the state into the S3 backend', () => {
    const r = run(['dev', '-auto-approve']);
    cleanup.push(r.tmp);
    expect(r.status).toBe(0);
    expect(r.calls).toEqual([
      'init -input=false | local-override | WORK',
      'apply -input=false -auto-approve | local-override | WORK',
      'init -input=false -migrate-state -force-copy | s3 | WORK',
      'state list | s3 | WORK',
    ]);
    // Nothing is written into dist/, and the working directory is gone after a successful migration.
    expect(fs.readdirSync(path.join(r.tmp, 'dist/dev/terraform/bootstrap'))).toEqual(['cdk.tf.json']);
    expect(fs.readdirSync(r.tmp).filter((f) => f.startsWith('bootstrap-state-dev'))).toEqual([]);
  });

  it('keeps the working directory (and its local state) when the apply fails, and does not migrate', () => {
    const r = run(['dev'], { fail: 'apply' });
    cleanup.push(r.tmp);
    expect(r.status).not.toBe(0);
    expect(r.calls.map((c) => c.split(' | ')[0])).toEqual(['init -input=false', 'apply -input=false']);
    expect(r.stderr).toMatch(/the working directory \(with any local state\) is kept in/);
    expect(fs.readdirSync(r.tmp).filter((f) => f.startsWith('bootstrap-state-dev'))).toHaveLength(1);
  });

  it('refuses to run before the environment is synthesized', () => {
    const r = run(['dev'], { synth: false });
    cleanup.push(r.tmp);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/dev: .*cdk\.tf\.json not found; run 'npx nx synth dev' first/);
    expect(r.calls).toEqual([]);
  });
});
