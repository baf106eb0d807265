import type { ServiceEndpoint } from '@platform/k8s-core';

/** Namespace of OpenBao. */
export const OPENBAO_NAMESPACE = 'openbao';
/** API port (HTTPS, TLS from `platform-ca`). @see chart 0.29.2 values.yaml `server.service.port` */
export const OPENBAO_API_PORT = 8200;
/** Raft cluster port (request forwarding and replication between peers). @see values.yaml `server.service.targetPort` + 1 (`cluster_address`) */
export const OPENBAO_CLUSTER_PORT = 8201;

/**
 * The active-node Service of OpenBao (chart 0.29.2 renders `<release>-active` in HA mode, selecting the
 * Raft leader through `service_registration "kubernetes"`): the one address clients (ESO, the reconciler) use.
 */
export const OPENBAO_ENDPOINT: ServiceEndpoint = { namespace: OPENBAO_NAMESPACE, service: 'openbao-active', port: OPENBAO_API_PORT, scheme: 'https' };

/** Pod labels of OpenBao's server pods (chart 0.29.2 `openbao.selectorLabels` + `component: server`). */
export const OPENBAO_SERVER_POD_LABELS = { 'app.kubernetes.io/name': 'openbao', 'app.kubernetes.io/instance': 'openbao', component: 'server' } as const;

/** Mount path of the KV v2 engine every consumer secret lives in (`kv/<env>/<consumer>/<name>`). */
export const OPENBAO_KV_MOUNT = 'kv';
/** Mount path of the Kubernetes auth method. */
export const OPENBAO_KUBERNETES_AUTH_MOUNT = 'kubernetes';
/** Audience of the ServiceAccount tokens OpenBao's Kubernetes auth roles accept (so no other token is replayable). */
export const OPENBAO_TOKEN_AUDIENCE = 'openbao';

/**
 * ServiceAccount that External Secrets impersonates in a consumer namespace (ClusterSecretStore referent
 * authentication): its token logs in to role `managed-external-secrets`, whose templated policy only reads
 * that namespace's path `<env>/<namespace>/*`.
 */
export const OPENBAO_SECRETS_READER_SERVICE_ACCOUNT = 'openbao-secrets-reader';

/** Kubernetes-auth role External Secrets logs in with (owned by the reconciler: `managed-` prefix). */
export const EXTERNAL_SECRETS_OPENBAO_ROLE = 'managed-external-secrets';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The KV path of one secret: `<env>/<consumer>/<name>` (consumer = the namespace it is delivered to).
 * @throws Error naming the part that is not a DNS-1123 label
 */
export function openBaoSecretPath(environment: string, consumer: string, name: string): string {
  for (const [part, value] of [['environment', environment], ['consumer', consumer], ['name', name]] as const) {
    if (!DNS_LABEL.test(value)) throw new Error(`OpenBao secret path: ${part} "${value}" must be a DNS-1123 label (lower-case letters, digits, '-')`);
  }
  return `${environment}/${consumer}/${name}`;
}
