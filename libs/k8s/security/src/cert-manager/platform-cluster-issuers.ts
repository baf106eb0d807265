import { Certificate, CertificateSpecPrivateKeyAlgorithm, ClusterIssuer } from '@platform/k8s-imports/cert-manager.io';
import { Construct } from 'constructs';
import { CERT_MANAGER_NAMESPACE, LETSENCRYPT_ISSUER, PLATFORM_CA_BUNDLE, PLATFORM_CA_ISSUER } from './cluster-issuer-ref';

/** Self-signed issuer that only signs the platform CA root. */
export const PLATFORM_CA_BOOTSTRAP_ISSUER = 'platform-ca-selfsigned';
/** Root lifetime: 10 years, renewed 1 year early (the rotate-the-CA runbook covers the overlap). */
export const PLATFORM_CA_DURATION = '87600h';
export const PLATFORM_CA_RENEW_BEFORE = '8760h';

export interface PlatformClusterIssuersProps {
  /** Environment name, in the CA's common name. */
  readonly environment: string;
  /** ACME directory URL (`ACME_SERVERS[security.certManager.acmeServer]`). */
  readonly acmeServerUrl: string;
  /** ACME account contact. */
  readonly acmeEmail: string;
  /** AWS region of the Route 53 API calls. */
  readonly region: string;
  /** The environment's domain; DNS-01 is only attempted for names below it. */
  readonly domain: string;
  /** Hosted zone id; when absent cert-manager finds the zone by name (ListHostedZonesByName). */
  readonly hostedZoneId?: string;
}

/**
 * The two ClusterIssuers: `letsencrypt` (ACME DNS-01 through Route 53 with the pod's ambient Pod Identity
 * credentials, no access keys) and `platform-ca` (a CA issuer over a self-signed ECDSA P-384 root whose
 * Secret `PLATFORM_CA_BUNDLE` lives in the cert-manager namespace).
 * @see https://cert-manager.io/docs/configuration/acme/dns01/route53/
 * @see https://cert-manager.io/docs/configuration/selfsigned/#bootstrapping-ca-issuers
 */
export class PlatformClusterIssuers extends Construct {
  constructor(scope: Construct, id: string, props: PlatformClusterIssuersProps) {
    super(scope, id);
    new ClusterIssuer(this, 'letsencrypt', {
      metadata: { name: LETSENCRYPT_ISSUER.name },
      spec: {
        acme: {
          server: props.acmeServerUrl,
          email: props.acmeEmail,
          privateKeySecretRef: { name: 'letsencrypt-account-key' },
          solvers: [
            {
              selector: { dnsZones: [props.domain] },
              dns01: { route53: { region: props.region, ...(props.hostedZoneId ? { hostedZoneId: props.hostedZoneId } : {}) } },
            },
          ],
        },
      },
    });
    new ClusterIssuer(this, 'selfsigned', { metadata: { name: PLATFORM_CA_BOOTSTRAP_ISSUER }, spec: { selfSigned: {} } });
    new Certificate(this, 'root', {
      metadata: { name: PLATFORM_CA_BUNDLE.secretName, namespace: CERT_MANAGER_NAMESPACE },
      spec: {
        isCa: true,
        commonName: `platform-ca ${props.environment}`,
        secretName: PLATFORM_CA_BUNDLE.secretName,
        duration: PLATFORM_CA_DURATION,
        renewBefore: PLATFORM_CA_RENEW_BEFORE,
        privateKey: { algorithm: CertificateSpecPrivateKeyAlgorithm.ECDSA, size: 384 },
        issuerRef: { name: PLATFORM_CA_BOOTSTRAP_ISSUER, kind: 'ClusterIssuer', group: 'cert-manager.io' },
      },
    });
    new ClusterIssuer(this, 'platform-ca', { metadata: { name: PLATFORM_CA_ISSUER.name }, spec: { ca: { secretName: PLATFORM_CA_BUNDLE.secretName } } });
  }
}
