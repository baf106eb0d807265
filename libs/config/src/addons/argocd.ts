import { defineAddon } from './addon-declaration';

/** ArgoCD itself (bootstrapped once by `helm install`, then self-managed with the same values). */
export const ARGOCD = defineAddon({
  name: 'argocd',
  description: 'ArgoCD (self-managed): syncs every add-on from the GitOps repo',
  layer: 'gitops',
  optional: false,
  chart: {
    key: 'argo-cd',
    repoURL: 'https://argoproj.github.io/argo-helm',
    chart: 'argo-cd',
    version: '10.1.1',
    // argo-cd values.yaml: the core components (applicationSet has no `enabled` switch in 10.x), the optional
    // ones, the single-node redis (replaced by the redis-ha subchart when enabled) and redis-ha's own images.
    images: [
      { path: 'global.image' },
      ...['controller', 'server', 'repoServer', 'applicationSet'].map((c) => ({ path: `${c}.image`, fallback: 'global.image' })),
      ...['notifications', 'commitServer', 'redisSecretInit'].map((c) => ({ path: `${c}.image`, fallback: 'global.image', when: [`${c}.enabled`] })),
      { path: 'dex.image', when: ['dex.enabled'] },
      { path: 'redis.image', when: ['redis.enabled', '!redis-ha.enabled'] },
      { path: 'redis.exporter.image', when: ['redis.enabled', '!redis-ha.enabled', 'redis.exporter.enabled'] },
      { path: 'redis-ha.image', when: ['redis-ha.enabled'] },
      { path: 'redis-ha.haproxy.image', when: ['redis-ha.enabled', 'redis-ha.haproxy.enabled'] },
      { path: 'redis-ha.exporter', repositoryKey: 'image', when: ['redis-ha.enabled', 'redis-ha.exporter.enabled'] },
      { path: 'server.extensions.image', when: ['server.extensions.enabled'] },
    ],
  },
});
