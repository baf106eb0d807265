import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURE_ENVIRONMENT } from '@platform/config/testing';
import { main } from './cli';

/** Writes environments/<name>/env.js files into a temp root (the loader accepts compiled env files). */
function environmentsRoot(envs: Record<string, unknown>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'envs-'));
  for (const [name, value] of Object.entries(envs)) {
    fs.mkdirSync(path.join(root, name));
    fs.writeFileSync(path.join(root, name, 'env.js'), `exports.environment = ${JSON.stringify(value)};\n`);
  }
  return root;
}

async function run(argv: string[], root: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), environmentsRoot: root });
  return { code, stdout, stderr };
}

describe('platform synth CLI', () => {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-dist-'));
  const good = { ...FIXTURE_ENVIRONMENT, name: 'prod' };
  const bad = {
    ...good,
    aws: { accountId: 'abc', region: 'eu-west-1' },
    network: { ...good.network, vpcCidr: '10.0.0.0/33', natGateways: 'two' },
  };

  afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));

  it('synthesizes a valid environment and exits 0', async () => {
    const result = await run(['synth', 'prod', '--dist', dist], environmentsRoot({ prod: good }));
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(fs.existsSync(path.join(dist, 'prod', 'terraform', 'network', 'cdk.tf.json'))).toBe(true);
  });

  it('prints every invalid field without a stack trace, exits 1 and leaves dist/prod untouched', async () => {
    const manifestBefore = fs.readFileSync(path.join(dist, 'prod', 'manifest.json'), 'utf8');
    const result = await run(['synth', 'prod', '--dist', dist], environmentsRoot({ prod: bad }));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('prod: aws.accountId: must be a 12-digit AWS account id');
    expect(result.stderr).toContain('prod: network.vpcCidr: "10.0.0.0/33" is not an IPv4 CIDR');
    expect(result.stderr).toMatch(/prod: network\.natGateways: /);
    expect(result.stderr).toContain('Fix: edit environments/prod/env.ts (lines starting with "prod:").');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fs.readFileSync(path.join(dist, 'prod', 'manifest.json'), 'utf8')).toBe(manifestBefore);
  });

  it('reports a malformed CIDR as an invalid field, not a crash, even when it is the only fault', async () => {
    const onlyCidr = { ...good, network: { ...good.network, vpcCidr: '10.0.0.0/33' } };
    const result = await run(['synth', 'prod', '--dist', dist], environmentsRoot({ prod: onlyCidr }));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('prod: synth aborted, invalid configuration');
    expect(result.stderr).toContain('prod: network.vpcCidr: "10.0.0.0/33" is not an IPv4 CIDR');
  });

  it('reports a sibling whose CIDR overlaps on the environment being synthesized, naming the sibling and the file to edit', async () => {
    const qa = {
      ...good,
      name: 'qa',
      aws: { ...good.aws, accountIamResources: 'existing' },
      audit: { ...good.audit, guardDutyDetector: 'existing' },
      network: { ...good.network, vpcCidr: '10.0.64.0/18' },
      dns: { domain: 'qa.acme.example' },
      argocd: { ...good.argocd, sso: { ...good.argocd.sso, clientId: 'argocd-qa' } },
    };
    const root = environmentsRoot({ prod: good, qa });
    const result = await run(['synth', 'qa', '--dist', dist], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('qa: network.vpcCidr: 10.0.64.0/18 overlaps 10.0.0.0/16 of prod (environments/prod/env.ts)');
    expect(result.stderr).toContain('set a free range such as 10.1.0.0/18 in environments/qa/env.ts');
    expect(result.stderr).toContain('Fix: edit environments/qa/env.ts (lines starting with "qa:").');
    const fromProd = await run(['synth', 'prod', '--dist', dist], root);
    expect(fromProd.stderr).toContain('prod: network.vpcCidr: 10.0.0.0/16 overlaps 10.0.64.0/18 of qa (environments/qa/env.ts)');
  });

  it('rejects a copied environment that keeps its source domain and OIDC client, naming both environments', async () => {
    const qa = { ...good, name: 'qa', aws: { ...good.aws, accountIamResources: 'existing' }, audit: { ...good.audit, guardDutyDetector: 'existing' }, network: { ...good.network, vpcCidr: '10.1.0.0/16' } };
    const result = await run(['synth', 'qa', '--dist', dist], environmentsRoot({ prod: good, qa }));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`qa: dns.domain: "${good.dns.domain}" is also the domain of prod (environments/prod/env.ts)`);
    expect(result.stderr).toContain(`qa: argocd.sso.clientId: "${good.argocd.sso.clientId}" is also the OIDC client of prod (environments/prod/env.ts)`);
  });

  it('names the unknown environment, the known ones and the fix', async () => {
    const result = await run(['synth', 'qa', '--dist', dist], environmentsRoot({ prod: good }));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('qa: unknown environment; known environments: prod.');
    expect(result.stderr).toContain('create it with `npx nx g @platform/tools:environment qa --from <env>`');
  });

  it('rejects unknown options and extra arguments with usage, never a stack trace', async () => {
    const unknown = await run(['synth', 'prod', '--bogus'], environmentsRoot({ prod: good }));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--bogus'/);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    const extra = await run(['synth', 'prod', 'staging'], environmentsRoot({ prod: good }));
    expect(extra.code).toBe(2);
    expect(extra.stderr).toMatch(/^usage: /);
  });

  it('prints usage for a missing environment argument', async () => {
    const result = await run(['synth'], environmentsRoot({ prod: good }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^usage: /);
  });

  it('refuses to run a compiled CLI older than its sources, naming the changed file and `npx nx synth <env>`, and writes nothing', async () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'stale-ws-'));
    const compiled = path.join(workspace, 'dist', 'out-tsc');
    fs.mkdirSync(path.join(workspace, 'environments', 'prod'), { recursive: true });
    fs.writeFileSync(path.join(workspace, 'environments', 'prod', 'env.ts'), 'export const environment = {};\n');
    fs.mkdirSync(compiled, { recursive: true });
    fs.writeFileSync(path.join(compiled, 'compiled-sources.json'), JSON.stringify({ startedAtMs: 0, sources: ['environments/prod/env.ts'] }));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'stale-dist-'));
    try {
      let stderr = '';
      const io = { stdout: () => undefined, stderr: (t: string) => (stderr += t), environmentsRoot: environmentsRoot({ prod: good }), workspaceRoot: workspace, compiledRoot: compiled };
      expect(await main(['synth', 'prod', '--dist', out], io)).toBe(1);
      expect(stderr).toBe(
        'prod: refusing to run the compiled CLI: it is older than its sources (environments/prod/env.ts changed after the last compile), so it would synth the last compiled code, not the current one. Fix: use `npx nx synth prod` (it compiles first).\n',
      );
      expect(fs.readdirSync(out)).toEqual([]);
    } finally {
      for (const d of [workspace, out]) fs.rmSync(d, { recursive: true, force: true });
    }
  });

  it('fails fast on --dist /proc/x (Node recursive mkdir spins on procfs), naming the folder it could not create', async () => {
    const result = await run(['synth', 'prod', '--dist', '/proc/x'], environmentsRoot({ prod: good }));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("prod: synth failed (/proc/x/prod left untouched): cannot create the output folder /proc/x: ENOENT: no such file or directory, mkdir '/proc/x'\n");
  });
});
