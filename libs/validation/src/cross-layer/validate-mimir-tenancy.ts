import { applicationSourceEntries } from '../argocd-application-sources';
import type { K8sDocument } from '../dist-tree';
import { describeObject } from '../dist-tree';
import { type Finding, joinPath } from '../finding';
import { isApplication } from '../helm/validate-helm-values';

/** Rule ids of the Mimir tenancy contract. */
export const MIMIR_TENANCY_RULES = {
  /** A client reaches a multi-tenant Mimir without a tenant. */
  clientWithoutTenant: 'XL-OBS-004',
} as const;

/** The chart whose Application runs Mimir. */
export const MIMIR_CHART = 'mimir-distributed';

/** The header carrying the tenant id. @see https://grafana.com/docs/mimir/latest/manage/secure/authentication-and-authorization/ */
export const TENANT_HEADER = 'X-Scope-OrgID';

interface MimirDeployment {
  /** Destination namespace of the Application: clients address `<service>.<namespace>.svc`. */
  readonly namespace: string;
  /** `mimir.structuredConfig.multitenancy_enabled`, true unless set to false (Mimir's default). */
  readonly multitenant: boolean;
}

function record(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function mimirDeployments(docs: readonly K8sDocument[]): MimirDeployment[] {
  const out: MimirDeployment[] = [];
  for (const doc of docs) {
    if (!isApplication(doc.object)) continue;
    const namespace = record(record(doc.object['spec'])?.['destination'])?.['namespace'];
    for (const { source } of applicationSourceEntries(doc.object)) {
      if (source['chart'] !== MIMIR_CHART || typeof namespace !== 'string') continue;
      const config = record(record(record(record(source['helm'])?.['valuesObject'])?.['mimir'])?.['structuredConfig']);
      out.push({ namespace, multitenant: config?.['multitenancy_enabled'] !== false });
    }
  }
  return out;
}

const isTenantHeader = (name: unknown): boolean => typeof name === 'string' && name.toLowerCase() === TENANT_HEADER.toLowerCase();

/**
 * Whether the object holding a Mimir URL sends a tenant: `headers` as a map (Prometheus remote write, Tempo) or a
 * list of `{ key, value }` (Argo Rollouts Prometheus provider), Grafana's `jsonData.httpHeaderName<N>`, or an
 * ancestor with `remote_write_add_org_id_header: true` (Tempo's metrics-generator sends its own tenant).
 */
function sendsTenant(holder: Record<string, unknown>, ancestors: readonly Record<string, unknown>[]): boolean {
  const headers = holder['headers'];
  if (Array.isArray(headers) && headers.some((h) => isTenantHeader(record(h)?.['key']) || isTenantHeader(record(h)?.['name']))) return true;
  if (record(headers) && Object.keys(headers as object).some(isTenantHeader)) return true;
  const jsonData = record(holder['jsonData']);
  if (jsonData && Object.entries(jsonData).some(([k, v]) => /^httpHeaderName\d+$/.test(k) && isTenantHeader(v))) return true;
  return [holder, ...ancestors].some((a) => a['remote_write_add_org_id_header'] === true);
}

/** Top-level blocks of an Alloy configuration: header (`prometheus.remote_write "mimir"`) and text; strings and comments skipped. */
export function alloyTopLevelBlocks(config: string): { readonly header: string; readonly text: string }[] {
  const blocks: { header: string; text: string }[] = [];
  let depth = 0;
  let start = 0;
  let headerStart = 0;
  for (let i = 0; i < config.length; i++) {
    const c = config[i];
    if (c === '"' || c === '`') {
      const close = c;
      for (i++; i < config.length && config[i] !== close; i++) if (close === '"' && config[i] === '\\') i++;
    } else if (c === '/' && config[i + 1] === '/') {
      while (i < config.length && config[i] !== '\n') i++;
    } else if (c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth === 0) {
        blocks.push({ header: config.slice(headerStart, start).trim().split('\n').pop()?.trim() ?? '', text: config.slice(start, i + 1) });
        headerStart = i + 1;
      }
    }
  }
  return blocks;
}

/** Whether an Alloy block reaching Mimir names a tenant: `tenant_id` for `mimir.*` components, else a header. */
function alloyBlockSendsTenant(block: { readonly header: string; readonly text: string }): boolean {
  if (block.header.startsWith('mimir.')) return /\btenant_id\s*=/.test(block.text);
  return new RegExp(`"${TENANT_HEADER}"\\s*=`, 'i').test(block.text);
}

/**
 * XL-OBS-004: while Mimir runs multi-tenant (its Application's `mimir.structuredConfig.multitenancy_enabled` is not
 * `false`, Mimir's default), every client addressing one of its Services (`<service>.<namespace>.svc`) anywhere in
 * the tree must send a tenant: Mimir answers `401 no org id` to a request without `X-Scope-OrgID` (only the chart's
 * nginx gateway would inject one). Clients are found by their URL: an Alloy configuration's top-level block
 * (`prometheus.remote_write` needs an `X-Scope-OrgID` header, `mimir.rules.kubernetes` a `tenant_id`), or the
 * object holding the URL (remote write `headers`, an Argo Rollouts Prometheus provider's `headers`, a Grafana
 * datasource's `jsonData.httpHeaderName<N>`, Tempo's `remote_write_add_org_id_header`). With multitenancy off, every
 * request is Mimir's one `no_auth_tenant` and no client needs a header.
 */
export function validateMimirTenancy(docs: readonly K8sDocument[]): Finding[] {
  const multitenant = mimirDeployments(docs).filter((m) => m.multitenant);
  if (multitenant.length === 0) return [];
  const hosts = multitenant.map((m) => ({ namespace: m.namespace, pattern: new RegExp(`[a-z0-9-]+\\.${m.namespace.replace(/[-.]/g, '\\$&')}\\.svc\\b`) }));
  const out: Finding[] = [];
  for (const doc of docs) {
    const finding = (path: string, client: string, host: string): Finding => ({
      file: doc.file,
      object: describeObject(doc.object),
      path,
      rule: MIMIR_TENANCY_RULES.clientWithoutTenant,
      message: `${client} reaches Mimir (${host}) without a tenant while ${MIMIR_CHART} runs multi-tenant (mimir.structuredConfig.multitenancy_enabled is not false): Mimir answers 401 no org id; set multitenancy_enabled: false (one tenant, no_auth_tenant) or send ${TENANT_HEADER} from this client`,
    });
    const walk = (value: unknown, path: string, ancestors: readonly Record<string, unknown>[]): void => {
      if (typeof value === 'string') {
        const host = hosts.map((h) => h.pattern.exec(value)?.[0]).find((h) => h !== undefined);
        if (!host) return;
        if (value.includes('\n')) {
          // a configuration text: Alloy's, judged per component; a text whose blocks do not hold the URL is not understood
          const clients = alloyTopLevelBlocks(value).filter((b) => hosts.some((h) => h.pattern.test(b.text)));
          if (clients.length === 0) out.push(finding(path, 'a configuration text this rule cannot read', host));
          for (const block of clients.filter((b) => !alloyBlockSendsTenant(b))) out.push(finding(path, `Alloy block ${block.header}`, host));
        } else if (!sendsTenant(ancestors[0] ?? {}, ancestors.slice(1))) {
          out.push(finding(path, 'the client holding this URL', host));
        }
      } else if (Array.isArray(value)) {
        value.forEach((v, i) => walk(v, joinPath(path, i), ancestors));
      } else if (value && typeof value === 'object') {
        const obj = value as Record<string, unknown>;
        for (const [k, v] of Object.entries(obj)) walk(v, joinPath(path, k), [obj, ...ancestors]);
      }
    };
    walk(doc.object, '', []);
  }
  return out;
}
