import { defineAddon } from './addon-declaration';

/**
 * cert-manager: the `letsencrypt` (ACME DNS-01 on Route 53) and `platform-ca` (internal CA) ClusterIssuers.
 * Its chart installs the cert-manager CRDs (`crds.enabled`), so everything issuing certificates depends on it.
 */
export const CERT_MANAGER = defineAddon({
  name: 'cert-manager',
  description: 'X.509 certificates: ACME DNS-01 (Route 53) and the internal platform CA',
  layer: 'security',
  optional: true,
  chart: {
    key: 'cert-manager',
    repoURL: 'https://charts.jetstack.io',
    chart: 'cert-manager',
    version: 'v1.21.1',
    images: [{ path: 'image' }, { path: 'webhook.image' }, { path: 'cainjector.image' }, { path: 'acmesolver.image' }, { path: 'startupapicheck.image', when: ['startupapicheck.enabled'] }],
  },
  podIdentities: [{ id: 'cert-manager', namespace: 'cert-manager', serviceAccount: 'cert-manager', permissions: [{ kind: 'route53-dns01' }], serviceAccountOwner: 'platform' }],
});
