import { Testing } from 'cdk8s';
import { KarpenterNodePool, type KarpenterNodePoolProps, NODE_POOL_LABEL, TERMINATION_GRACE_PERIOD } from './karpenter-node-pool';

const props: KarpenterNodePoolProps = {
  expireAfter: '720h',
  name: 'general-on-demand',
  capacityType: 'on-demand',
  pool: { cpuLimit: 64, memoryLimitGiB: 256, instanceCategories: ['c', 'm'], architectures: ['amd64', 'arm64'], consolidateAfter: '5m' },
  disruptionBudget: '10%',
};

function render(p: KarpenterNodePoolProps): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const chart = Testing.chart();
  new KarpenterNodePool(chart, 'pool', p);
  return (Testing.synth(chart)[0] as { spec: Record<string, unknown> }).spec;
}

describe('KarpenterNodePool', () => {
  it('labels its nodes with the pool name, expires them after expireAfter and caps the pool', () => {
    const spec = render(props);
    expect(spec['template'].metadata.labels).toEqual({ [NODE_POOL_LABEL]: 'general-on-demand' });
    expect(spec['template'].spec.expireAfter).toBe('720h');
    expect(spec['template'].spec.terminationGracePeriod).toBe(TERMINATION_GRACE_PERIOD);
    expect(spec['limits']).toEqual({ cpu: '64', memory: '256Gi' });
    expect(spec['disruption']).toEqual({ consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '5m', budgets: [{ nodes: '10%' }] });
    expect(spec['weight']).toBeUndefined();
    expect(spec['template'].spec.taints).toBeUndefined();
  });

  it('appends a zone NotIn requirement for the excluded zones, keeping every other requirement (none when empty)', () => {
    const requirements = render({ ...props, excludedZones: ['eu-west-1c', 'eu-west-1a'] })['template'].spec.requirements;
    expect(requirements).toHaveLength(6);
    expect(requirements.slice(0, 5)).toEqual(render(props)['template'].spec.requirements);
    expect(requirements[5]).toEqual({ key: 'topology.kubernetes.io/zone', operator: 'NotIn', values: ['eu-west-1a', 'eu-west-1c'] });
    expect(render({ ...props, excludedZones: [] })['template'].spec.requirements).toHaveLength(5);
  });

  it('selects capacity type, categories, generation > 5, architectures and linux', () => {
    expect(render(props)['template'].spec.requirements).toEqual([
      { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] },
      { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['c', 'm'] },
      { key: 'karpenter.k8s.aws/instance-generation', operator: 'Gt', values: ['5'] },
      { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] },
      { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
    ]);
  });

  it.each(['10', '10%'])('accepts the disruption budget %p', (disruptionBudget) => {
    expect(render({ ...props, disruptionBudget })['disruption'].budgets).toEqual([{ nodes: disruptionBudget }]);
  });

  it.each(['ten', '10 %', '-1', ''])('rejects the disruption budget %p, naming the pool', (disruptionBudget) => {
    expect(() => render({ ...props, disruptionBudget })).toThrow(`KarpenterNodePool general-on-demand: disruptionBudget "${disruptionBudget}" must be a percentage (10%) or a node count`);
  });
});
