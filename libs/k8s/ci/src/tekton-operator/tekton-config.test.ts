import { Testing } from 'cdk8s';
import { DEFAULT_PRUNER, PlatformTektonConfig, TEKTON_PIPELINES_NAMESPACE } from './tekton-config';

describe('PlatformTektonConfig', () => {
  it('installs Pipelines into tekton-pipelines with param enums and prunes runs per resource (kebab-case keys, as the CRD spells them)', () => {
    const chart = Testing.chart();
    new PlatformTektonConfig(chart, 'config', {});
    const [config] = Testing.synth(chart) as [{ metadata: { annotations: Record<string, string> }; spec: Record<string, unknown> }];
    expect(config.spec).toEqual({
      profile: 'basic',
      targetNamespace: TEKTON_PIPELINES_NAMESPACE,
      pipeline: { 'enable-param-enum': true },
      pruner: { disabled: false, keep: DEFAULT_PRUNER.keep, schedule: DEFAULT_PRUNER.schedule, resources: ['pipelinerun', 'taskrun'], 'prune-per-resource': true },
    });
    expect(config.metadata.annotations['argocd.argoproj.io/sync-options']).toContain('Delete=false');
  });

  it.each([0, -1, 2.5])('rejects pruner.keep %p, naming the field', (keep) => {
    expect(() => new PlatformTektonConfig(Testing.chart(), 'config', { pruner: { keep, schedule: '0 * * * *' } })).toThrow(`PlatformTektonConfig: pruner.keep ${keep} must be a positive integer`);
  });
});
