import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { type EnvironmentConfig, parseEnvironment, SERVICE_QUOTA_FIELDS, tenantQuotaRequirements } from '@platform/config';
import { synthEnvironment } from '@platform/synth';
import { resolveUpstreamDir, validateEnvironment } from '@platform/validation';
import { evaluateEnvironment } from '../environment/env-file';
import { addProperty, appendToArray } from './env-edit';
import serviceGenerator, { GENERATED_SLO, INITIAL_IMAGE_STAND_IN, serviceSpecPath } from './generator';
import { serviceSpecTest } from './service-spec';
import { tsLiteral } from './ts-literal';

const WORKSPACE = path.resolve(__dirname, '../../../..');
const ENVIRONMENTS = ['dev', 'prod', 'staging'];

/** A devkit tree holding this workspace's environments and image references. */
function workspaceTree(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  for (const env of ENVIRONMENTS) {
    tree.write(`environments/${env}/env.ts`, fs.readFileSync(path.join(WORKSPACE, 'environments', env, 'env.ts'), 'utf8'));
    const images = path.join(WORKSPACE, 'images', env);
    for (const file of fs.readdirSync(images)) tree.write(`images/${env}/${file}`, fs.readFileSync(path.join(images, file), 'utf8'));
  }
  return tree;
}

const configOf = (tree: Tree, name: string): EnvironmentConfig => parseEnvironment(name, evaluateEnvironment(tree.read(`environments/${name}/env.ts`, 'utf8') ?? ''));
const serviceOf = (tree: Tree, env: string, name: string) => configOf(tree, env).tenants.find((t) => t.namespace === 'ecotrack')?.services.find((s) => s.name === name);

describe('nx g @platform/tools:service', () => {
  it('declares the service in every environment of the tenant, with its repository, initial image and spec test', async () => {
    const tree = workspaceTree();
    await serviceGenerator(tree, { tenant: 'ecotrack', name: 'alerts-api', database: true, cache: true, topics: 'ecotrack.alerts, ecotrack.readings', canary: true });
    for (const env of ENVIRONMENTS) {
      const s = serviceOf(tree, env, 'alerts-api');
      expect(s).toMatchObject({
        rollout: 'canary',
        callers: ['gateway'],
        route: { host: 'alerts-api', pathPrefixes: ['/'], port: 'http' },
        slo: GENERATED_SLO,
        database: { cluster: 'ecotrack-pg', database: 'alerts_api', access: 'readWrite' },
        cache: { instance: 'ecotrack-cache' },
        topics: [
          { cluster: 'ecotrack-events', topic: 'ecotrack.alerts', access: 'produce-consume' },
          { cluster: 'ecotrack-events', topic: 'ecotrack.readings', access: 'produce-consume' },
        ],
      });
      // sizing of the environment: the tenant's first service there
      const first = configOf(tree, env).tenants.find((t) => t.namespace === 'ecotrack')?.services[0];
      expect(s?.resources).toEqual(first?.resources);
      expect(configOf(tree, env).ecr.repositories).toContain('alerts-api');
      // the data layer's side: the database and the topics with the tenant's ACL
      const data = configOf(tree, env).data;
      expect(data.postgres.find((c) => c.name === 'ecotrack-pg')?.databases.map((d) => d.name)).toContain('alerts_api');
      expect(data.kafka.find((c) => c.name === 'ecotrack-events')?.users.find((u) => u.consumer === 'ecotrack')?.topics).toEqual(expect.arrayContaining([{ topic: 'ecotrack.alerts', access: 'produce-consume' }]));
      // EcoTrack already has a gateway flow (to ecotrack-gateway): it now admits the namespace's port 8080
      const gatewayFlows = configOf(tree, env).mesh.flows.filter((f) => f.from.namespace === 'istio-ingress' && f.to.namespace === 'ecotrack');
      expect(gatewayFlows.map((f) => [f.to.podLabels, f.to.ports])).toEqual([[undefined, [8080]]]);
      // the quota holds the five services at replicas.max plus the canary (schema rule): prod's is raised, dev's and staging's already do
      const ecotrack = configOf(tree, env).tenants.find((t) => t.namespace === 'ecotrack');
      const required = tenantQuotaRequirements(ecotrack?.services ?? []);
      for (const field of SERVICE_QUOTA_FIELDS) expect(ecotrack?.quota[field]).toBeGreaterThanOrEqual(required?.[field].required ?? Infinity);
      expect(tree.read(`images/${env}/alerts-api.yaml`, 'utf8')).toContain(`/${env}/dockerhub/${INITIAL_IMAGE_STAND_IN.repository}:${INITIAL_IMAGE_STAND_IN.tag}`);
    }
    expect(tree.read(serviceSpecPath('ecotrack', 'alerts-api'), 'utf8')).toBe(serviceSpecTest('ecotrack', 'alerts-api', { canary: true }));
  });

  it('wrote the committed EcoTrack gateway spec (it runs in npm test: the template compiles and passes)', () => {
    expect(fs.readFileSync(path.join(WORKSPACE, serviceSpecPath('ecotrack', 'ecotrack-gateway')), 'utf8')).toBe(serviceSpecTest('ecotrack', 'ecotrack-gateway', { canary: true }));
  });

  it('changes nothing else in the environment file', async () => {
    const tree = workspaceTree();
    const before = tree.read('environments/dev/env.ts', 'utf8') ?? '';
    await serviceGenerator(tree, { tenant: 'ecotrack', name: 'alerts-api' });
    const after = tree.read('environments/dev/env.ts', 'utf8') ?? '';
    const removed = before.split('\n').filter((l) => !after.split('\n').includes(l));
    expect(removed.filter((l) => !/ecr: \{ repositories/.test(l))).toEqual([]);
  });

  it('produces a service that synthesizes and passes nx validate with no hand edits', async () => {
    const tree = workspaceTree();
    await serviceGenerator(tree, { tenant: 'ecotrack', name: 'alerts-api', canary: true, topics: 'ecotrack.alerts' });
    const images = fs.mkdtempSync(path.join(os.tmpdir(), 'service-images-'));
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'service-dist-'));
    for (const env of tree.children('images')) {
      fs.mkdirSync(path.join(images, env));
      for (const f of tree.children(`images/${env}`)) fs.writeFileSync(path.join(images, env, f), tree.read(`images/${env}/${f}`, 'utf8') ?? '');
    }
    process.env['PLATFORM_IMAGES_DIR'] = images;
    try {
      await synthEnvironment(configOf(tree, 'dev'), { distRoot: dist });
      expect(fs.existsSync(path.join(dist, 'dev/kubernetes/tenants/ecotrack/alerts-api.yaml'))).toBe(true);
      expect(fs.existsSync(path.join(dist, 'dev/catalog/ecotrack/alerts-api.yaml'))).toBe(true);
      const result = validateEnvironment(dist, 'dev', { upstreamDir: resolveUpstreamDir(undefined, { cwd: WORKSPACE }) });
      expect(result.findings).toEqual([]);
    } finally {
      delete process.env['PLATFORM_IMAGES_DIR'];
      fs.rmSync(images, { recursive: true, force: true });
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });

  it('adds services to a tenant without any, keeping its gateway flow that already admits the port', async () => {
    const tree = workspaceTree();
    await serviceGenerator(tree, { tenant: 'team-orders', name: 'orders-web', canary: true });
    const flows = configOf(tree, 'dev').mesh.flows.filter((f) => f.from.namespace === 'istio-ingress' && f.to.namespace === 'team-orders');
    expect(flows.map((f) => [f.to.podLabels, f.to.ports])).toEqual([[undefined, [8080]]]);
    expect(configOf(tree, 'dev').tenants.find((t) => t.namespace === 'team-orders')?.services.map((s) => s.name)).toEqual(['orders-web']);
  });

  it('refuses an unknown tenant, a taken or invalid name', async () => {
    const tree = workspaceTree();
    await expect(serviceGenerator(tree, { tenant: 'nobody', name: 'x-api' })).rejects.toThrow('--tenant "nobody": no environment declares this tenant (tenants[].namespace); add the tenant first');
    await expect(serviceGenerator(tree, { tenant: 'ecotrack', name: 'emissions-api' })).rejects.toThrow('dev: tenant "ecotrack" already declares service "emissions-api" (environments/dev/env.ts); pick another --name');
    await expect(serviceGenerator(tree, { tenant: 'ecotrack', name: 'Bad_Name' })).rejects.toThrow('--name "Bad_Name": must be a DNS-1123 label');
  });
});

describe('environment file edits', () => {
  const text = "export const environment = {\n  ecr: { repositories: ['a'] },\n  tenants: [\n    {\n      namespace: 't',\n      owner: 'o',\n    },\n  ],\n};\n";

  it('appends to one-line and multi-line arrays, and adds a property, keeping the layout', () => {
    expect(appendToArray(text, ['ecr', 'repositories'], "'b'")).toContain("ecr: { repositories: ['a', 'b'] },");
    const added = addProperty(text, ['tenants', { where: { namespace: 't' } }], 'services', '[]');
    expect(added).toContain("      owner: 'o',\n      services: [],\n    },");
    expect(evaluateEnvironment(appendToArray(added, ['tenants', { where: { namespace: 't' } }, 'services'], tsLiteral({ name: 'x', ports: [{ port: 1 }] })))).toEqual({
      ecr: { repositories: ['a'] },
      tenants: [{ namespace: 't', owner: 'o', services: [{ name: 'x', ports: [{ port: 1 }] }] }],
    });
  });

  it('names the path it cannot edit', () => {
    expect(() => appendToArray(text, ['tenants', { where: { namespace: 'u' } }, 'services'], '1')).toThrow('tenants.[namespace=u].services: not an array literal in the environment');
  });
});
