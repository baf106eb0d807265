import * as fs from 'node:fs';
import * as path from 'node:path';
import { type EnvironmentConfig } from '@platform/config';
import { fixtureEnvironment } from '@platform/config/testing';
import { renderWavesMermaid } from '@platform/k8s-core';
import { App } from 'cdk8s';
import { buildClusterAddons } from './addons-app';
import { inventoryMarkdownBlock, replaceInventoryBlock } from './inventory-doc';

/** Markers of the generated block in docs/architecture.md. */
export const WAVES_START = '<!-- waves:start -->';
export const WAVES_END = '<!-- waves:end -->';

/** Workspace root, from `apps/cluster-addons/src` and from `dist/out-tsc/apps/cluster-addons/src`. */
const WORKSPACE_ROOT = (() => {
  const up3 = path.resolve(__dirname, '../../..');
  return path.basename(path.dirname(up3)) === 'dist' ? path.resolve(up3, '../..') : up3;
})();

/** The document holding the generated wave diagram. */
export const GITOPS_DOC = path.join(WORKSPACE_ROOT, 'docs', 'architecture.md');

/**
 * The Mermaid block of the sync waves, rendered from the same add-on graph synth uses. The graph
 * does not depend on environment values, so the fixture environment stands for all of them.
 */
export function wavesMermaidBlock(env: EnvironmentConfig = fixtureEnvironment()): string {
  const { syncNodes } = buildClusterAddons(new App(), env);
  return `${WAVES_START}\n\`\`\`mermaid\n${renderWavesMermaid(syncNodes)}\`\`\`\n${WAVES_END}`;
}

/**
 * Replaces the block between the markers.
 * @throws Error when the markers are missing or out of order
 */
export function replaceWavesBlock(doc: string, block: string): string {
  const start = doc.indexOf(WAVES_START);
  const end = doc.indexOf(WAVES_END);
  if (start < 0 || end < start) throw new Error(`${GITOPS_DOC}: markers ${WAVES_START} ... ${WAVES_END} not found`);
  return doc.slice(0, start) + block + doc.slice(end + WAVES_END.length);
}

/** `node waves-doc.js [--check]`: rewrites the doc's generated blocks (waves, add-on inventory), or with --check exits 1 when it is stale. */
export function main(argv: readonly string[]): number {
  const doc = fs.readFileSync(GITOPS_DOC, 'utf8');
  const updated = replaceInventoryBlock(replaceWavesBlock(doc, wavesMermaidBlock()), inventoryMarkdownBlock());
  if (argv.includes('--check')) {
    if (updated === doc) return 0;
    process.stderr.write(`docs/architecture.md: the sync-wave diagram or the add-on inventory is stale; run \`npx nx run cluster-addons:docs-waves\`\n`);
    return 1;
  }
  if (updated !== doc) fs.writeFileSync(GITOPS_DOC, updated);
  process.stdout.write(`docs/architecture.md: generated blocks ${updated === doc ? 'up to date' : 'updated'}\n`);
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
