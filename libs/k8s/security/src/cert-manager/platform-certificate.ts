import { Certificate, CertificateSpecPrivateKeyAlgorithm, CertificateSpecPrivateKeyRotationPolicy, CertificateSpecUsages } from '@platform/k8s-imports/cert-manager.io';
import { Construct } from 'constructs';
import type { ClusterIssuerRef } from './cluster-issuer-ref';

/** Certificate lifetime: 90 days, as Let's Encrypt issues; the platform CA uses the same so rotation is exercised. */
export const DEFAULT_CERTIFICATE_DURATION = '2160h';
/** Renewal 30 days before expiry (cert-manager's recommendation of renewing at two thirds of the lifetime). @see https://cert-manager.io/docs/usage/certificate/#renewal */
export const DEFAULT_CERTIFICATE_RENEW_BEFORE = '720h';

export interface PlatformCertificateProps {
  /** Object and default Secret name, DNS-1123. */
  readonly name: string;
  readonly namespace: string;
  /** Issuer: `LETSENCRYPT_ISSUER` for public names, `PLATFORM_CA_ISSUER` for in-cluster TLS. */
  readonly issuer: ClusterIssuerRef;
  /** Subject alternative names; at least one. */
  readonly dnsNames: readonly string[];
  /** IP SANs (e.g. `127.0.0.1` for a server that dials itself). @default [] */
  readonly ipAddresses?: readonly string[];
  /** Secret holding `tls.crt`, `tls.key` and `ca.crt`. @default name */
  readonly secretName?: string;
  /** Key usages. @default server auth + digital signature + key encipherment */
  readonly usages?: readonly CertificateSpecUsages[];
  /** @default DEFAULT_CERTIFICATE_DURATION */
  readonly duration?: string;
  /** @default DEFAULT_CERTIFICATE_RENEW_BEFORE */
  readonly renewBefore?: string;
}

/**
 * A cert-manager `Certificate` with the platform's defaults: ECDSA P-256 key regenerated on every renewal
 * (`rotationPolicy: Always`), 90-day lifetime renewed 30 days early. The Secret `secretName` is what
 * pods mount; `ca.crt` in it is the issuing CA (for `platform-ca`).
 * @throws Error naming the Certificate when `dnsNames` is empty
 * @see https://cert-manager.io/docs/usage/certificate/
 */
export class PlatformCertificate extends Construct {
  /** Secret the certificate is written to. */
  public readonly secretName: string;
  /** Key of the CA certificate inside that Secret. */
  public readonly caKey = 'ca.crt';
  public readonly namespace: string;

  constructor(scope: Construct, id: string, props: PlatformCertificateProps) {
    super(scope, id);
    if (props.dnsNames.length === 0) throw new Error(`PlatformCertificate ${props.namespace}/${props.name}: dnsNames must list at least one name`);
    this.secretName = props.secretName ?? props.name;
    this.namespace = props.namespace;
    new Certificate(this, 'certificate', {
      metadata: { name: props.name, namespace: props.namespace },
      spec: {
        secretName: this.secretName,
        issuerRef: { ...props.issuer },
        dnsNames: [...props.dnsNames],
        ...(props.ipAddresses?.length ? { ipAddresses: [...props.ipAddresses] } : {}),
        duration: props.duration ?? DEFAULT_CERTIFICATE_DURATION,
        renewBefore: props.renewBefore ?? DEFAULT_CERTIFICATE_RENEW_BEFORE,
        privateKey: { algorithm: CertificateSpecPrivateKeyAlgorithm.ECDSA, size: 256, rotationPolicy: CertificateSpecPrivateKeyRotationPolicy.ALWAYS },
        usages: [...(props.usages ?? [CertificateSpecUsages.SERVER_AUTH, CertificateSpecUsages.DIGITAL_SIGNATURE, CertificateSpecUsages.KEY_ENCIPHERMENT])],
      },
    });
  }
}
