import { EXTERNAL_SECRETS_OPENBAO_ROLE, OPENBAO_KV_MOUNT, OPENBAO_SECRETS_READER_SERVICE_ACCOUNT } from './openbao-endpoint';

/** Prefix of every policy and Kubernetes-auth role the reconciler owns (and prunes when undeclared). */
export const MANAGED_PREFIX = 'managed-';
/** Placeholder the reconciler replaces with the Kubernetes auth mount accessor (known only at run time). */
export const KUBERNETES_ACCESSOR_PLACEHOLDER = '__KUBERNETES_ACCESSOR__';
/** Token lifetime of consumer logins; short, because every read logs in again. */
export const CONSUMER_TOKEN_TTL = '10m';

/** One ACL policy: name and HCL. @see https://openbao.org/docs/concepts/policies/ */
export interface OpenBaoPolicy {
  readonly name: string;
  readonly hcl: string;
}

/** One Kubernetes-auth role. @see https://openbao.org/api-docs/auth/kubernetes/#create-role */
export interface OpenBaoRole {
  readonly name: string;
  readonly boundServiceAccountNames: readonly string[];
  readonly boundServiceAccountNamespaces: readonly string[];
  readonly policies: readonly string[];
  /** Token lifetime, e.g. `10m`. */
  readonly tokenTtl: string;
}

/** A path block of a policy. */
export function pathRule(path: string, capabilities: readonly string[]): string {
  return [`path "${path}" {`, `  capabilities = [${capabilities.map((c) => `"${c}"`).join(', ')}]`, '}'].join('\n');
}

/** Read-only access to `<env>/<consumer>/*` of the KV v2 mount (data and metadata). */
export function readConsumerPathRules(environment: string, consumer: string): string {
  return [pathRule(`${OPENBAO_KV_MOUNT}/data/${environment}/${consumer}/*`, ['read']), pathRule(`${OPENBAO_KV_MOUNT}/metadata/${environment}/${consumer}/*`, ['read', 'list'])].join('\n');
}

/**
 * The External Secrets policy: a templated path, so the token of `openbao-secrets-reader` in namespace X
 * reads `<env>/X/*` and nothing else (one policy, evaluated per login).
 * @see https://openbao.org/docs/concepts/policies/#templated-policies
 */
export function externalSecretsPolicy(environment: string): OpenBaoPolicy {
  const ns = `{{identity.entity.aliases.${KUBERNETES_ACCESSOR_PLACEHOLDER}.metadata.service_account_namespace}}`;
  return { name: EXTERNAL_SECRETS_OPENBAO_ROLE, hcl: `# External Secrets as openbao-secrets-reader of a consumer namespace: that namespace's path only\n${readConsumerPathRules(environment, ns)}\n` };
}

/** The External Secrets role: `openbao-secrets-reader` of every consumer namespace. */
export function externalSecretsRole(namespaces: readonly string[]): OpenBaoRole {
  return { name: EXTERNAL_SECRETS_OPENBAO_ROLE, boundServiceAccountNames: [OPENBAO_SECRETS_READER_SERVICE_ACCOUNT], boundServiceAccountNamespaces: [...namespaces].sort(), policies: [EXTERNAL_SECRETS_OPENBAO_ROLE], tokenTtl: CONSUMER_TOKEN_TTL };
}
