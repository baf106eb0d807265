import { fixtureInput } from '../testing/fixture-environment';
import { issuesOf } from '../testing/config-issues';

describe('security policy schema', () => {
  it('refuses an enforcement action Gatekeeper does not know, naming the field and the choices', () => {
    expect(issuesOf(fixtureInput({ securityPolicy: { gatekeeper: { enforcementAction: 'block' } } }))).toEqual([
      'test: securityPolicy.gatekeeper.enforcementAction: must be one of deny, warn, dryrun (deny rejects, warn admits with a warning, dryrun only audits)',
    ]);
  });

  it('refuses webhook replicas and audit intervals out of range, with the fix', () => {
    expect(issuesOf(fixtureInput({ securityPolicy: { gatekeeper: { webhookReplicas: 0, auditIntervalSeconds: 5 } } }))).toEqual([
      'test: securityPolicy.gatekeeper.webhookReplicas: webhookReplicas must be at least 1',
      'test: securityPolicy.gatekeeper.auditIntervalSeconds: must be at least 30 seconds (a full audit lists every object the Constraints match)',
    ]);
    expect(issuesOf(fixtureInput({ securityPolicy: { gatekeeper: { webhookReplicas: 2.5, auditIntervalSeconds: 7200 } } }))).toEqual([
      'test: securityPolicy.gatekeeper.webhookReplicas: webhookReplicas must be a whole number',
      'test: securityPolicy.gatekeeper.auditIntervalSeconds: must be at most 3600 seconds (violations of objects admitted while the webhook was down surface within one interval)',
    ]);
  });

  it('refuses constraints without Gatekeeper', () => {
    expect(issuesOf(fixtureInput({ addons: { enabled: { 'gatekeeper-constraints': true } } }))[0]).toContain('gatekeeper');
  });
});

describe('falco schema', () => {
  it('refuses a memory limit below the request and alerts that would not be in Loki, naming the fix', () => {
    expect(issuesOf(fixtureInput({ securityPolicy: { falco: { memoryRequestMiB: 1024, memoryLimitMiB: 512, lokiMinimumPriority: 'error', alertmanagerMinimumPriority: 'warning' } } }))).toEqual([
      'test: securityPolicy.falco.memoryLimitMiB: 512 is below memoryRequestMiB 1024; the limit must be at least the request',
      'test: securityPolicy.falco.alertmanagerMinimumPriority: warning is less severe than lokiMinimumPriority error; every alert must also be in Loki',
    ]);
  });

  it('refuses out-of-range sizes, unknown priorities and namespaces that are not DNS labels', () => {
    expect(issuesOf(fixtureInput({ securityPolicy: { falco: { cpuRequestMillicores: 10, bufSizePreset: 11, lokiMinimumPriority: 'loud', databaseNamespaces: ['Databases'] } } }))).toEqual([
      'test: securityPolicy.falco.cpuRequestMillicores: must be at least 50 (Falco parses every syscall of the node)',
      'test: securityPolicy.falco.bufSizePreset: must be between 1 and 10',
      'test: securityPolicy.falco.lokiMinimumPriority: lokiMinimumPriority must be one of emergency, alert, critical, error, warning, notice, informational, debug',
      'test: securityPolicy.falco.databaseNamespaces[0]: must be a Kubernetes namespace name (DNS-1123 label)',
    ]);
  });
});
