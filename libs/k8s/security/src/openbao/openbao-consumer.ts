import { MANAGED_PREFIX, type OpenBaoPolicy, type OpenBaoRole, CONSUMER_TOKEN_TTL, readConsumerPathRules } from './openbao-policies';

/** A workload that logs in to OpenBao itself (its ServiceAccount token, audience `openbao`). */
export interface OpenBaoConsumerProps {
  /** The consumer's namespace; also the consumer segment of its path `<env>/<namespace>/<name>`. */
  readonly namespace: string;
  /** Why the consumer needs secrets; rendered as a comment in its policy. */
  readonly description: string;
  /** ServiceAccounts of the namespace allowed to log in (role `managed-<namespace>`); at least one. */
  readonly serviceAccounts: readonly string[];
}

/** What a registered consumer gets: its path prefix and its Kubernetes-auth role. */
export interface OpenBaoConsumer {
  readonly namespace: string;
  /** KV v2 path prefix under mount `kv`: `<env>/<namespace>/`. */
  readonly pathPrefix: string;
  /** Policy and Kubernetes-auth role name: `managed-<namespace>`; log in with `auth/kubernetes/login role=<role>`. */
  readonly role: string;
  readonly policy: OpenBaoPolicy;
  readonly kubernetesRole: OpenBaoRole;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The least-privilege grant of one consumer: read `<env>/<namespace>/*`, nothing else, for the listed
 * ServiceAccounts of that namespace only.
 * @throws Error naming the consumer when the namespace or a ServiceAccount is not a DNS-1123 label, or no ServiceAccount is listed
 */
export function openBaoConsumer(environment: string, props: OpenBaoConsumerProps): OpenBaoConsumer {
  const where = `OpenBao consumer ${props.namespace}`;
  if (!DNS_LABEL.test(props.namespace)) throw new Error(`${where}: namespace must be a DNS-1123 label`);
  if (props.serviceAccounts.length === 0) throw new Error(`${where}: serviceAccounts must list at least one ServiceAccount (consumers reading through External Secrets use ExternalSecretsAddon.deliver instead)`);
  const bad = props.serviceAccounts.find((s) => !DNS_LABEL.test(s));
  if (bad) throw new Error(`${where}: ServiceAccount "${bad}" must be a DNS-1123 label`);
  if (/[\r\n]/.test(props.description)) throw new Error(`${where}: description must be one line`);
  const role = `${MANAGED_PREFIX}${props.namespace}`;
  return {
    namespace: props.namespace,
    pathPrefix: `${environment}/${props.namespace}/`,
    role,
    policy: { name: role, hcl: `# ${props.namespace}: ${props.description}\n${readConsumerPathRules(environment, props.namespace)}\n` },
    kubernetesRole: { name: role, boundServiceAccountNames: [...props.serviceAccounts].sort(), boundServiceAccountNamespaces: [props.namespace], policies: [role], tokenTtl: CONSUMER_TOKEN_TTL },
  };
}
