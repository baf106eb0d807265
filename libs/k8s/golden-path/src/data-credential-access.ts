import { ClusterSecretStore, ClusterSecretStoreSpecProviderKubernetesServerCaProviderType } from '@platform/k8s-imports/external-secrets.io';
import { KubeRole, KubeRoleBinding, KubeServiceAccount } from '@platform/k8s-imports/k8s';
import { Construct } from 'constructs';
import { DATA_CREDENTIALS_READER_SERVICE_ACCOUNT, dataSecretStoreName, KUBE_ROOT_CA_CONFIG_MAP, KUBERNETES_API_URL } from './data-credential-stores';
import type { SharedDataSecret } from './data-secret-requests';

export interface DataCredentialAccessProps {
  /** Per tenant namespace, the data Secrets its services read. */
  readonly tenants: readonly { readonly namespace: string; readonly secrets: readonly SharedDataSecret[] }[];
  /** The External Secrets controller: requests the readers' tokens, reads the CA ConfigMap in its namespace. */
  readonly controllerServiceAccount: { readonly namespace: string; readonly name: string };
}

const LABELS = { 'app.kubernetes.io/part-of': 'golden-path', 'app.kubernetes.io/component': 'data-credentials' } as const;
const RBAC_GROUP = 'rbac.authorization.k8s.io';

/**
 * The platform side of copying data credentials into tenant namespaces (ADR 0054), least privilege:
 * - per data namespace a ClusterSecretStore `kubernetes-<namespace>` (ESO `kubernetes` provider,
 *   remote namespace = that data namespace), admitted only to the tenant namespaces that read it,
 *   authenticating with referent authentication: the token of `data-credentials-reader` in the
 *   ExternalSecret's own namespace;
 * - per tenant that ServiceAccount (never mounted) and a Role letting the controller request tokens
 *   for it only (`serviceaccounts/token` create on one resourceName);
 * - per tenant and data namespace a Role granting `get` on exactly the Secrets the tenant's services
 *   read (`resourceNames`; no list, no watch), bound to that ServiceAccount.
 * @see https://external-secrets.io/latest/provider/kubernetes/
 */
export class DataCredentialAccess extends Construct {
  constructor(scope: Construct, id: string, props: DataCredentialAccessProps) {
    super(scope, id);
    const tenants = [...props.tenants].filter((t) => t.secrets.length > 0).sort((a, b) => a.namespace.localeCompare(b.namespace));
    const dataNamespaces = [...new Set(tenants.flatMap((t) => t.secrets.map((s) => s.namespace)))].sort();
    for (const ns of dataNamespaces) {
      new ClusterSecretStore(this, `store-${ns}`, {
        metadata: { name: dataSecretStoreName(ns), labels: { ...LABELS } },
        spec: {
          conditions: [{ namespaces: tenants.filter((t) => t.secrets.some((s) => s.namespace === ns)).map((t) => t.namespace) }],
          provider: {
            kubernetes: {
              remoteNamespace: ns,
              server: {
                url: KUBERNETES_API_URL,
                caProvider: { type: ClusterSecretStoreSpecProviderKubernetesServerCaProviderType.CONFIG_MAP, name: KUBE_ROOT_CA_CONFIG_MAP.name, key: KUBE_ROOT_CA_CONFIG_MAP.key, namespace: props.controllerServiceAccount.namespace },
              },
              // no namespace: referent authentication, the reader of the ExternalSecret's namespace
              auth: { serviceAccount: { name: DATA_CREDENTIALS_READER_SERVICE_ACCOUNT } },
            },
          },
        },
      });
    }
    for (const t of tenants) {
      const meta = (name: string, namespace: string) => ({ name, namespace, labels: { ...LABELS, 'platform.io/tenant': t.namespace } });
      new KubeServiceAccount(this, `${t.namespace}-reader`, { metadata: meta(DATA_CREDENTIALS_READER_SERVICE_ACCOUNT, t.namespace), automountServiceAccountToken: false });
      const tokenRole = 'external-secrets-data-credentials-token';
      new KubeRole(this, `${t.namespace}-token-role`, {
        metadata: meta(tokenRole, t.namespace),
        rules: [{ apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'], resourceNames: [DATA_CREDENTIALS_READER_SERVICE_ACCOUNT] }],
      });
      new KubeRoleBinding(this, `${t.namespace}-token-binding`, {
        metadata: meta(tokenRole, t.namespace),
        roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name: tokenRole },
        subjects: [{ kind: 'ServiceAccount', name: props.controllerServiceAccount.name, namespace: props.controllerServiceAccount.namespace }],
      });
      for (const ns of [...new Set(t.secrets.map((s) => s.namespace))].sort()) {
        const name = `${t.namespace}-data-credentials`;
        new KubeRole(this, `${t.namespace}-read-${ns}`, {
          metadata: meta(name, ns),
          rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: t.secrets.filter((s) => s.namespace === ns).map((s) => s.name).sort() }],
        });
        new KubeRoleBinding(this, `${t.namespace}-read-${ns}-binding`, {
          metadata: meta(name, ns),
          roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name },
          subjects: [{ kind: 'ServiceAccount', name: DATA_CREDENTIALS_READER_SERVICE_ACCOUNT, namespace: t.namespace }],
        });
      }
    }
  }
}
