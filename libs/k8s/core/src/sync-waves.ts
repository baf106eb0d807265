/** One node of the sync graph: an ArgoCD Application and the Applications it must wait for. */
export interface SyncNode {
  readonly name: string;
  /** Names of the nodes that must be synced and healthy first. */
  readonly dependsOn: readonly string[];
}

/** Thrown when the dependencies form a cycle; `cycle` lists it with the first node repeated at the end. */
export class DependencyCycleError extends Error {
  constructor(public readonly cycle: readonly string[]) {
    super(`dependency cycle: ${cycle.join(' -> ')}`);
    this.name = 'DependencyCycleError';
  }
}

/**
 * Computes ArgoCD sync waves (`argocd.argoproj.io/sync-wave`) from dependencies: a node without
 * dependencies is in wave 0, every other node one wave after its latest dependency (longest path),
 * so CRD-providing Applications always sync before their users. Pure and deterministic.
 * @returns wave per node name, in input order
 * @throws DependencyCycleError naming the cycle, e.g. `dependency cycle: a -> b -> a`
 * @throws Error naming the node when a name is duplicated or a dependency is unknown
 */
export function computeSyncWaves(nodes: readonly SyncNode[]): Map<string, number> {
  const byName = new Map<string, SyncNode>();
  for (const n of nodes) {
    if (byName.has(n.name)) throw new Error(`sync graph: node "${n.name}" is declared twice`);
    byName.set(n.name, n);
  }
  for (const n of nodes) {
    for (const d of n.dependsOn) {
      if (!byName.has(d)) throw new Error(`sync graph: node "${n.name}" depends on unknown node "${d}"`);
    }
  }
  const waves = new Map<string, number>();
  const onStack: string[] = [];
  const visit = (name: string): number => {
    const known = waves.get(name);
    if (known !== undefined) return known;
    const at = onStack.indexOf(name);
    if (at >= 0) throw new DependencyCycleError([...onStack.slice(at), name]);
    onStack.push(name);
    const node = byName.get(name) as SyncNode;
    const wave = node.dependsOn.reduce((max, d) => Math.max(max, visit(d) + 1), 0);
    onStack.pop();
    waves.set(name, wave);
    return wave;
  };
  for (const n of nodes) visit(n.name);
  return new Map(nodes.map((n) => [n.name, waves.get(n.name) as number]));
}

/**
 * Renders the waves as a Mermaid flowchart (one subgraph per wave, one edge per dependency),
 * sorted so the text only changes when the graph does.
 */
export function renderWavesMermaid(nodes: readonly SyncNode[]): string {
  const waves = computeSyncWaves(nodes);
  const maxWave = Math.max(0, ...waves.values());
  const id = (name: string): string => name.replace(/[^A-Za-z0-9_]/g, '_');
  const lines = ['flowchart LR'];
  for (let w = 0; w <= maxWave; w++) {
    const members = nodes.filter((n) => waves.get(n.name) === w).map((n) => n.name).sort();
    if (members.length === 0) continue;
    lines.push(`  subgraph wave${w}["wave ${w}"]`);
    for (const m of members) lines.push(`    ${id(m)}["${m}"]`);
    lines.push('  end');
  }
  const edges = nodes.flatMap((n) => n.dependsOn.map((d) => `  ${id(d)} --> ${id(n.name)}`)).sort();
  return [...lines, ...edges].join('\n') + '\n';
}
