import { defineAddon } from './addon-declaration';

/** The Tekton Operator, which installs Pipelines and Triggers through a TektonConfig. */
export const TEKTON_OPERATOR = defineAddon({
  name: 'tekton-operator',
  description: 'Tekton operator; TektonConfig installs Pipelines and Triggers',
  layer: 'gitops',
  optional: true,
  chart: {
    key: 'tekton-operator',
    repoURL: 'ghcr.io/tektoncd/operator/charts',
    chart: 'tekton-operator',
    version: '0.81.1',
    images: [{ path: 'operator.image' }, { path: 'pruner.image' }, { path: 'webhook.image' }, { path: 'webhookProxy.image' }],
  },
});

/** The reference build pipeline (clone, test, rootless buildah, push to ECR, GitOps bump) and its webhook. */
export const TEKTON_BUILDS = defineAddon({
  name: 'tekton-builds',
  description: 'Reference build Pipeline (clone, test, rootless buildah, push to ECR, bump GitOps), GitHub triggers and webhook Ingress',
  layer: 'gitops',
  optional: true,
  requires: ['tekton-operator'],
  podIdentities: [{ id: 'image-builder', namespace: 'tekton-builds', serviceAccount: 'image-builder', permissions: [{ kind: 'ecr-push' }], serviceAccountOwner: 'platform' }],
});
