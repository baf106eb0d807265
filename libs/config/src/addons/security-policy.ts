import { defineAddon } from './addon-declaration';

/**
 * Gatekeeper: the admission webhook and audit that enforce the platform policy library in the cluster
 * (ADR 0017). Its chart installs the Gatekeeper CRDs; its extra manifests are the ConstraintTemplates
 * (one per policy, CEL engine) and the Gatekeeper `Config` (namespaces excluded from admission).
 */
export const GATEKEEPER = defineAddon({
  name: 'gatekeeper',
  description: 'Admission policy: the platform CEL policy library as Gatekeeper ConstraintTemplates (K8sNativeValidation), audit on',
  layer: 'security',
  optional: true,
  chart: {
    key: 'gatekeeper',
    repoURL: 'https://open-policy-agent.github.io/gatekeeper/charts',
    chart: 'gatekeeper',
    version: '3.23.0',
    images: [
      { path: 'image' },
      { path: 'postInstall.labelNamespace.image', when: ['postInstall.labelNamespace.enabled'] },
      { path: 'postInstall.probeWebhook.image', when: ['postInstall.probeWebhook.enabled'] },
      { path: 'postUpgrade.labelNamespace.image', when: ['postUpgrade.labelNamespace.enabled'] },
      { path: 'preUninstall.deleteWebhookConfigurations.image', when: ['preUninstall.deleteWebhookConfigurations.enabled'] },
    ],
  },
});

/**
 * One Constraint per ConstraintTemplate, with the environment's enforcement action. A separate Application
 * in a later sync wave: the constraint kinds are CRDs Gatekeeper creates from the templates at runtime.
 */
export const GATEKEEPER_CONSTRAINTS = defineAddon({
  name: 'gatekeeper-constraints',
  description: 'One Constraint per platform ConstraintTemplate (enforcementAction from the environment), synced after Gatekeeper created the constraint CRDs',
  layer: 'security',
  optional: true,
  requires: ['gatekeeper'],
});

/**
 * Falco: runtime detection on every node (modern eBPF probe), the default ruleset pinned plus the typed
 * platform rules; events go to falcosidekick.
 */
export const FALCO = defineAddon({
  name: 'falco',
  description: 'Runtime detection: Falco on every node (modern eBPF, least privilege), pinned default rules plus typed platform rules',
  layer: 'security',
  optional: true,
  requires: ['falcosidekick'],
  chart: {
    key: 'falco',
    repoURL: 'https://falcosecurity.github.io/charts',
    chart: 'falco',
    version: '9.1.0',
    images: [{ path: 'image' }, { path: 'falcoctl.image', when: ['falcoctl.artifact.install.enabled'] }, { path: 'driver.loader.initContainer.image', when: ['driver.loader.enabled'] }],
  },
});

/** falcosidekick: forwards Falco events to Loki and Alertmanager. */
export const FALCOSIDEKICK = defineAddon({
  name: 'falcosidekick',
  description: 'Forwards Falco events to Loki (record) and Alertmanager (alerts) through the observability ServiceEndpoints',
  layer: 'security',
  optional: true,
  chart: {
    key: 'falcosidekick',
    repoURL: 'https://falcosecurity.github.io/charts',
    chart: 'falcosidekick',
    version: '0.14.0',
    images: [{ path: 'image' }, { path: 'webui.image', when: ['webui.enabled'] }, { path: 'webui.initContainer.image', when: ['webui.enabled'] }, { path: 'webui.redis.image', when: ['webui.enabled'] }],
  },
});

/**
 * Tenant access: per tenant a Role + RoleBinding for its group in its namespace, and its AppProject
 * `tenant-<namespace>` limited to that namespace and its repositories.
 */
export const TENANT_ACCESS = defineAddon({
  name: 'tenant-access',
  description: 'Per tenant: edit rights for its group in its namespace only, and an AppProject limited to its namespace and repositories',
  layer: 'security',
  optional: true,
});
