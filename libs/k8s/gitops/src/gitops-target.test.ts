import { fixtureEnvironment } from '@platform/config/testing';
import { Testing } from 'cdk8s';
import { gitOpsTarget } from './gitops-target';
import { PathApplication } from './path-application';

describe('gitOpsTarget', () => {
  it('takes the repository, revision and environment folder (`<basePath>/<name>`, or `<name>` without basePath) from the environment', () => {
    const env = fixtureEnvironment();
    expect(gitOpsTarget(env)).toEqual({ environment: 'test', repoUrl: env.gitops.repoUrl, targetRevision: 'main', environmentPath: 'clusters/test', operations: env.operations });
    expect(gitOpsTarget({ ...env, gitops: { ...env.gitops, basePath: '' } }).environmentPath).toBe('test');
  });

  it('is all an Application needs: folder, labels and the sync behaviour of operations.mode', () => {
    const env = fixtureEnvironment();
    const gitops = { ...gitOpsTarget(env), operations: { mode: 'supervised', freeze: false, syncWindows: [{ kind: 'allow', schedule: '0 8 * * 1-4', duration: '9h', manualSync: true }] } } as const;
    const chart = Testing.chart();
    const app = new PathApplication(chart, 'a', { gitops, name: 'a', project: 'p', path: 'kubernetes/addons/a', namespace: 'a', syncWave: 2 });
    expect(app.repositoryPath).toBe('clusters/test/kubernetes/addons/a');
    const [rendered] = Testing.synth(chart) as { metadata: { labels: Record<string, string> }; spec: { syncPolicy: { automated: unknown } } }[];
    expect(rendered?.metadata.labels['platform.io/environment']).toBe('test');
    expect(rendered?.spec.syncPolicy.automated).toEqual({ prune: false, selfHeal: true, allowEmpty: false });
    expect(() => new PathApplication(Testing.chart(), 'b', { gitops, name: 'b', project: 'p', path: '../b', namespace: 'b', syncWave: 0 })).toThrow('test: PathApplication b: path "../b" must be relative to the environment folder');
  });
});
