import { ExternalSecret, ExternalSecretSpecSecretStoreRefKind, ExternalSecretSpecTargetCreationPolicy, ExternalSecretSpecTargetDeletionPolicy } from '@platform/k8s-imports/external-secrets.io';
import { Construct } from 'constructs';
import { DATA_CREDENTIALS_REFRESH, dataSecretStoreName } from './data-credential-stores';
import type { SharedDataSecret } from './data-secret-requests';

export interface TenantDataCredentialsProps {
  /** Tenant namespace the copies land in. */
  readonly namespace: string;
  /** The data Secrets its services read. */
  readonly secrets: readonly SharedDataSecret[];
  /** Labels of the ExternalSecrets and the Secrets they write. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * The tenant side of copying data credentials (ADR 0054): per data Secret its services read, an
 * ExternalSecret in the tenant namespace on the ClusterSecretStore `kubernetes-<data namespace>`,
 * writing a Secret of the same name with exactly the keys read, re-read every
 * `DATA_CREDENTIALS_REFRESH` (a rotation at the source reaches the copy within a minute). The copy is
 * owned by its ExternalSecret and kept when the source is briefly unreadable (`deletionPolicy: Retain`).
 */
export class TenantDataCredentials extends Construct {
  constructor(scope: Construct, id: string, props: TenantDataCredentialsProps) {
    super(scope, id);
    const labels = { ...(props.labels ?? {}) };
    for (const s of props.secrets) {
      new ExternalSecret(this, `${s.namespace}-${s.name}`, {
        metadata: { name: s.name, namespace: props.namespace, labels, annotations: { 'platform.io/source': `${s.namespace}/${s.name}` } },
        spec: {
          refreshInterval: DATA_CREDENTIALS_REFRESH,
          secretStoreRef: { kind: ExternalSecretSpecSecretStoreRefKind.CLUSTER_SECRET_STORE, name: dataSecretStoreName(s.namespace) },
          target: {
            name: s.name,
            creationPolicy: ExternalSecretSpecTargetCreationPolicy.OWNER,
            deletionPolicy: ExternalSecretSpecTargetDeletionPolicy.RETAIN,
            ...(Object.keys(labels).length > 0 ? { template: { metadata: { labels } } } : {}),
          },
          data: s.keys.map((key) => ({ secretKey: key, remoteRef: { key: s.name, property: key } })),
        },
      });
    }
  }
}
