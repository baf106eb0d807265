import { synthClusterAddons } from '@platform/cluster-addons';
import { parseAllDocuments } from 'yaml';
import { loadEnvironment } from './environment-loader';

interface NodePool {
  readonly kind: string;
  readonly metadata: { readonly name: string };
  readonly spec: { readonly weight: number; readonly limits: Record<string, string>; readonly template: { readonly spec: { readonly requirements: { key: string; values: string[] }[] } } };
}

/** The NodePools synthesized for a real environment (environments/<name>/env.ts). */
function nodePools(name: string): Map<string, NodePool> {
  const file = synthClusterAddons(loadEnvironment(name)).files.find((f) => f.path === 'kubernetes/addons/karpenter/node-pools.yaml');
  const pools = parseAllDocuments(file?.content ?? '').map((d) => d.toJS() as NodePool);
  return new Map(pools.map((p) => [p.metadata.name, p]));
}

const capacityType = (p: NodePool | undefined): string[] | undefined => p?.spec.template.spec.requirements.find((r) => r.key === 'karpenter.sh/capacity-type')?.values;

/** Karpenter NodePools per real environment: which pool Karpenter tries first, and the caps. */
describe.each([
  { env: 'dev', preferred: 'general-spot', onDemandLimits: { cpu: '32', memory: '128Gi' } },
  { env: 'staging', preferred: 'general-on-demand', onDemandLimits: { cpu: '64', memory: '256Gi' } },
  { env: 'prod', preferred: 'general-on-demand', onDemandLimits: { cpu: '512', memory: '2048Gi' } },
])('Karpenter NodePools of $env', ({ env, preferred, onDemandLimits }) => {
  const pools = nodePools(env);

  it(`renders an on-demand and a spot pool and tries ${preferred} first`, () => {
    expect([...pools.keys()]).toEqual(['general-on-demand', 'general-spot']);
    expect(capacityType(pools.get('general-on-demand'))).toEqual(['on-demand']);
    expect(capacityType(pools.get('general-spot'))).toEqual(['spot']);
    const byWeight = [...pools.values()].sort((a, b) => b.spec.weight - a.spec.weight).map((p) => p.metadata.name);
    expect(byWeight[0]).toBe(preferred);
    expect(pools.get('general-on-demand')?.spec.limits).toEqual(onDemandLimits);
  });
});
