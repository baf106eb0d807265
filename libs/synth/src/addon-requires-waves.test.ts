import { type AddonDeclaration, ADDONS, isAddonEnabled } from '@platform/config';
import { buildClusterAddons } from '@platform/cluster-addons';
import { App } from 'cdk8s';
import { loadAllEnvironments } from './environment-loader';

/**
 * `requires` in an add-on declaration means more than "enable it too": the required add-on runs first. For every
 * composed add-on and every `requires` entry the environment enables, the required add-on's sync wave is lower,
 * in every sample environment (e.g. traces-kafka after ztunnel: its plaintext listener is guarded by the mesh).
 */
describe('sync waves honour the declarations\' requires', () => {
  const environments = loadAllEnvironments();

  it.each(environments.map((e) => [e.name, e]))('%s: every enabled required add-on syncs in an earlier wave than the add-on requiring it', (_name, env) => {
    const { addons, waves } = buildClusterAddons(new App(), env);
    const declarations = ADDONS as readonly AddonDeclaration[];
    const violations: string[] = [];
    let checked = 0;
    for (const addon of addons) {
      const declaration = declarations.find((d) => d.name === addon.addonName);
      for (const required of declaration?.requires ?? []) {
        if (!isAddonEnabled(env, required as Parameters<typeof isAddonEnabled>[1])) continue;
        const [own, theirs] = [waves.get(addon.addonName), waves.get(required)];
        checked++;
        if (own === undefined || theirs === undefined || theirs >= own) violations.push(`${addon.addonName} (wave ${own}) requires ${required} (wave ${theirs})`);
      }
    }
    expect(violations).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  });

  it('prod: traces-kafka syncs after ztunnel, and Tempo after traces-kafka', () => {
    const prod = environments.find((e) => e.name === 'prod');
    expect(prod).toBeDefined();
    const { waves } = buildClusterAddons(new App(), prod as NonNullable<typeof prod>);
    const wave = (n: string): number => waves.get(n) ?? Number.NaN;
    expect(wave('traces-kafka')).toBeGreaterThan(wave('ztunnel'));
    expect(wave('tempo-distributed')).toBeGreaterThan(wave('traces-kafka'));
  });
});
