import { applicationSources } from './argocd-application-sources';

describe('applicationSources', () => {
  it('returns spec.source then every spec.sources entry of an Application', () => {
    const chart = { repoURL: 'https://charts.example', chart: 'a', targetRevision: '1.0.0' };
    const folder = { repoURL: 'https://git.example/repo.git', path: 'clusters/x', targetRevision: 'main' };
    expect(applicationSources({ kind: 'Application', spec: { source: chart } })).toEqual([chart]);
    expect(applicationSources({ kind: 'Application', spec: { sources: [chart, folder] } })).toEqual([chart, folder]);
    expect(applicationSources({ kind: 'Application', spec: { source: folder, sources: [chart] } })).toEqual([folder, chart]);
  });

  it('returns nothing for other kinds and Applications without sources', () => {
    expect(applicationSources({ kind: 'AppProject', spec: { source: { chart: 'a' } } })).toEqual([]);
    expect(applicationSources({ kind: 'Application' })).toEqual([]);
  });
});
