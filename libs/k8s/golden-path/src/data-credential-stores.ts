/**
 * ServiceAccount of each tenant namespace whose token External Secrets uses to read the tenant's data
 * credentials from the data namespaces (the stores' referent authentication); no pod mounts it.
 */
export const DATA_CREDENTIALS_READER_SERVICE_ACCOUNT = 'data-credentials-reader';

/**
 * How often a copy is compared with its source Secret: a rotated password or a renewed Kafka user
 * certificate reaches the tenant namespace within this time. One GET on the API server per Secret.
 */
export const DATA_CREDENTIALS_REFRESH = '1m';

/** The in-cluster API server (the Service every pod resolves; its certificate names it). */
export const KUBERNETES_API_URL = 'https://kubernetes.default.svc';

/**
 * ConfigMap Kubernetes publishes in every namespace with the API server's CA (`ca.crt`).
 * @see https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/#root-ca-certificate-configmap
 */
export const KUBE_ROOT_CA_CONFIG_MAP = { name: 'kube-root-ca.crt', key: 'ca.crt' } as const;

/** ClusterSecretStore (ESO `kubernetes` provider) reading Secrets of data namespace `namespace`: `kubernetes-<namespace>`. */
export function dataSecretStoreName(namespace: string): string {
  return `kubernetes-${namespace}`;
}
