import * as fs from 'node:fs';
import { GITOPS_DOC, replaceWavesBlock, WAVES_END, WAVES_START, wavesMermaidBlock } from './waves-doc';

describe('sync-wave diagram in docs/architecture.md', () => {
  it('is the one generated from the add-on graph (run `npx nx run cluster-addons:docs-waves`)', () => {
    const doc = fs.readFileSync(GITOPS_DOC, 'utf8');
    const block = doc.slice(doc.indexOf(WAVES_START), doc.indexOf(WAVES_END) + WAVES_END.length);
    expect(block).toBe(wavesMermaidBlock());
  });

  it('shows the CRD chart before its controller, the build Pipeline after Tekton, the ALB controller and external-dns, and argocd after the ALB controller', () => {
    const block = wavesMermaidBlock();
    expect(block).toContain('subgraph wave0["wave 0"]');
    expect(block).toContain('karpenter_crd --> karpenter\n');
    const wave2 = /subgraph wave2\["wave 2"\]\n((?: {4}.*\n)*) {2}end\n/.exec(block)?.[1] ?? '';
    for (const member of ['    argocd["argocd"]\n', '    tekton_builds["tekton-builds"]\n']) expect(wave2).toContain(member);
    expect(block).toContain('aws_load_balancer_controller --> argocd\n');
    for (const dependency of ['tekton_operator', 'aws_load_balancer_controller', 'external_dns']) expect(block).toContain(`${dependency} --> tekton_builds\n`);
    // one Application per add-on: no separate `-config` Applications
    expect(block).not.toContain('_config');
  });

  it('replaces only the block between the markers', () => {
    expect(replaceWavesBlock(`a\n${WAVES_START}\nold\n${WAVES_END}\nb\n`, 'NEW')).toBe('a\nNEW\nb\n');
    expect(() => replaceWavesBlock('no markers', 'x')).toThrow('markers');
  });
});
