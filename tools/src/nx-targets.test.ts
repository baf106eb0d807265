import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The Nx targets that run compiled code compile it themselves, under the pinned Node (ADR 0048,
 * ADR 0049): a syntax error then fails the task the user ran with exit 1, where a failed
 * `tools:compile` dependency made Nx 23 exit 130 (the code of an interrupt).
 */
const root = path.resolve(__dirname, '../..');
interface Target {
  readonly dependsOn?: readonly unknown[];
  readonly options?: { readonly command?: string };
}
const nx = JSON.parse(fs.readFileSync(path.join(root, 'nx.json'), 'utf8')) as { targetDefaults: Record<string, Target>; plugins?: unknown[] };
const addons = JSON.parse(fs.readFileSync(path.join(root, 'apps/cluster-addons/project.json'), 'utf8')) as { targets: Record<string, Target> };

describe('Nx targets that run compiled CLIs', () => {
  it.each([
    ['synth', 'libs/synth/src/cli.js synth {projectName}'],
    ['validate', 'libs/validation/src/cli.js {projectName}'],
    ['diff', 'libs/synth/src/cli.js diff {projectName}'],
    ['publish', 'libs/synth/src/cli.js publish {projectName}'],
  ])('%s runs through run-compiled.sh and does not depend on tools:compile', (target, args) => {
    expect(nx.targetDefaults[target]?.options?.command).toBe(`bash tools/scripts/run-compiled.sh ${args}`);
    expect(JSON.stringify(nx.targetDefaults[target]?.dependsOn ?? [])).not.toContain('compile');
  });

  it('docs-waves runs through run-compiled.sh too (the architecture.md blocks, then the deployed-today table of operations.md)', () => {
    expect(addons.targets['docs-waves']?.options?.command).toBe(
      'bash tools/scripts/run-compiled.sh apps/cluster-addons/src/waves-doc.js && bash tools/scripts/run-compiled.sh tools/src/docs/deployment-table.js',
    );
    expect(addons.targets['docs-waves']?.dependsOn).toBeUndefined();
  });

  it('jest (the test target) runs under the pinned Node', () => {
    expect(nx.targetDefaults['test']?.options?.command).toBe('bash tools/scripts/pinned-node.sh node_modules/jest/bin/jest.js --passWithNoTests {projectRoot}/');
  });

  it('Nx runs its built-in graph plugins in-process (no worker per plugin), which is safe only while nx.json declares no plugins', () => {
    const dotenv = fs.readFileSync(path.join(root, '.env'), 'utf8');
    expect(dotenv.split('\n')).toContain('NX_ISOLATE_PLUGINS=false');
    expect(nx.plugins ?? []).toEqual([]);
  });
});
