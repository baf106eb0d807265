import type { ServiceGeneratorOptions } from './generator';

/**
 * The spec test the generator writes for a service: in every environment that declares it, the
 * synthesized tenant file holds its workload (a Rollout for a canary), Service, HPA, NetworkPolicy,
 * ServiceMonitor, and for a public route the HTTPRoute and the SLO rules, with the image of
 * `images/<env>/<name>.yaml`.
 */
export function serviceSpecTest(tenant: string, name: string, options: Pick<ServiceGeneratorOptions, 'canary'>): string {
  const workload = options.canary ? 'Rollout' : 'Deployment';
  const kinds = ['ServiceAccount', 'Service', workload, 'HorizontalPodAutoscaler', 'NetworkPolicy', 'ServiceMonitor', ...(options.canary ? ['HTTPRoute', 'PrometheusRule'] : [])];
  return `import * as fs from 'node:fs';
import * as path from 'node:path';
import { synthClusterAddons } from '@platform/cluster-addons';
import { loadAllEnvironments } from '@platform/synth';
import { parse, parseAllDocuments } from 'yaml';

// Spec of ${tenant}/${name}, written by \`nx g @platform/tools:service\` (docs/golden-path.md). Extend it with what the service promises.
const WORKSPACE = path.resolve(__dirname, '../../../..');
const declaring = loadAllEnvironments(path.join(WORKSPACE, 'environments')).filter((env) => env.tenants.some((t) => t.namespace === '${tenant}' && t.services.some((s) => s.name === '${name}')));

describe('${tenant}/${name}', () => {
  it('is declared in at least one environment', () => {
    expect(declaring.length).toBeGreaterThan(0);
  });

  it.each(declaring.map((env) => [env.name, env] as const))('renders its objects in %s with the image of images/<env>/${name}.yaml', (envName, env) => {
    const file = synthClusterAddons(env).files.find((f) => f.path === 'kubernetes/tenants/${tenant}/${name}.yaml');
    const objects = parseAllDocuments(file?.content ?? '').map((d) => d.toJS() as { kind: string; spec?: { template?: { spec?: { containers?: { image: string }[] } } } });
    expect(objects.map((o) => o.kind)).toEqual(expect.arrayContaining(${JSON.stringify(kinds).replace(/"/g, "'").replace(/,/g, ', ')}));
    const image = (parse(fs.readFileSync(path.join(WORKSPACE, 'images', envName, '${name}.yaml'), 'utf8')) as { image: string }).image;
    expect(objects.find((o) => o.kind === '${workload}')?.spec?.template?.spec?.containers?.[0]?.image).toBe(image);
  });
});
`;
}
