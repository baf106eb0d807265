import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const SCRIPT = path.resolve(__dirname, 'terraform.sh');

/** A stand-in `terraform` that records its arguments and the files of its working directory. */
const FAKE_TERRAFORM = `#!/usr/bin/env bash
set -euo pipefail
dir="\${1#-chdir=}"
shift
echo "$* | \${dir#$FAKE_TF_ROOT/} | $(ls -A "$dir" | tr '\\n' ' ')| $(cat "$dir/cdk.tf.json")" >> "$FAKE_TF_LOG"
exit "\${FAKE_TF_EXIT:-0}"
`;

interface Sandbox {
  readonly root: string;
  /** Writes dist/<env>/terraform/<stack>/cdk.tf.json as a synth would (replacing dist/<env>). */
  synth(env: string, stack: string, content: string): void;
  run(args: string[], exitCode?: number, terraform?: string): { status: number | null; stderr: string; calls: string[] };
}

function sandbox(): Sandbox {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'terraform-sh-test-'));
  const fake = path.join(root, 'terraform');
  fs.writeFileSync(fake, FAKE_TERRAFORM, { mode: 0o755 });
  const log = path.join(root, 'calls.log');
  return {
    root,
    synth(env, stack, content) {
      fs.rmSync(path.join(root, 'dist', env), { recursive: true, force: true });
      fs.mkdirSync(path.join(root, 'dist', env, 'terraform', stack), { recursive: true });
      fs.writeFileSync(path.join(root, 'dist', env, 'terraform', stack, 'cdk.tf.json'), content);
    },
    run(args, exitCode = 0, terraform = fake) {
      const result = spawnSync('bash', [SCRIPT, ...args], {
        encoding: 'utf8',
        env: {
          ...process.env,
          PLATFORM_DIST_DIR: path.join(root, 'dist'),
          PLATFORM_TERRAFORM_WORK_DIR: path.join(root, '.terraform-work'),
          TERRAFORM: terraform,
          FAKE_TF_LOG: log,
          FAKE_TF_ROOT: root,
          FAKE_TF_EXIT: String(exitCode),
        },
      });
      const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [];
      return { status: result.status, stderr: result.stderr, calls };
    },
  };
}

describe('tools/scripts/terraform.sh', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('runs terraform in .terraform-work/<env>/<stack> on the current cdk.tf.json, and keeps .terraform, the lock file and saved plans across synths', () => {
    const s = sandbox();
    roots.push(s.root);
    s.synth('dev', 'network', '{"v":1}');
    expect(s.run(['dev', 'network', 'init', '-input=false']).status).toBe(0);
    // What terraform init and plan -out would leave behind.
    const work = path.join(s.root, '.terraform-work/dev/network');
    fs.mkdirSync(path.join(work, '.terraform'));
    fs.writeFileSync(path.join(work, '.terraform.lock.hcl'), '');
    fs.writeFileSync(path.join(work, 'network.tfplan'), '');
    s.synth('dev', 'network', '{"v":2}');
    const r = s.run(['dev', 'network', 'plan', '-out=network.tfplan']);
    expect(r.status).toBe(0);
    expect(r.calls).toEqual([
      'init -input=false | .terraform-work/dev/network | cdk.tf.json | {"v":1}',
      'plan -out=network.tfplan | .terraform-work/dev/network | .terraform .terraform.lock.hcl cdk.tf.json network.tfplan | {"v":2}',
    ]);
    // dist/ stays as synthesized: nothing is written there.
    expect(fs.readdirSync(path.join(s.root, 'dist/dev/terraform/network'))).toEqual(['cdk.tf.json']);
  });

  it("passes terraform's exit status through", () => {
    const s = sandbox();
    roots.push(s.root);
    s.synth('dev', 'cluster', '{}');
    expect(s.run(['dev', 'cluster', 'plan', '-detailed-exitcode'], 2).status).toBe(2);
  });

  it('refuses an unsynthesized stack, naming the stacks that exist', () => {
    const s = sandbox();
    roots.push(s.root);
    s.synth('dev', 'network', '{}');
    const r = s.run(['dev', 'nettwork', 'plan']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/dev\/nettwork: .*cdk\.tf\.json not found; run 'npx nx synth dev' first \(stacks: network \)/);
    expect(r.calls).toEqual([]);
  });

  it('refuses to run when the working directory holds another configuration file (e.g. a backend override)', () => {
    const s = sandbox();
    roots.push(s.root);
    s.synth('dev', 'bootstrap', '{}');
    fs.mkdirSync(path.join(s.root, '.terraform-work/dev/bootstrap'), { recursive: true });
    fs.writeFileSync(path.join(s.root, '.terraform-work/dev/bootstrap/backend_override.tf.json'), '{}');
    const r = s.run(['dev', 'bootstrap', 'apply']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/holds other Terraform configuration \(backend_override\.tf\.json\)/);
    expect(r.calls).toEqual([]);
  });

  it('stops before copying anything when the terraform executable is missing, saying what to install', () => {
    const s = sandbox();
    roots.push(s.root);
    s.synth('dev', 'network', '{}');
    const r = s.run(['dev', 'network', 'init'], 0, path.join(s.root, 'no-such-terraform'));
    expect(r.status).toBe(127);
    expect(r.stderr).toMatch(/terraform executable '.*no-such-terraform' not found; install Terraform >= 1\.10 \(see README\)/);
    expect(fs.existsSync(path.join(s.root, '.terraform-work'))).toBe(false);
    // A bare command name is looked up on PATH.
    expect(s.run(['dev', 'network', 'init'], 0, 'terraform-not-on-path').stderr).toMatch(/'terraform-not-on-path' not found/);
  });

  it('rejects missing arguments and names that could leave the working tree', () => {
    const s = sandbox();
    roots.push(s.root);
    expect(s.run(['dev', 'network']).status).toBe(2);
    const r = s.run(['../dev', 'network', 'plan']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/environment and stack must match/);
  });
});
