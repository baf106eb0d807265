import { fixtureEnvironment } from '@platform/config/testing';
import { Testing } from 'cdk8s';
import { Addon } from './addon';
import { computeSyncWaves } from './sync-waves';
import { testDeclaration } from './testing';

describe('Addon dependencies', () => {
  const env = fixtureEnvironment();
  const make = (app: ReturnType<typeof Testing.app>, name: string, dependsOn: Addon[] = []) => new Addon(app, name, { env, declaration: testDeclaration(name), namespace: { name }, dependsOn });
  const waves = (addons: readonly Addon[]) => computeSyncWaves(addons.map((a) => ({ name: a.addonName, dependsOn: a.dependsOn.map((d) => d.addonName) })));

  it('adds a dependency after construction (an add-on composed later), once, after the constructor ones, and the waves follow it', () => {
    const app = Testing.app();
    const baseline = make(app, 'baseline');
    const queue = make(app, 'queue', [baseline]);
    const mesh = make(app, 'mesh', [baseline]);
    const proxy = make(app, 'proxy', [mesh]);
    expect(waves([baseline, queue, mesh, proxy]).get('queue')).toBe(1);
    queue.addDependency(proxy);
    queue.addDependency(proxy, baseline);
    expect(queue.dependsOn).toEqual([baseline, proxy]);
    expect(waves([baseline, queue, mesh, proxy]).get('queue')).toBe(3);
  });

  it('rejects a dependency on itself, naming the add-on; the returned list cannot change the add-on', () => {
    const app = Testing.app();
    const a = make(app, 'a');
    expect(() => a.addDependency(a)).toThrow('test: Addon a: addDependency: an add-on cannot depend on itself');
    (a.dependsOn as Addon[]).push(make(app, 'b'));
    expect(a.dependsOn).toEqual([]);
  });
});
