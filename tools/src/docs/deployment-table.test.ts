import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixtureEnvironment } from '@platform/config/testing';
import { loadAllEnvironments } from '@platform/synth';
import { DEPLOYMENT_END, DEPLOYMENT_START, deploymentTableBlock, OPERATIONS_DOC, replaceDeploymentBlock } from './deployment-table';

const WORKSPACE = path.resolve(__dirname, '../../..');

describe('deployed today vs prepared (docs/operations.md)', () => {
  it('is the table generated from the add-on registry and every environment (run `npx nx run cluster-addons:docs-waves`)', () => {
    const doc = fs.readFileSync(OPERATIONS_DOC, 'utf8');
    const expected = deploymentTableBlock(loadAllEnvironments(path.join(WORKSPACE, 'environments')));
    expect(doc.slice(doc.indexOf(DEPLOYMENT_START), doc.indexOf(DEPLOYMENT_END) + DEPLOYMENT_END.length)).toBe(expected);
  });

  it('names each add-on with its namespaces, IAM roles and buckets, and marks the ones no environment enables as prepared', () => {
    const on = fixtureEnvironment({ name: 'alpha', addons: { enabled: { 'cert-manager': true, openbao: true } } });
    const off = fixtureEnvironment({ name: 'beta', dns: { domain: 'beta.acme.example' } });
    const lines = deploymentTableBlock([off, on]).split('\n');
    expect(lines[1]).toBe('| add-on (Application) | namespaces | IAM role → Pod Identity association | buckets (prefix) | alpha | beta | today |');
    expect(lines.find((l) => l.startsWith('| openbao |'))).toBe(
      '| openbao | `openbao` | `<cluster>-openbao` → openbao/openbao<br>`<cluster>-openbao-snapshot` → openbao/openbao-snapshot | backups (`openbao-snapshot/`) | yes | - | deployed in alpha |',
    );
    expect(lines.find((l) => l.startsWith('| karpenter |'))).toMatch(/\| `karpenter` \| `<cluster>-karpenter` → karpenter\/karpenter \| - \| yes \| yes \| deployed everywhere \|$/);
    expect(lines.find((l) => l.startsWith('| tempo-distributed |'))).toMatch(/\| - \| - \| \*\*prepared\*\*: enabled in no environment \|$/);
  });

  it('replaces only the block between the markers', () => {
    expect(replaceDeploymentBlock(`a\n${DEPLOYMENT_START}\nold\n${DEPLOYMENT_END}\nb\n`, 'NEW')).toBe('a\nNEW\nb\n');
    expect(() => replaceDeploymentBlock('none', 'x')).toThrow('markers');
  });
});
