import { fixtureEnvironment } from '@platform/config/testing';
import { Testing } from 'cdk8s';
import { gitOpsTarget } from './gitops-target';
import { RootApplication } from './root-application';

const env = fixtureEnvironment();

describe('RootApplication', () => {
  it('syncs its own file and the bootstrap sibling files as one directory source (brace include)', () => {
    const chart = Testing.chart();
    new RootApplication(chart, 'root', { gitops: gitOpsTarget(env), project: 'p', selfPath: 'kubernetes/bootstrap/root-application.yaml', siblingFiles: ['priority-classes.yaml'] });
    const [app] = Testing.synth(chart) as { spec: { sources: { path: string; directory: unknown }[] } }[];
    expect(app?.spec.sources[1]).toMatchObject({ path: 'clusters/test/kubernetes/bootstrap', directory: { recurse: false, include: '{root-application.yaml,priority-classes.yaml}' } });
  });

  it('includes only its own file without siblings', () => {
    const chart = Testing.chart();
    new RootApplication(chart, 'root', { gitops: gitOpsTarget(env), project: 'p', selfPath: 'kubernetes/bootstrap/root-application.yaml' });
    const [app] = Testing.synth(chart) as { spec: { sources: { directory: unknown }[] } }[];
    expect(app?.spec.sources[1]?.directory).toEqual({ recurse: false, include: 'root-application.yaml' });
  });

  it('rejects sibling files that are paths, not YAML, duplicated or the root file itself', () => {
    for (const bad of [['../x.yaml'], ['sub/x.yaml'], ['x.json'], ['root-application.yaml'], ['a.yaml', 'a.yaml']]) {
      expect(() => new RootApplication(Testing.chart(), 'root', { gitops: gitOpsTarget(env), project: 'p', selfPath: 'kubernetes/bootstrap/root-application.yaml', siblingFiles: bad })).toThrow(
        /^test: RootApplication: siblingFiles entry ".+" must be a unique \.yaml file name in kubernetes\/bootstrap other than root-application\.yaml$/,
      );
    }
  });
});
