import * as fs from 'node:fs';
import { INVENTORY_END, INVENTORY_START, inventoryMarkdownBlock, replaceInventoryBlock } from './inventory-doc';
import { GITOPS_DOC } from './waves-doc';

describe('add-on inventory in docs/architecture.md', () => {
  it('is the one generated from the add-on registry (run `npx nx run cluster-addons:docs-waves`)', () => {
    const doc = fs.readFileSync(GITOPS_DOC, 'utf8');
    expect(doc.slice(doc.indexOf(INVENTORY_START), doc.indexOf(INVENTORY_END) + INVENTORY_END.length)).toBe(inventoryMarkdownBlock());
  });

  it('lists each add-on with its chart pin, toggle and identities', () => {
    const block = inventoryMarkdownBlock();
    expect(block).toContain('| karpenter | container-platform | `karpenter` 1.14.1 | always | `<cluster>-karpenter` → karpenter/karpenter (karpenter-controller) |');
    expect(block).toContain('| tekton-builds | gitops | manifests only | `addons.enabled.tekton-builds` (requires tekton-operator) |');
    expect(block).toContain('`<cluster>-ebs-csi` → kube-system/ebs-csi-controller-sa (ebs-csi-driver)');
  });

  it('replaces only the block between the markers', () => {
    expect(replaceInventoryBlock(`a\n${INVENTORY_START}\nold\n${INVENTORY_END}\nb\n`, 'NEW')).toBe('a\nNEW\nb\n');
    expect(() => replaceInventoryBlock('none', 'x')).toThrow('markers');
  });
});
