import { defineAddon } from '@platform/config';

/**
 * Test-only add-on that follows docs/adding-an-addon.md step by step, to prove that an add-on is its
 * declaration plus its construct folder: falcosidekick shipping events to S3 under its own prefix.
 * Never registered in `ADDONS`: the test composes it explicitly.
 */
export const FIXTURE_SIDEKICK = defineAddon({
  name: 'fixture-sidekick',
  description: 'Test fixture: falcosidekick writing events to the logs bucket',
  layer: 'security',
  optional: true,
  chart: {
    key: 'fixture-falcosidekick',
    repoURL: 'https://falcosecurity.github.io/charts',
    chart: 'falcosidekick',
    version: '0.14.0',
    images: [{ path: 'image' }],
  },
  podIdentities: [{ id: 'fixture-sidekick', namespace: 'fixture-sidekick', serviceAccount: 'fixture-sidekick', permissions: [{ kind: 's3-bucket', bucket: 'logs' }], serviceAccountOwner: 'platform' }],
});
