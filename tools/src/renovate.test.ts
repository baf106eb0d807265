import { ADDONS, type AddonDeclaration } from '@platform/config';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
interface CustomManager {
  readonly managerFilePatterns: readonly string[];
  readonly matchStrings: readonly string[];
  readonly datasourceTemplate: string;
}
interface PackageRule {
  readonly matchDatasources?: readonly string[];
  readonly matchDepTypes?: readonly string[];
  readonly matchUpdateTypes?: readonly string[];
  readonly automerge?: boolean;
}
const config = JSON.parse(fs.readFileSync(path.join(root, 'renovate.json'), 'utf8')) as {
  customManagers: readonly CustomManager[];
  packageRules: readonly PackageRule[];
  schedule?: readonly string[];
  automerge?: boolean;
};

/** Renovate's `/regex/` file patterns and its regex flavour (JavaScript, global). */
function managerFiles(manager: CustomManager, dir: string): string[] {
  const patterns = manager.managerFilePatterns.map((p) => new RegExp(p.slice(1, -1)));
  return fs
    .readdirSync(path.join(root, dir))
    .map((f) => `${dir}/${f}`)
    .filter((f) => patterns.some((p) => p.test(f)));
}

function matches(manager: CustomManager, dir: string): { depName?: string; currentValue?: string; registryUrl?: string }[] {
  return managerFiles(manager, dir).flatMap((file) => {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    return manager.matchStrings.flatMap((s) => [...text.matchAll(new RegExp(s, 'g'))].map((m) => ({ ...m.groups })));
  });
}

describe('renovate.json', () => {
  it('finds every chart pin of the add-on declarations exactly once, with its repository and version', () => {
    const found = config.customManagers.filter((m) => ['helm', 'docker'].includes(m.datasourceTemplate)).flatMap((m) => matches(m, 'libs/config/src/addons'));
    const all = (ADDONS as readonly AddonDeclaration[]).flatMap((a) => (a.chart ? [{ depName: a.chart.chart, currentValue: a.chart.version, registryUrl: a.chart.repoURL }] : []));
    // add-ons sharing a chart (the Alloy releases) share one pin
    const declared = all.filter((d, i) => all.findIndex((x) => JSON.stringify(x) === JSON.stringify(d)) === i);
    const key = (d: { depName?: string }) => d.depName ?? '';
    expect([...found].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...declared].sort((a, b) => key(a).localeCompare(key(b))));
  });

  it('finds the AWS provider pin', () => {
    const provider = config.customManagers.find((m) => m.datasourceTemplate === 'terraform-provider') as CustomManager;
    expect(matches(provider, 'libs/aws/core/src')).toEqual([{ currentValue: expect.stringMatching(/^\d+\.\d+\.\d+$/) }]);
  });

  it('automerges only patch updates of devDependencies; chart, provider and runtime pins go to review, on a schedule', () => {
    expect(config.automerge ?? false).toBe(false);
    expect(config.packageRules.filter((r) => r.automerge === true)).toEqual([expect.objectContaining({ matchDepTypes: ['devDependencies'], matchUpdateTypes: ['patch'] })]);
    // chart bumps need their reference data first (docs/upgrades.md): never automerged
    expect(config.packageRules.find((r) => r.matchDatasources?.includes('helm'))?.automerge).toBe(false);
    expect(config.schedule?.length).toBeGreaterThan(0);
  });
});
