import { defineAddon } from './addon-declaration';

/** AWS Load Balancer Controller: ALBs for Ingresses, NLBs for Services. */
export const AWS_LOAD_BALANCER_CONTROLLER = defineAddon({
  name: 'aws-load-balancer-controller',
  description: 'ALB/NLB for Ingress and Service objects',
  layer: 'container-platform',
  optional: false,
  chart: { key: 'aws-load-balancer-controller', repoURL: 'https://aws.github.io/eks-charts', chart: 'aws-load-balancer-controller', version: '3.5.0', images: [{ path: 'image' }] },
  podIdentities: [
    { id: 'aws-load-balancer-controller', namespace: 'kube-system', serviceAccount: 'aws-load-balancer-controller', permissions: [{ kind: 'aws-load-balancer-controller' }], serviceAccountOwner: 'platform' },
  ],
});

/** external-dns: Route 53 records for the hosts of Ingresses and Services (ArgoCD UI, webhooks, gateways). */
export const EXTERNAL_DNS = defineAddon({
  name: 'external-dns',
  description: 'Route 53 records for Ingress and Service hosts',
  layer: 'container-platform',
  optional: false,
  chart: {
    key: 'external-dns',
    repoURL: 'https://kubernetes-sigs.github.io/external-dns/',
    chart: 'external-dns',
    version: '1.21.1',
    images: [{ path: 'image' }, { path: 'provider.webhook.image' }],
  },
  podIdentities: [{ id: 'external-dns', namespace: 'external-dns', serviceAccount: 'external-dns', permissions: [{ kind: 'route53-records' }], serviceAccountOwner: 'platform' }],
});
