/** The ClusterIssuers the platform runs; other layers reference them through these typed refs, never by a string. */
export type PlatformIssuerName = 'letsencrypt' | 'platform-ca';

/** A cert-manager `issuerRef` to a ClusterIssuer. @see https://cert-manager.io/docs/reference/api-docs/#meta.cert-manager.io/v1.IssuerReference */
export interface ClusterIssuerRef {
  readonly name: PlatformIssuerName;
  readonly kind: 'ClusterIssuer';
  readonly group: 'cert-manager.io';
}

/** ACME DNS-01 on the environment's hosted zone: publicly trusted names (`*.<dns.domain>`). */
export const LETSENCRYPT_ISSUER: ClusterIssuerRef = { name: 'letsencrypt', kind: 'ClusterIssuer', group: 'cert-manager.io' };
/** The internal CA: OpenBao, webhooks, mesh; trusted only by clients given `PLATFORM_CA_BUNDLE`. */
export const PLATFORM_CA_ISSUER: ClusterIssuerRef = { name: 'platform-ca', kind: 'ClusterIssuer', group: 'cert-manager.io' };

/** Namespace of cert-manager; ClusterIssuers read their Secrets from it (the cluster resource namespace). */
export const CERT_MANAGER_NAMESPACE = 'cert-manager';

/**
 * Where the platform CA's root certificate lives: the root Certificate's Secret (cert-manager namespace),
 * key `ca.crt`. Clients that must trust `platform-ca` (the ESO ClusterSecretStore) reference it.
 */
export const PLATFORM_CA_BUNDLE = { namespace: CERT_MANAGER_NAMESPACE, secretName: 'platform-ca-root', key: 'ca.crt' } as const;
