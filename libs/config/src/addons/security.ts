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

/**
 * External Secrets Operator: turns `ExternalSecret`s into Kubernetes Secrets from OpenBao (ClusterSecretStore
 * `openbao`), so no Secret value is ever rendered into the GitOps tree. Its chart installs the
 * external-secrets.io CRDs; its webhook certificate comes from cert-manager's `platform-ca`.
 */
export const EXTERNAL_SECRETS = defineAddon({
  name: 'external-secrets',
  description: 'Secrets from OpenBao into Kubernetes Secrets (ClusterSecretStore openbao, ExternalSecrets)',
  layer: 'security',
  optional: true,
  requires: ['cert-manager', 'openbao'],
  chart: {
    key: 'external-secrets',
    repoURL: 'https://charts.external-secrets.io',
    chart: 'external-secrets',
    version: '2.9.0',
    images: [{ path: 'image' }, { path: 'webhook.image', when: ['webhook.create'] }, { path: 'certController.image', when: ['certController.create'] }],
  },
});

/**
 * OpenBao: the platform's secret store (KV v2 at `kv/<env>/<consumer>/<name>`), HA on integrated Raft,
 * auto-unsealed with the storage stack's KMS key, TLS from cert-manager's `platform-ca`.
 */
export const OPENBAO = defineAddon({
  name: 'openbao',
  description: 'Secret store: Raft HA, KMS auto-unseal, Kubernetes auth, configuration as code',
  layer: 'security',
  optional: true,
  requires: ['cert-manager'],
  chart: {
    key: 'openbao',
    repoURL: 'https://openbao.github.io/openbao-helm',
    chart: 'openbao',
    version: '0.29.2',
    images: [
      { path: 'server.image' },
      { path: 'injector.image', when: ['injector.enabled'] },
      { path: 'injector.agentImage', when: ['injector.enabled'] },
      { path: 'csi.image', when: ['csi.enabled'] },
      { path: 'csi.agent.image', when: ['csi.enabled'] },
      { path: 'snapshotAgent.image', when: ['snapshotAgent.enabled'] },
    ],
  },
  podIdentities: [
    { id: 'openbao', namespace: 'openbao', serviceAccount: 'openbao', permissions: [{ kind: 'kms-unseal' }], serviceAccountOwner: 'platform' },
    { id: 'openbao-snapshot', namespace: 'openbao', serviceAccount: 'openbao-snapshot', permissions: [{ kind: 's3-bucket', bucket: 'backups' }], serviceAccountOwner: 'platform' },
  ],
});
