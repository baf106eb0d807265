import * as fs from 'node:fs';
import * as path from 'node:path';
import { synthClusterAddons } from '@platform/cluster-addons';
import { loadAllEnvironments } from '@platform/synth';
import { parse, parseAllDocuments } from 'yaml';

// Spec of ecotrack/ecotrack-gateway, written by `nx g @platform/tools:service` (docs/golden-path.md). Extend it with what the service promises.
const WORKSPACE = path.resolve(__dirname, '../../../..');
const declaring = loadAllEnvironments(path.join(WORKSPACE, 'environments')).filter((env) => env.tenants.some((t) => t.namespace === 'ecotrack' && t.services.some((s) => s.name === 'ecotrack-gateway')));

describe('ecotrack/ecotrack-gateway', () => {
  it('is declared in at least one environment', () => {
    expect(declaring.length).toBeGreaterThan(0);
  });

  it.each(declaring.map((env) => [env.name, env] as const))('renders its objects in %s with the image of images/<env>/ecotrack-gateway.yaml', (envName, env) => {
    const file = synthClusterAddons(env).files.find((f) => f.path === 'kubernetes/tenants/ecotrack/ecotrack-gateway.yaml');
    const objects = parseAllDocuments(file?.content ?? '').map((d) => d.toJS() as { kind: string; spec?: { template?: { spec?: { containers?: { image: string }[] } } } });
    expect(objects.map((o) => o.kind)).toEqual(expect.arrayContaining(['ServiceAccount', 'Service', 'Rollout', 'HorizontalPodAutoscaler', 'NetworkPolicy', 'ServiceMonitor', 'HTTPRoute', 'PrometheusRule']));
    const image = (parse(fs.readFileSync(path.join(WORKSPACE, 'images', envName, 'ecotrack-gateway.yaml'), 'utf8')) as { image: string }).image;
    expect(objects.find((o) => o.kind === 'Rollout')?.spec?.template?.spec?.containers?.[0]?.image).toBe(image);
  });
});
