import { ADDONS, type AddonDeclaration, type AwsPermission, CLUSTER_POD_IDENTITIES } from '@platform/config';

/** Markers of the generated add-on inventory in docs/architecture.md. */
export const INVENTORY_START = '<!-- addons:start -->';
export const INVENTORY_END = '<!-- addons:end -->';

function permission(p: AwsPermission): string {
  return p.kind === 's3-bucket' ? `s3-bucket(${p.bucket})` : p.kind;
}

/**
 * The add-on inventory table, rendered from the add-on registry (ADR 0014): every add-on, its layer,
 * chart pin, whether an environment may switch it off, what it requires, and the IAM role
 * (`<cluster>-<id>`) + Pod Identity association it gets in every environment that enables it.
 */
export function inventoryMarkdownBlock(): string {
  const rows = (ADDONS as readonly AddonDeclaration[]).map((a) => {
    const chart = a.chart ? `\`${a.chart.chart}\` ${a.chart.version}` : 'manifests only';
    const toggle = a.optional ? `\`addons.enabled.${a.name}\`` : 'always';
    const identities = (a.podIdentities ?? []).map((e) => `\`<cluster>-${e.id}\` → ${e.namespace}/${e.serviceAccount} (${e.permissions.map(permission).join(', ')})`).join('<br>') || '-';
    return `| ${a.name} | ${a.layer} | ${chart} | ${toggle}${a.requires?.length ? ` (requires ${a.requires.join(', ')})` : ''} | ${identities} | ${a.description} |`;
  });
  const eks = CLUSTER_POD_IDENTITIES.map((e) => `| EKS add-on (cluster stack) | foundation | - | always | \`<cluster>-${e.id}\` → ${e.namespace}/${e.serviceAccount} (${e.permissions.map(permission).join(', ')}) | created by the EKS managed add-on |`);
  return [
    INVENTORY_START,
    '| add-on (Application) | layer | chart | runs | IAM role → Pod Identity association | what it does |',
    '|---|---|---|---|---|---|',
    ...rows,
    ...eks,
    INVENTORY_END,
  ].join('\n');
}

/**
 * Replaces the block between the markers.
 * @throws Error when the markers are missing or out of order
 */
export function replaceInventoryBlock(doc: string, block: string): string {
  const start = doc.indexOf(INVENTORY_START);
  const end = doc.indexOf(INVENTORY_END);
  if (start < 0 || end < start) throw new Error(`docs/architecture.md: markers ${INVENTORY_START} ... ${INVENTORY_END} not found`);
  return doc.slice(0, start) + block + doc.slice(end + INVENTORY_END.length);
}
