import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildClusterAddons } from '@platform/cluster-addons';
import { ADDONS, type AddonDeclaration, type AddonName, type EnvironmentConfig, isAddonEnabled, podIdentityObjectPrefixes } from '@platform/config';
import { loadAllEnvironments } from '@platform/synth';
import { App } from 'cdk8s';

/** Markers of the generated table in docs/operations.md. */
export const DEPLOYMENT_START = '<!-- deployment:start -->';
export const DEPLOYMENT_END = '<!-- deployment:end -->';

/** Workspace root, from `tools/src/docs` and from `dist/out-tsc/tools/src/docs`. */
const WORKSPACE_ROOT = (() => {
  const up3 = path.resolve(__dirname, '../../..');
  return path.basename(path.dirname(up3)) === 'dist' ? path.resolve(up3, '../..') : up3;
})();

/** The document holding the table. */
export const OPERATIONS_DOC = path.join(WORKSPACE_ROOT, 'docs', 'operations.md');

/**
 * The "deployed today vs prepared" table: every add-on of the registry (its Application has the same name), the
 * namespaces it runs in, its IAM roles (`<cluster>-<id>`, one Pod Identity association each) and the purpose
 * buckets they may use, and which environment composes it. An add-on no environment enables is code that is
 * prepared but deployed nowhere. Namespaces come from the add-ons as composed for each environment (from the
 * declared pod identities for an add-on composed nowhere).
 */
export function deploymentTableBlock(envs: readonly EnvironmentConfig[]): string {
  const sorted = [...envs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const namespaces = new Map<string, Set<string>>();
  for (const env of sorted) {
    for (const addon of buildClusterAddons(new App(), env).addons) {
      const set = namespaces.get(addon.addonName) ?? new Set<string>();
      for (const ns of addon.namespaces) set.add(ns.name);
      namespaces.set(addon.addonName, set);
    }
  }
  const rows = (ADDONS as readonly AddonDeclaration[]).map((a) => {
    const identities = a.podIdentities ?? [];
    const ns = [...(namespaces.get(a.name) ?? new Set(identities.map((e) => e.namespace)))].sort();
    const roles = identities.map((e) => `\`<cluster>-${e.id}\` → ${e.namespace}/${e.serviceAccount}`).join('<br>') || '-';
    const buckets = [...new Set(identities.flatMap((e) => e.permissions.flatMap((p) => (p.kind === 's3-bucket' ? [`${p.bucket} (${podIdentityObjectPrefixes(e, p).map((x) => `\`${x}\``).join(', ')})`] : []))))].join('<br>') || '-';
    const enabled = sorted.map((env) => isAddonEnabled(env, a.name as AddonName));
    const status = enabled.every((e) => !e) ? '**prepared**: enabled in no environment' : enabled.every(Boolean) ? 'deployed everywhere' : `deployed in ${sorted.filter((_, i) => enabled[i]).map((e) => e.name).join(', ')}`;
    return `| ${a.name} | ${ns.map((n) => `\`${n}\``).join(', ') || '-'} | ${roles} | ${buckets} | ${enabled.map((e) => (e ? 'yes' : '-')).join(' | ')} | ${status} |`;
  });
  return [
    DEPLOYMENT_START,
    `| add-on (Application) | namespaces | IAM role → Pod Identity association | buckets (prefix) | ${sorted.map((e) => e.name).join(' | ')} | today |`,
    `|---|---|---|---|${sorted.map(() => '---|').join('')}---|`,
    ...rows,
    DEPLOYMENT_END,
  ].join('\n');
}

/**
 * Replaces the block between the markers.
 * @throws Error when the markers are missing or out of order
 */
export function replaceDeploymentBlock(doc: string, block: string): string {
  const start = doc.indexOf(DEPLOYMENT_START);
  const end = doc.indexOf(DEPLOYMENT_END);
  if (start < 0 || end < start) throw new Error(`docs/operations.md: markers ${DEPLOYMENT_START} ... ${DEPLOYMENT_END} not found`);
  return doc.slice(0, start) + block + doc.slice(end + DEPLOYMENT_END.length);
}

/** `node deployment-table.js [--check]`: rewrites the table from the environments, or with --check exits 1 when it is stale. */
export function main(argv: readonly string[]): number {
  const doc = fs.readFileSync(OPERATIONS_DOC, 'utf8');
  const updated = replaceDeploymentBlock(doc, deploymentTableBlock(loadAllEnvironments()));
  if (argv.includes('--check')) {
    if (updated === doc) return 0;
    process.stderr.write('docs/operations.md: the deployed-today-vs-prepared table is stale; run `npx nx run cluster-addons:docs-waves`\n');
    return 1;
  }
  if (updated !== doc) fs.writeFileSync(OPERATIONS_DOC, updated);
  process.stdout.write(`docs/operations.md: deployment table ${updated === doc ? 'up to date' : 'updated'}\n`);
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
