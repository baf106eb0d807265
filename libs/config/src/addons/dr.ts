import { defineAddon } from './addon-declaration';

/**
 * Velero: Kubernetes objects to the `backups` bucket under `velero/` through its Pod Identity (the AWS plugin
 * as object store, no keys), volumes through the CSI snapshot path (the EBS CSI driver takes the EBS
 * snapshots, so Velero's role needs no EC2 permission; ADR 0035). Images through the ECR pull-through
 * cache (Velero publishes on Docker Hub only).
 */
export const VELERO = defineAddon({
  name: 'velero',
  description: 'Velero: scheduled backups of Kubernetes objects to S3 and CSI snapshots of EBS volumes; restores and drills',
  layer: 'dr',
  optional: false,
  chart: {
    key: 'velero',
    repoURL: 'https://vmware-tanzu.github.io/helm-charts',
    chart: 'velero',
    version: '12.1.0',
    // the AWS plugin is an init container (a free-form list, checked by the Velero tests); kubectl runs only in
    // the CRD upgrade job, which the platform turns off (ArgoCD applies the chart's crds/)
    images: [{ path: 'image' }, { path: 'kubectl.image', when: ['upgradeCRDs'] }],
  },
  podIdentities: [{ id: 'velero', namespace: 'velero', serviceAccount: 'velero-server', permissions: [{ kind: 's3-bucket', bucket: 'backups' }], serviceAccountOwner: 'platform' }],
});
