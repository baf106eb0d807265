import type { PlatformExternalSecretProps } from '@platform/k8s-security';
import { PART_OF_LABEL, SERVICE_NAME_LABEL } from './microservice-pod';
import type { ServiceDeclaration } from './service-declaration';
import type { EnvVar } from './spring-boot-profile';

/** One declared secret of a service (`secrets[]`). */
export type ServiceSecretDeclaration = ServiceDeclaration['secrets'][number];

export interface ServiceSecretsProps {
  /** Environment name: the first segment of the OpenBao path. */
  readonly environment: string;
  /** Tenant namespace: the consumer segment of the OpenBao path and the Secret's namespace. */
  readonly namespace: string;
  readonly service: ServiceDeclaration;
}

/** What a service's declared secrets become: the ExternalSecret of each and the container environment reading them. */
export interface ServiceSecrets {
  /** Props of the `PlatformExternalSecret` of one declared secret. */
  externalSecret(secret: ServiceSecretDeclaration): PlatformExternalSecretProps;
  /** One `secretKeyRef` variable per declared key, in declaration order. */
  readonly env: readonly EnvVar[];
}

/** Name of the Secret (and last OpenBao path segment) of a declared secret: `<service>-<name>`. */
export function serviceSecretName(service: string, secret: string): string {
  return `${service}-${secret}`;
}

/**
 * The declared `secrets` of a service, delivered by External Secrets from OpenBao (ADR 0019's path
 * convention `<env>/<namespace>/<name>`): secret `x` of service `s` is the KV entry
 * `<env>/<tenant>/s-x`, written to Secret `s-x` in the tenant namespace (one Secret key per KV key,
 * same name), and each key reaches the container as its declared environment variable. The tenant
 * namespace reads its own path only (the `openbao` store's templated policy), so the composition
 * registers it as an External Secrets consumer (`ExternalSecretsAddon.registerConsumer`).
 */
export function serviceSecrets(props: ServiceSecretsProps): ServiceSecrets {
  const s = props.service;
  return {
    externalSecret: (x) => ({
      environment: props.environment,
      namespace: props.namespace,
      name: serviceSecretName(s.name, x.name),
      keys: x.keys.map((k) => ({ secretKey: k.key, property: k.key })),
      labels: { [SERVICE_NAME_LABEL]: s.name, [PART_OF_LABEL]: props.namespace },
    }),
    env: s.secrets.flatMap((x) => x.keys.map((k) => ({ name: k.env, valueFrom: { secretKeyRef: { name: serviceSecretName(s.name, x.name), key: k.key } } }))),
  };
}
