import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { logger, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { type EnvironmentConfig, parseEnvironment, validateEnvironmentSet } from '@platform/config';
import { synthEnvironment } from '@platform/synth';
import { resolveUpstreamDir, validateEnvironment } from '@platform/validation';
import { evaluateEnvironment } from './env-file';
import environmentGenerator, { planEnvironment } from './generator';

const WORKSPACE = path.resolve(__dirname, '../../../..');
const ENVIRONMENTS = ['dev', 'prod', 'staging'];

/** A devkit tree holding this workspace's environments (env.ts + project.json). */
function workspaceTree(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  for (const env of ENVIRONMENTS) {
    for (const file of ['env.ts', 'project.json']) {
      tree.write(`environments/${env}/${file}`, fs.readFileSync(path.join(WORKSPACE, 'environments', env, file), 'utf8'));
    }
    // golden path: the services' image references
    const images = path.join(WORKSPACE, 'images', env);
    for (const file of fs.existsSync(images) ? fs.readdirSync(images) : []) tree.write(`images/${env}/${file}`, fs.readFileSync(path.join(images, file), 'utf8'));
  }
  return tree;
}

/** The tree's `images/` folder written to a temporary directory (synthesis reads `PLATFORM_IMAGES_DIR`). */
function imagesDirOf(tree: Tree): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'generated-images-'));
  for (const env of tree.children('images')) {
    fs.mkdirSync(path.join(dir, env));
    for (const file of tree.children(`images/${env}`)) fs.writeFileSync(path.join(dir, env, file), tree.read(`images/${env}/${file}`, 'utf8') ?? '');
  }
  return dir;
}

function configOf(tree: Tree, name: string): EnvironmentConfig {
  return parseEnvironment(name, evaluateEnvironment(tree.read(`environments/${name}/env.ts`, 'utf8') ?? ''));
}

function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  return after.split('\n').filter((line, i) => line !== a[i]);
}

describe('nx g @platform/tools:environment', () => {
  it('copies staging to qa with its own name, domain, OIDC clients (ArgoCD, Grafana), next free VPC block and header, nothing else', async () => {
    const tree = workspaceTree();
    await environmentGenerator(tree, { name: 'qa', from: 'staging' });
    const qa = configOf(tree, 'qa');
    const staging = configOf(tree, 'staging');
    expect(qa.name).toBe('qa');
    expect(qa.dns.domain).toBe('qa.platform.acme.example');
    expect(qa.argocd.sso.clientId).toBe('argocd-qa');
    expect(qa.observability.grafana.sso.clientId).toBe('grafana-qa');
    expect(qa.network.vpcCidr).toBe('10.31.0.0/16');
    expect(qa.aws).toEqual(staging.aws);
    expect({ ...qa, name: 'staging', network: staging.network, dns: staging.dns, argocd: staging.argocd, observability: staging.observability }).toEqual(staging);
    expect({ ...qa.observability, grafana: staging.observability.grafana }).toEqual(staging.observability);
    const before = tree.read('environments/staging/env.ts', 'utf8') ?? '';
    const after = tree.read('environments/qa/env.ts', 'utf8') ?? '';
    expect(changedLines(before, after).map((l) => l.trim())).toEqual([
      '/** qa: copied from staging (sizes, budget and tenants as staging: review them). Account 210987654321 eu-west-1, shared with dev, staging; own VPC 10.31.0.0/16, domain qa.platform.acme.example and OIDC clients argocd-qa and grafana-qa. */',
      "name: 'qa',",
      "vpcCidr: '10.31.0.0/16',",
      "dns: { domain: 'qa.platform.acme.example' },",
      "clientId: 'argocd-qa',",
      "clientId: 'grafana-qa',",
    ]);
    expect(after).toContain('// security layer');
    const project = JSON.parse(tree.read('environments/qa/project.json', 'utf8') ?? '{}') as Record<string, unknown>;
    expect(project).toMatchObject({ name: 'qa', sourceRoot: 'environments/qa', tags: ['type:env'], implicitDependencies: ['synth'] });
  });

  it('produces an environment that synthesizes and passes nx validate with no hand edits', async () => {
    const tree = workspaceTree();
    await environmentGenerator(tree, { name: 'qa', from: 'staging' });
    const envs = [...ENVIRONMENTS, 'qa'].map((name) => configOf(tree, name));
    expect(() => validateEnvironmentSet(envs, { focus: 'qa' })).not.toThrow();
    expect(tree.children('images/qa').sort()).toEqual(tree.children('images/staging').sort());
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'generated-env-'));
    const images = imagesDirOf(tree);
    process.env['PLATFORM_IMAGES_DIR'] = images;
    try {
      await synthEnvironment(configOf(tree, 'qa'), { distRoot: dist });
      const result = validateEnvironment(dist, 'qa', { upstreamDir: resolveUpstreamDir(undefined, { cwd: WORKSPACE }) });
      expect(result.findings).toEqual([]);
    } finally {
      delete process.env['PLATFORM_IMAGES_DIR'];
      fs.rmSync(dist, { recursive: true, force: true });
      fs.rmSync(images, { recursive: true, force: true });
    }
  });

  it('from prod: drops the hosted zone of the source domain and leaves the account-wide creators to prod', async () => {
    const tree = workspaceTree();
    await environmentGenerator(tree, { name: 'perf', from: 'prod' });
    const perf = configOf(tree, 'perf');
    expect(perf.dns).toEqual({ domain: 'perf.platform.acme.example' });
    expect(perf.aws.accountIamResources).toBe('existing');
    expect(perf.audit.guardDutyDetector).toBe('existing');
    expect(perf.network.vpcCidr).toBe('10.41.0.0/16');
    expect(perf.argocd.sso.clientId).toBe('argocd-perf');
    expect(perf.observability.grafana.sso.clientId).toBe('grafana-perf');
  });

  it('skips every VPC block already taken, in any account', async () => {
    const tree = workspaceTree();
    await environmentGenerator(tree, { name: 'qa', from: 'staging' });
    await environmentGenerator(tree, { name: 'qa2', from: 'staging' });
    expect(configOf(tree, 'qa2').network.vpcCidr).toBe('10.32.0.0/16');
    expect(configOf(tree, 'qa2').dns.domain).toBe('qa2.platform.acme.example');
  });

  it('prints the steps that stay manual: AWS bootstrap, DNS delegation, the OIDC clients, the alert channels and the ArgoCD repository Secret', async () => {
    const tree = workspaceTree();
    const lines: string[] = [];
    const info = jest.spyOn(logger, 'info').mockImplementation((m: unknown) => void lines.push(String(m)));
    try {
      (await environmentGenerator(tree, { name: 'qa', from: 'staging' }))();
    } finally {
      info.mockRestore();
    }
    const text = lines.join('\n');
    expect(text).toContain('bash tools/scripts/bootstrap-state.sh qa');
    expect(text).toContain('register the client "argocd-qa" at https://acme.okta.example/oauth2/default with redirect URI https://argocd.qa.platform.acme.example/auth/callback');
    expect(text).toContain('register the client "grafana-qa" for Grafana at the same provider with redirect URI https://grafana.qa.platform.acme.example/login/generic_oauth, then seed its client secret into OpenBao at kv/qa/grafana/grafana-oidc');
    // values the generator cannot invent are named, not silently kept
    expect(text).toContain("Alerts: observability.alertmanager.receivers still post to staging's Slack channel #platform-alerts-staging: point them at qa's.");
    expect(text).toContain("Heartbeat: create qa's check at the heartbeat service (period 5 min) and seed its ping URL into OpenBao at kv/qa/monitoring/alertmanager-heartbeat (property url)");
    expect(text).toContain('repository Secret in namespace argocd with read access to https://git.acme.example/platform/gitops.git');
    expect(text).toContain('delegate qa.platform.acme.example');
    expect(text).toContain('npx nx synth qa && npx nx validate qa');
    expect(text).toContain('`npx nx run cluster-addons:docs-waves` adds qa to the deployed-today table of docs/operations.md');
  });

  it('refuses a taken or invalid name and an unknown source, naming the fix', () => {
    const tree = workspaceTree();
    expect(() => planEnvironment(tree, { name: 'dev', from: 'staging' })).toThrow('dev: environments/dev/env.ts already exists; pick another name or edit that file');
    expect(() => planEnvironment(tree, { name: 'Q_A', from: 'staging' })).toThrow(/^Q_A: name must be 2-20 lower-case letters/);
    expect(() => planEnvironment(tree, { name: 'images', from: 'staging' })).toThrow(/is reserved/);
    expect(() => planEnvironment(tree, { name: 'qa', from: 'uat' })).toThrow('uat: no environments/uat/env.ts to copy; known environments: dev, prod, staging');
  });
});

describe('the generator as an Nx plugin', () => {
  it('is declared in tools/package.json and generators.json, with its factory and schema present', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(WORKSPACE, 'tools/package.json'), 'utf8')) as { name: string; generators: string };
    expect(pkg.name).toBe('@platform/tools');
    const collection = JSON.parse(fs.readFileSync(path.join(WORKSPACE, 'tools', pkg.generators), 'utf8')) as {
      generators: Record<string, { factory: string; schema: string }>;
    };
    const { factory, schema } = collection.generators['environment'];
    expect(fs.existsSync(path.join(WORKSPACE, 'tools', factory))).toBe(true);
    const options = JSON.parse(fs.readFileSync(path.join(WORKSPACE, 'tools', schema), 'utf8')) as { properties: Record<string, { default?: string }> };
    expect(options.properties['from'].default).toBe('staging');
  });

  it('runs through `nx g @platform/tools:environment qa --from staging` (dry run)', () => {
    // CI=true makes Nx colour its output even into a pipe: compare the text without escape codes.
    const out = stripVTControlCharacters(
      execFileSync(path.join(WORKSPACE, 'node_modules/.bin/nx'), ['g', '@platform/tools:environment', 'qa', '--from', 'staging', '--dry-run', '--no-interactive'], {
        cwd: WORKSPACE,
        encoding: 'utf8',
        env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
      }),
    );
    expect(out).toContain('CREATE environments/qa/env.ts');
    expect(out).toContain('CREATE environments/qa/project.json');
  });
});
