import { type ServiceEndpoint, serviceUrl } from '@platform/k8s-core';
import { ClusterSecretStore, ClusterSecretStoreSpecProviderVaultCaProviderType, ClusterSecretStoreSpecProviderVaultVersion } from '@platform/k8s-imports/external-secrets.io';
import { Construct } from 'constructs';
import { EXTERNAL_SECRETS_OPENBAO_ROLE, OPENBAO_KUBERNETES_AUTH_MOUNT, OPENBAO_KV_MOUNT, OPENBAO_SECRETS_READER_SERVICE_ACCOUNT, OPENBAO_TOKEN_AUDIENCE } from '../openbao/openbao-endpoint';
import { OPENBAO_CLUSTER_SECRET_STORE } from './platform-external-secret';

export interface OpenBaoClusterSecretStoreProps {
  /** OpenBao's active-node API endpoint (HTTPS). */
  readonly server: ServiceEndpoint;
  /** Secret (and key) holding the CA that signed OpenBao's certificate: the `platform-ca` root. */
  readonly caBundle: { readonly namespace: string; readonly secretName: string; readonly key: string };
  /** Namespaces allowed to use the store (evaluated at synth time, after every consumer registered). */
  readonly consumerNamespaces: () => readonly string[];
}

/**
 * The ClusterSecretStore `openbao`: the `vault` provider (OpenBao speaks the Vault API; the chart's
 * `openbao` provider has no Kubernetes auth) on KV v2 mount `kv`, TLS verified against `platform-ca`,
 * Kubernetes auth with referent authentication: `serviceAccountRef` has no namespace, so External
 * Secrets logs in with the `openbao-secrets-reader` token of the ExternalSecret's own namespace
 * (audience `openbao`), and OpenBao's templated policy confines it to `<env>/<that namespace>/*`.
 * `conditions` restrict the store to the registered consumer namespaces.
 * @see https://external-secrets.io/latest/provider/hashicorp-vault/
 */
export class OpenBaoClusterSecretStore extends Construct {
  constructor(scope: Construct, id: string, props: OpenBaoClusterSecretStoreProps) {
    super(scope, id);
    const consumers = props.consumerNamespaces;
    new (class extends ClusterSecretStore {
      // the consumer list grows until synth (add-ons register after the store exists); the generated binding cannot hold a Lazy list
      public override toJson(): Record<string, unknown> & { spec: Record<string, unknown> } {
        const json = super.toJson() as Record<string, unknown> & { spec: Record<string, unknown> };
        json.spec.conditions = [{ namespaces: [...new Set(consumers())].sort() }];
        return json;
      }
    })(this, 'store', {
      metadata: { name: OPENBAO_CLUSTER_SECRET_STORE },
      spec: {
        provider: {
          vault: {
            server: serviceUrl(props.server),
            path: OPENBAO_KV_MOUNT,
            version: ClusterSecretStoreSpecProviderVaultVersion.V2,
            caProvider: { type: ClusterSecretStoreSpecProviderVaultCaProviderType.SECRET, namespace: props.caBundle.namespace, name: props.caBundle.secretName, key: props.caBundle.key },
            auth: {
              kubernetes: {
                mountPath: OPENBAO_KUBERNETES_AUTH_MOUNT,
                role: EXTERNAL_SECRETS_OPENBAO_ROLE,
                serviceAccountRef: { name: OPENBAO_SECRETS_READER_SERVICE_ACCOUNT, audiences: [OPENBAO_TOKEN_AUDIENCE] },
              },
            },
          },
        },
      },
    });
  }
}
