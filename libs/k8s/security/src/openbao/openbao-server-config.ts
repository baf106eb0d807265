import { OPENBAO_API_PORT, OPENBAO_CLUSTER_PORT, OPENBAO_KUBERNETES_AUTH_MOUNT, OPENBAO_KV_MOUNT, OPENBAO_NAMESPACE, OPENBAO_TOKEN_AUDIENCE } from './openbao-endpoint';
import { pathRule } from './openbao-policies';
import { RECONCILER_POLICY_HCL, RECONCILER_ROLE, RECONCILER_SERVICE_ACCOUNT } from './openbao-reconciler-script';

/** Where the server certificate Secret (`tls.crt`, `tls.key`, `ca.crt`) is mounted in the server pods. */
export const OPENBAO_TLS_DIR = '/openbao/tls';
/** Raft data directory (the chart's `server.dataStorage.mountPath`). */
export const OPENBAO_DATA_DIR = '/openbao/data';
/** Headless Service of the Raft peers (chart: `<fullname>-internal`). */
export const OPENBAO_PEER_SERVICE = 'openbao-internal';
/** Role and ServiceAccount of the seeding runbook: writes `kv/<env>/*`, cannot read it. */
export const SECRET_SEEDER_ROLE = 'secret-seeder';
/** Role and ServiceAccount of the Raft snapshot CronJob. */
export const SNAPSHOT_ROLE = 'openbao-snapshot';
/** Role and ServiceAccount of the recovery-key ceremony: may only start the recovery-key rotation. */
export const RECOVERY_CEREMONY_ROLE = 'recovery-ceremony';
/** Lifetime of the bootstrap identities' tokens (reconciler, seeder, snapshot, ceremony). */
export const BOOTSTRAP_TOKEN_TTL = '10m';
/** The metrics endpoint of every server (`?format=prometheus`), served without a token on the API listener (ADR 0018). */
export const OPENBAO_METRICS_PATH = '/v1/sys/metrics';
/**
 * How long the Prometheus sink keeps a metric nobody updates. Short on purpose: a sealed server stops refreshing
 * its gauges (`vault_core_unsealed`, `vault_core_active`), so the last "unsealed"/"active" value disappears after
 * this time instead of lingering; counters that idle longer restart from zero, which `rate()` absorbs.
 * @see https://openbao.org/docs/configuration/telemetry#prometheus
 */
export const OPENBAO_METRICS_RETENTION = '2m';

export interface OpenBaoServerConfigProps {
  readonly environment: string;
  readonly replicas: number;
  readonly region: string;
  /** KMS key reference of the `awskms` seal: the alias (or alias ARN) of the storage stack's unseal key. */
  readonly unsealKeyId: string;
}

type Request = { readonly operation: 'update'; readonly path: string; readonly data: Record<string, unknown> };
const request = (path: string, data: Record<string, unknown>): Request => ({ operation: 'update', path, data });
const policy = (name: string, hcl: string): Request => request(`sys/policies/acl/${name}`, { policy: hcl });
const role = (name: string, serviceAccount: string, policies: readonly string[]): Request =>
  request(`auth/${OPENBAO_KUBERNETES_AUTH_MOUNT}/role/${name}`, {
    bound_service_account_names: [serviceAccount],
    bound_service_account_namespaces: [OPENBAO_NAMESPACE],
    audience: OPENBAO_TOKEN_AUDIENCE,
    token_policies: [...policies],
    token_ttl: BOOTSTRAP_TOKEN_TTL,
    token_max_ttl: BOOTSTRAP_TOKEN_TTL,
  });

/**
 * The `initialize` stanza (OpenBao 2.4+; runs once, on the first start of an empty cluster, with a root
 * token that is revoked afterwards): the stdout file audit device first (so every later request is
 * audited), Kubernetes auth against the in-cluster API, the KV v2 mount `kv`, and three bootstrap
 * identities, each a policy plus a role bound to one ServiceAccount of `openbao`:
 * `platform-reconciler` (manages only `managed-*` policies and roles), `secret-seeder` (writes, never
 * reads, `kv/<env>/*`), `openbao-snapshot` (reads Raft snapshots) and `recovery-ceremony` (starts the
 * first recovery-key generation).
 * @see https://openbao.org/docs/configuration/self-init
 */
export function initializeStanza(environment: string): Record<string, unknown>[] {
  const named = (name: string, requests: readonly (readonly [string, Request])[]) => ({ [name]: { request: requests.map(([n, r]) => ({ [n]: r })) } });
  return [
    named('audit', [['enable-stdout-audit', request('sys/audit/stdout', { type: 'file', description: 'audit log on stdout, collected with the pod logs', options: { file_path: 'stdout' } })]]),
    named('auth', [
      ['enable-kubernetes', request(`sys/auth/${OPENBAO_KUBERNETES_AUTH_MOUNT}`, { type: 'kubernetes', description: 'ServiceAccount tokens (audience openbao) of the cluster' })],
      // in-cluster: OpenBao reviews tokens with its own ServiceAccount (system:auth-delegator) and the pod's CA
      ['configure-kubernetes', request(`auth/${OPENBAO_KUBERNETES_AUTH_MOUNT}/config`, { kubernetes_host: 'https://kubernetes.default.svc' })],
    ]),
    named('secrets', [['enable-kv', request(`sys/mounts/${OPENBAO_KV_MOUNT}`, { type: 'kv', description: 'platform secrets: <env>/<consumer>/<name>', options: { version: '2' } })]]),
    named('identities', [
      ['reconciler-policy', policy(RECONCILER_ROLE, RECONCILER_POLICY_HCL)],
      ['reconciler-role', role(RECONCILER_ROLE, RECONCILER_SERVICE_ACCOUNT, [RECONCILER_ROLE])],
      ['seeder-policy', policy(SECRET_SEEDER_ROLE, `${pathRule(`${OPENBAO_KV_MOUNT}/data/${environment}/*`, ['create', 'update'])}\n`)],
      ['seeder-role', role(SECRET_SEEDER_ROLE, SECRET_SEEDER_ROLE, [SECRET_SEEDER_ROLE])],
      ['snapshot-policy', policy(SNAPSHOT_ROLE, `${pathRule('sys/storage/raft/snapshot', ['read'])}\n`)],
      ['snapshot-role', role(SNAPSHOT_ROLE, SNAPSHOT_ROLE, [SNAPSHOT_ROLE])],
      // self-initialization creates no recovery keys: this identity starts their first generation (and
      // nothing else; once shares exist, every later rotation needs a quorum of them anyway)
      ['ceremony-policy', policy(RECOVERY_CEREMONY_ROLE, `${pathRule('sys/rotate/recovery/init', ['create', 'read', 'update', 'delete', 'sudo'])}\n`)],
      ['ceremony-role', role(RECOVERY_CEREMONY_ROLE, RECOVERY_CEREMONY_ROLE, [RECOVERY_CEREMONY_ROLE])],
    ]),
  ];
}

/**
 * The server configuration, rendered as JSON text into `server.ha.raft.config` (OpenBao's HCL parser reads
 * JSON; the chart `tpl`s the string, so it must never contain `{{`): TLS listener with the `platform-ca` certificate,
 * integrated Raft with `retry_join` to every peer (verified against the same CA), `awskms` auto-unseal,
 * Kubernetes service registration (the `openbao-active` Service follows the leader), the `initialize`
 * stanza, and Prometheus telemetry (`vault_*` metrics without the host name in their names) readable on the
 * listener without a token: a sealed server answers no authenticated request, so an authenticated scrape would
 * go blind exactly when the sealed alert matters. Who may read it is the NetworkPolicy's job (ADR 0018). No UI.
 * @see https://openbao.org/docs/configuration/storage/raft
 * @see https://openbao.org/docs/configuration/listener/tcp#telemetry-parameters
 * @see https://openbao.org/docs/configuration/seal/awskms
 */
export function openBaoServerConfig(props: OpenBaoServerConfigProps): Record<string, unknown> {
  return {
    ui: false,
    cluster_name: props.environment,
    // integrated storage memory-maps its database; mlock would pin it whole (and needs IPC_LOCK, which the restricted level forbids)
    disable_mlock: true,
    listener: {
      tcp: {
        address: `[::]:${OPENBAO_API_PORT}`,
        cluster_address: `[::]:${OPENBAO_CLUSTER_PORT}`,
        tls_cert_file: `${OPENBAO_TLS_DIR}/tls.crt`,
        tls_key_file: `${OPENBAO_TLS_DIR}/tls.key`,
        tls_min_version: 'tls12',
        telemetry: { unauthenticated_metrics_access: true },
      },
    },
    storage: {
      raft: {
        path: OPENBAO_DATA_DIR,
        retry_join: Array.from({ length: props.replicas }, (_, i) => ({
          leader_api_addr: `https://openbao-${i}.${OPENBAO_PEER_SERVICE}:${OPENBAO_API_PORT}`,
          leader_ca_cert_file: `${OPENBAO_TLS_DIR}/ca.crt`,
        })),
      },
    },
    seal: { awskms: { region: props.region, kms_key_id: props.unsealKeyId } },
    service_registration: { kubernetes: {} },
    telemetry: { prometheus_retention_time: OPENBAO_METRICS_RETENTION, disable_hostname: true },
    initialize: initializeStanza(props.environment),
  };
}
