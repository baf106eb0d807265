import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const SCRIPT = path.resolve(__dirname, '../../../tools/scripts/bootstrap-state.sh');

/**
 * A stand-in `terraform` that records each call with the working directory's backend at that
 * moment (override present or not) and the files it holds, fails the call named in FAKE_TF_FAIL,
 * and plays the real S3 backend as FAKE_TF_S3 says: `no-bucket` (init fails with NoSuchBucket),
 * `denied` (init fails otherwise), `empty-bucket` (init works, no state) or `bootstrapped` (init
 * works, `state pull` prints a state).
 */
const FAKE_TERRAFORM = `#!/usr/bin/env bash
set -euo pipefail
dir="\${1#-chdir=}"
shift
backend=s3
[[ -f "$dir/backend_override.tf.json" ]] && backend=local-override
echo "$* | $backend | $(basename "$dir")" >> "$FAKE_TF_LOG"
echo "$1 | $(basename "$dir") | $(ls -A "$dir" | tr '\\n' ' ')" >> "$FAKE_TF_FILES"
[[ "\${FAKE_TF_FAIL:-}" == "$1" ]] && exit 1
if [[ "$backend" == s3 && "$1" == init && "$*" != *-migrate-state* ]]; then
  case "\${FAKE_TF_S3:-no-bucket}" in
    no-bucket) echo 'Error: Failed to get existing workspaces: operation error S3: ListObjectsV2, api error NoSuchBucket: The specified bucket does not exist' >&2; exit 1 ;;
    denied) echo 'Error: Failed to get existing workspaces: api error AccessDenied: Access Denied' >&2; exit 1 ;;
  esac
fi
if [[ "$1 \${2:-}" == "state pull" && "\${FAKE_TF_S3:-}" == bootstrapped ]]; then
  echo '{"version": 4, "serial": 7}'
fi
exit 0
`;

interface Run {
  readonly status: number | null;
  readonly calls: string[];
  readonly files: string[];
  readonly stdout: string;
  readonly stderr: string;
  readonly tmp: string;
}

interface RunOptions {
  /** The terraform sub-command that fails. */
  readonly fail?: string;
  /** Whether dist/dev holds a synthesized bootstrap stack. @default true */
  readonly synth?: boolean;
  /** What the real S3 backend holds. @default 'no-bucket' */
  readonly s3?: 'no-bucket' | 'denied' | 'empty-bucket' | 'bootstrapped';
  /** Leftovers of a terraform run inside dist/ that must never be copied. @default false */
  readonly leftovers?: boolean;
  /** TERRAFORM for the script. @default the stand-in terraform */
  readonly terraform?: string;
  /** Prepare the temp dir (e.g. a kept working directory) before the script runs. */
  readonly before?: (tmp: string) => void;
}

function run(args: string[] | ((tmp: string) => string[]), opts: RunOptions = {}): Run {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bootstrap-state-test-'));
  const dist = path.join(tmp, 'dist');
  const stack = path.join(dist, 'dev/terraform/bootstrap');
  if (opts.synth !== false) {
    fs.mkdirSync(stack, { recursive: true });
    fs.writeFileSync(path.join(stack, 'cdk.tf.json'), JSON.stringify({ terraform: { backend: { s3: { key: 'dev/bootstrap.tfstate' } } } }));
  }
  if (opts.leftovers) {
    fs.mkdirSync(path.join(stack, '.terraform/providers'), { recursive: true });
    fs.writeFileSync(path.join(stack, '.terraform.lock.hcl'), '');
    fs.writeFileSync(path.join(stack, 'terraform.tfstate'), '{}');
  }
  opts.before?.(tmp);
  const fake = path.join(tmp, 'terraform');
  fs.writeFileSync(fake, FAKE_TERRAFORM, { mode: 0o755 });
  const log = path.join(tmp, 'calls.log');
  const filesLog = path.join(tmp, 'files.log');
  const result = spawnSync('bash', [SCRIPT, ...(typeof args === 'function' ? args(tmp) : args)], {
    encoding: 'utf8',
    env: { ...process.env, PLATFORM_DIST_DIR: dist, TERRAFORM: opts.terraform ?? fake, FAKE_TF_LOG: log, FAKE_TF_FILES: filesLog, FAKE_TF_FAIL: opts.fail ?? '', FAKE_TF_S3: opts.s3 ?? 'no-bucket', TMPDIR: tmp },
  });
  const lines = (f: string): string[] =>
    fs.existsSync(f)
      ? fs
          .readFileSync(f, 'utf8')
          .trim()
          .split('\n')
          .map((c) => c.replace(/bootstrap-state-dev\.\w+/, 'WORK').replace(/bootstrap-preflight-dev\.\w+/, 'PROBE').trimEnd())
      : [];
  return { status: result.status, calls: lines(log), files: lines(filesLog), stdout: result.stdout, stderr: result.stderr, tmp };
}

const leftDirs = (tmp: string, prefix: string): string[] => fs.readdirSync(tmp).filter((f) => f.startsWith(prefix));

describe('tools/scripts/bootstrap-state.sh', () => {
  const cleanup: string[] = [];
  afterAll(() => cleanup.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('checks the real S3 backend first, applies with a local override in a copy of cdk.tf.json alone, then migrates the state into the S3 backend', () => {
    const r = run(['dev', '-auto-approve'], { leftovers: true });
    cleanup.push(r.tmp);
    expect(r.status).toBe(0);
    expect(r.calls).toEqual([
      'init -input=false | s3 | PROBE',
      'init -input=false | local-override | WORK',
      'apply -input=false -auto-approve | local-override | WORK',
      'init -input=false -migrate-state -force-copy | s3 | WORK',
      'state list | s3 | WORK',
    ]);
    // Only cdk.tf.json is copied: never .terraform/, a lock file or a state from dist/.
    expect(r.files.slice(0, 2)).toEqual(['init | PROBE | cdk.tf.json', 'init | WORK | backend_override.tf.json cdk.tf.json']);
    // Nothing is written into dist/, and the probe and working directories are gone after a successful migration.
    expect(fs.readdirSync(path.join(r.tmp, 'dist/dev/terraform/bootstrap')).sort()).toEqual(['.terraform', '.terraform.lock.hcl', 'cdk.tf.json', 'terraform.tfstate']);
    expect(leftDirs(r.tmp, 'bootstrap-')).toEqual([]);
  });

  it('aborts when the S3 backend already holds <env>/bootstrap.tfstate, before creating anything', () => {
    const r = run(['dev', '-auto-approve'], { s3: 'bootstrapped' });
    cleanup.push(r.tmp);
    expect(r.status).toBe(1);
    expect(r.calls).toEqual(['init -input=false | s3 | PROBE', 'state pull | s3 | PROBE']);
    expect(r.stderr).toMatch(/dev: already bootstrapped: the S3 backend holds dev\/bootstrap\.tfstate/);
    expect(r.stderr).toMatch(/tools\/scripts\/terraform\.sh dev bootstrap plan/);
    expect(leftDirs(r.tmp, 'bootstrap-')).toEqual([]);
  });

  it('aborts when the bucket exists without the state, pointing at --resume', () => {
    const r = run(['dev'], { s3: 'empty-bucket' });
    cleanup.push(r.tmp);
    expect(r.status).toBe(1);
    expect(r.calls.map((c) => c.split(' | ')[0])).toEqual(['init -input=false', 'state pull']);
    expect(r.stderr).toMatch(/the state bucket exists but holds no dev\/bootstrap\.tfstate/);
    expect(r.stderr).toMatch(/--resume/);
  });

  it('aborts with Terraform\'s message when the backend check fails for another reason than a missing bucket', () => {
    const r = run(['dev'], { s3: 'denied' });
    cleanup.push(r.tmp);
    expect(r.status).toBe(1);
    expect(r.calls).toEqual(['init -input=false | s3 | PROBE']);
    expect(r.stderr).toMatch(/AccessDenied/);
    expect(r.stderr).toMatch(/failed for another reason than a missing bucket/);
    expect(leftDirs(r.tmp, 'bootstrap-')).toEqual([]);
  });

  it('keeps the working directory (and its local state) when the apply fails, does not migrate, and prints the --resume command', () => {
    const r = run(['dev'], { fail: 'apply' });
    cleanup.push(r.tmp);
    expect(r.status).not.toBe(0);
    expect(r.calls.map((c) => c.split(' | ')[0])).toEqual(['init -input=false', 'init -input=false', 'apply -input=false']);
    expect(r.stderr).toMatch(/the working directory \(with any local state\) is kept in/);
    expect(r.stderr).toMatch(/continue with: .*bootstrap-state\.sh dev --resume .*bootstrap-state-dev\.\w+/);
    expect(leftDirs(r.tmp, 'bootstrap-state-dev')).toHaveLength(1);
  });

  it('--resume re-applies while the local override is still there, with the current cdk.tf.json, then migrates and removes the directory', () => {
    const kept = (tmp: string): string => path.join(tmp, 'bootstrap-state-dev.kept01');
    const r = run((tmp) => ['dev', '--resume', kept(tmp), '-auto-approve'], {
      before: (tmp) => {
        fs.mkdirSync(path.join(kept(tmp), '.terraform'), { recursive: true });
        fs.writeFileSync(path.join(kept(tmp), 'cdk.tf.json'), '{"stale": true}');
        fs.writeFileSync(path.join(kept(tmp), 'terraform.tfstate'), '{"serial": 1}');
        fs.writeFileSync(path.join(kept(tmp), 'backend_override.tf.json'), '{}');
      },
    });
    cleanup.push(r.tmp);
    expect(r.status).toBe(0);
    // No pre-flight: the bucket may exist already; the kept local state drives the apply.
    expect(r.calls).toEqual([
      'init -input=false | local-override | WORK',
      'apply -input=false -auto-approve | local-override | WORK',
      'init -input=false -migrate-state -force-copy | s3 | WORK',
      'state list | s3 | WORK',
    ]);
    expect(r.files[0]).toBe('init | WORK | .terraform backend_override.tf.json cdk.tf.json terraform.tfstate');
    expect(fs.existsSync(kept(r.tmp))).toBe(false);
  });

  it('--resume after a failed migration only migrates again, and keeps the directory (refreshed cdk.tf.json) if that fails too', () => {
    const kept = (tmp: string): string => path.join(tmp, 'bootstrap-state-dev.kept02');
    const prepare = (tmp: string): void => {
      fs.mkdirSync(kept(tmp), { recursive: true });
      fs.writeFileSync(path.join(kept(tmp), 'cdk.tf.json'), '{"stale": true}');
      fs.writeFileSync(path.join(kept(tmp), 'terraform.tfstate'), '{"serial": 1}');
    };
    const ok = run((tmp) => ['dev', '--resume', kept(tmp)], { before: prepare });
    cleanup.push(ok.tmp);
    expect(ok.status).toBe(0);
    expect(ok.calls).toEqual(['init -input=false -migrate-state -force-copy | s3 | WORK', 'state list | s3 | WORK']);

    const failed = run((tmp) => ['dev', '--resume', kept(tmp)], { before: prepare, fail: 'state' });
    cleanup.push(failed.tmp);
    expect(failed.status).not.toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(kept(failed.tmp), 'cdk.tf.json'), 'utf8'))).toEqual({ terraform: { backend: { s3: { key: 'dev/bootstrap.tfstate' } } } });
    expect(failed.stderr).toMatch(/continue with: .*--resume .*bootstrap-state-dev\.kept02/);
  });

  it('--resume refuses a directory that is not a kept working directory', () => {
    const r = run((tmp) => ['dev', '--resume', path.join(tmp, 'nowhere')]);
    cleanup.push(r.tmp);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--resume .*nowhere is not a working directory kept by a failed bootstrap/);
    expect(r.calls).toEqual([]);
  });

  it('stops before copying anything when the terraform executable is missing, saying what to install', () => {
    const r = run(['dev', '-auto-approve'], { terraform: 'terraform-not-on-path' });
    cleanup.push(r.tmp);
    expect(r.status).toBe(127);
    expect(r.stderr).toMatch(/terraform executable 'terraform-not-on-path' not found; install Terraform >= 1\.10 \(see README\)/);
    expect(r.calls).toEqual([]);
    expect(leftDirs(r.tmp, 'bootstrap-')).toEqual([]);
  });

  it('refuses to run before the environment is synthesized', () => {
    const r = run(['dev'], { synth: false });
    cleanup.push(r.tmp);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/dev: .*cdk\.tf\.json not found; run 'npx nx synth dev' first/);
    expect(r.calls).toEqual([]);
  });
});
