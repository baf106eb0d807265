import { defineAddon } from './addon-declaration';

/** The cluster baseline: manifests only (no chart). */
export const BASELINE = defineAddon({
  name: 'baseline',
  description: 'Namespaces, Pod Security, default-deny NetworkPolicies, gp3 StorageClass, tenant quotas, contract ServiceAccounts',
  layer: 'container-platform',
  optional: false,
});
