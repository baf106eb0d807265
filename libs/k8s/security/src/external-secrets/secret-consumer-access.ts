import { KubeRole, KubeRoleBinding, KubeServiceAccount } from '@platform/k8s-imports/k8s';
import { Construct } from 'constructs';
import { OPENBAO_SECRETS_READER_SERVICE_ACCOUNT } from '../openbao/openbao-endpoint';

export interface SecretConsumerAccessProps {
  /** The consumer namespace. */
  readonly namespace: string;
  /** ServiceAccount of the External Secrets controller. */
  readonly controllerServiceAccount: { readonly namespace: string; readonly name: string };
}

/**
 * What one consumer namespace needs so External Secrets can read its (and only its) OpenBao path:
 * the ServiceAccount `openbao-secrets-reader` (its token is the OpenBao login; it mounts nowhere,
 * `automountServiceAccountToken: false`), and a Role + RoleBinding letting the controller request tokens
 * for exactly that ServiceAccount (`serviceaccounts/token` create on one resourceName) instead of the
 * chart's cluster-wide token permission (`rbac.serviceAccountTokenCreate: false`).
 * @see https://external-secrets.io/latest/provider/hashicorp-vault/#kubernetes-authentication
 */
export class SecretConsumerAccess extends Construct {
  constructor(scope: Construct, id: string, props: SecretConsumerAccessProps) {
    super(scope, id);
    const { namespace } = props;
    const labels = { 'app.kubernetes.io/part-of': 'external-secrets', 'app.kubernetes.io/component': 'openbao-consumer' };
    new KubeServiceAccount(this, 'reader', {
      metadata: { name: OPENBAO_SECRETS_READER_SERVICE_ACCOUNT, namespace, labels },
      automountServiceAccountToken: false,
    });
    const name = 'external-secrets-openbao-token';
    new KubeRole(this, 'token-role', {
      metadata: { name, namespace, labels },
      rules: [{ apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'], resourceNames: [OPENBAO_SECRETS_READER_SERVICE_ACCOUNT] }],
    });
    new KubeRoleBinding(this, 'token-binding', {
      metadata: { name, namespace, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name: props.controllerServiceAccount.name, namespace: props.controllerServiceAccount.namespace }],
    });
  }
}
