import {
  ExternalSecret,
  ExternalSecretSpecSecretStoreRefKind,
  ExternalSecretSpecTargetCreationPolicy,
  ExternalSecretSpecTargetDeletionPolicy,
} from '@platform/k8s-imports/external-secrets.io';
import { Construct } from 'constructs';
import { openBaoSecretPath } from '../openbao/openbao-endpoint';

/** Name of the ClusterSecretStore every ExternalSecret of the platform reads from. */
export const OPENBAO_CLUSTER_SECRET_STORE = 'openbao';
/** How often External Secrets re-reads OpenBao (a rotated value reaches the Secret within this time). */
export const DEFAULT_EXTERNAL_SECRET_REFRESH = '1h';

/** One key of the delivered Secret and the property of the OpenBao secret it comes from. */
export interface ExternalSecretKey {
  /** Key in the Kubernetes Secret. */
  readonly secretKey: string;
  /** Field of the OpenBao KV secret. @default secretKey */
  readonly property?: string;
}

export interface PlatformExternalSecretProps {
  /** Environment name: the first segment of the OpenBao path. */
  readonly environment: string;
  /** Namespace of the Secret; also the consumer segment of the path `<env>/<namespace>/<name>`. */
  readonly namespace: string;
  /** Name of the ExternalSecret, of the Secret it writes and the last path segment. */
  readonly name: string;
  /** Keys to deliver; at least one. */
  readonly keys: readonly ExternalSecretKey[];
  /** Secret `type`, e.g. `kubernetes.io/basic-auth`. @default Opaque */
  readonly type?: string;
  /** Labels of the delivered Secret (e.g. `app.kubernetes.io/part-of: argocd`, which ArgoCD requires). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default DEFAULT_EXTERNAL_SECRET_REFRESH */
  readonly refreshInterval?: string;
}

/**
 * An `ExternalSecret` against the ClusterSecretStore `openbao`: the Secret `<name>` in `<namespace>` is
 * written from the OpenBao KV v2 secret `kv/<env>/<namespace>/<name>` (one key per listed property).
 * The ExternalSecret owns the Secret (`creationPolicy: Owner`); when OpenBao is unreachable or the
 * value was deleted, the last Secret stays (`deletionPolicy: Retain`) so a workload never loses its
 * credentials to an outage. The namespace must be a registered consumer (`ExternalSecretsAddon.deliver`
 * does that); otherwise the store's conditions reject it.
 * @throws Error when `keys` is empty or a key repeats, or a path segment is not a DNS-1123 label
 * @see https://external-secrets.io/latest/api/externalsecret/
 */
export class PlatformExternalSecret extends Construct {
  /** The Secret the workload mounts. */
  public readonly secretName: string;
  public readonly namespace: string;
  /** OpenBao KV path (under mount `kv`) to seed: `<env>/<namespace>/<name>`. */
  public readonly path: string;
  /** Properties to seed at `path`. */
  public readonly properties: readonly string[];

  constructor(scope: Construct, id: string, props: PlatformExternalSecretProps) {
    super(scope, id);
    const where = `ExternalSecret ${props.namespace}/${props.name}`;
    if (props.keys.length === 0) throw new Error(`${where}: keys must list at least one key`);
    const secretKeys = props.keys.map((k) => k.secretKey);
    const dup = secretKeys.find((k, i) => secretKeys.indexOf(k) !== i);
    if (dup) throw new Error(`${where}: key "${dup}" is listed twice`);
    this.path = openBaoSecretPath(props.environment, props.namespace, props.name);
    this.secretName = props.name;
    this.namespace = props.namespace;
    this.properties = props.keys.map((k) => k.property ?? k.secretKey);
    const labels = props.labels ?? {};
    new ExternalSecret(this, 'external-secret', {
      metadata: { name: props.name, namespace: props.namespace },
      spec: {
        refreshInterval: props.refreshInterval ?? DEFAULT_EXTERNAL_SECRET_REFRESH,
        secretStoreRef: { kind: ExternalSecretSpecSecretStoreRefKind.CLUSTER_SECRET_STORE, name: OPENBAO_CLUSTER_SECRET_STORE },
        target: {
          name: props.name,
          creationPolicy: ExternalSecretSpecTargetCreationPolicy.OWNER,
          deletionPolicy: ExternalSecretSpecTargetDeletionPolicy.RETAIN,
          ...(props.type || Object.keys(labels).length > 0
            ? { template: { ...(props.type ? { type: props.type } : {}), ...(Object.keys(labels).length > 0 ? { metadata: { labels: { ...labels } } } : {}) } }
            : {}),
        },
        data: props.keys.map((k) => ({ secretKey: k.secretKey, remoteRef: { key: this.path, property: k.property ?? k.secretKey } })),
      },
    });
  }
}
