import { Testing } from 'cdk8s';
import { OutputChart } from './output-chart';

describe('OutputChart', () => {
  it('accepts a .yaml file below kubernetes/', () => {
    expect(new OutputChart(Testing.app(), 'ok', { outputPath: 'kubernetes/apps/argocd.yaml' }).outputPath).toBe('kubernetes/apps/argocd.yaml');
  });

  it('accepts a .yaml file below drills/ (applied by hand, never synced)', () => {
    expect(new OutputChart(Testing.app(), 'drill', { outputPath: 'drills/restore-drill.yaml' }).outputPath).toBe('drills/restore-drill.yaml');
  });

  it.each(['apps/argocd.yaml', 'drillsx/a.yaml', 'kubernetes/apps/argocd.json', 'kubernetes/../terraform/x.yaml', 'kubernetes/Apps/x.yaml', '/kubernetes/x.yaml'])('refuses outputPath %s, naming the chart and the rule', (outputPath) => {
    expect(() => new OutputChart(Testing.app(), 'bad', { outputPath })).toThrow(
      `OutputChart bad: outputPath "${outputPath}" must be a .yaml file below kubernetes/ or drills/ in dist/<env>/ (lower-case letters, digits, ".", "/", "-"; no "..")`,
    );
  });
});
