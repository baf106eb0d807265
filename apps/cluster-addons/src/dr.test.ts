import { fixtureEnvironment } from '@platform/config/testing';
import { parse, parseAllDocuments } from 'yaml';
import { RESTORE_DRILL_CHECKLIST_FILE, RESTORE_DRILL_FILE } from './addons-app';
import { synthClusterAddons } from './synth-cluster-addons';

describe('backup and DR composition', () => {
  const { files } = synthClusterAddons(fixtureEnvironment());
  const byPath = new Map(files.map((f) => [f.path, f.content]));

  it('renders the Velero Application, its Schedules, the VolumeSnapshotClass and the objectives', () => {
    expect(byPath.has('kubernetes/apps/velero.yaml')).toBe(true);
    const kinds = ['schedules', 'volume-snapshot-class', 'dr-objectives'].map((f) => parse(byPath.get(`kubernetes/addons/velero/${f}.yaml`) ?? '') as { kind: string });
    expect(kinds.map((k) => k.kind)).toEqual(['Schedule', 'VolumeSnapshotClass', 'ConfigMap']);
  });

  it('writes the drill to drills/, outside every path an Application syncs', () => {
    const drill = parseAllDocuments(byPath.get(RESTORE_DRILL_FILE) ?? '').map((d) => d.toJS() as { kind: string });
    expect(drill.map((o) => o.kind)).toEqual(['Namespace', 'NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy', 'Restore']);
    expect(byPath.get(RESTORE_DRILL_CHECKLIST_FILE)).toMatch(/^# Restore drill `drill-cluster` \(test\)/);
    const appPaths = files
      .filter((f) => f.path.startsWith('kubernetes/'))
      .flatMap((f) => parseAllDocuments(f.content).map((d) => d.toJS() as { kind?: string; spec?: { source?: { path?: string }; sources?: { path?: string }[] } }))
      .filter((o) => o.kind === 'Application')
      .flatMap((a) => [a.spec?.source?.path, ...(a.spec?.sources ?? []).map((s) => s.path)])
      .filter((p): p is string => typeof p === 'string');
    expect(appPaths.length).toBeGreaterThan(0);
    expect(appPaths.filter((p) => p.includes('drills'))).toEqual([]);
  });
});
