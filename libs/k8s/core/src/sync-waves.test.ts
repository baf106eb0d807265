import { computeSyncWaves, DependencyCycleError, renderWavesMermaid } from './sync-waves';

describe('computeSyncWaves', () => {
  it('puts roots in wave 0 and every node one wave after its latest dependency', () => {
    const waves = computeSyncWaves([
      { name: 'app', dependsOn: ['operator', 'baseline'] },
      { name: 'baseline', dependsOn: [] },
      { name: 'crds', dependsOn: [] },
      { name: 'operator', dependsOn: ['crds', 'baseline'] },
    ]);
    expect(Object.fromEntries(waves)).toEqual({ app: 2, baseline: 0, crds: 0, operator: 1 });
  });

  it('names the cycle', () => {
    const cyclic = [
      { name: 'a', dependsOn: ['b'] },
      { name: 'b', dependsOn: ['a'] },
    ];
    expect(() => computeSyncWaves(cyclic)).toThrow(DependencyCycleError);
    expect(() => computeSyncWaves(cyclic)).toThrow('dependency cycle: a -> b -> a');
    expect(() => computeSyncWaves([{ name: 'x', dependsOn: [] }, { name: 'y', dependsOn: ['z'] }, { name: 'z', dependsOn: ['y'] }])).toThrow('dependency cycle: y -> z -> y');
    expect(() => computeSyncWaves([{ name: 's', dependsOn: ['s'] }])).toThrow('dependency cycle: s -> s');
  });

  it('rejects unknown dependencies and duplicate names', () => {
    expect(() => computeSyncWaves([{ name: 'a', dependsOn: ['ghost'] }])).toThrow('node "a" depends on unknown node "ghost"');
    expect(() => computeSyncWaves([{ name: 'a', dependsOn: [] }, { name: 'a', dependsOn: [] }])).toThrow('node "a" is declared twice');
  });

  it('renders a deterministic Mermaid flowchart', () => {
    const text = renderWavesMermaid([
      { name: 'b-app', dependsOn: ['a'] },
      { name: 'a', dependsOn: [] },
    ]);
    expect(text).toBe('flowchart LR\n  subgraph wave0["wave 0"]\n    a["a"]\n  end\n  subgraph wave1["wave 1"]\n    b_app["b-app"]\n  end\n  a --> b_app\n');
  });
});
