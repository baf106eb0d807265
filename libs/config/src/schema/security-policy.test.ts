import { ConfigError } from '../config-error';
import { fixtureInput } from '../testing/fixture-environment';
import { parseEnvironment } from '../validate-environment';

function issuesOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.issues;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('security policy schema', () => {
  it('refuses an enforcement action Gatekeeper does not know, naming the field and the choices', () => {
    expect(issuesOf(() => parseEnvironment('test', fixtureInput({ securityPolicy: { gatekeeper: { enforcementAction: 'block' } } })))).toEqual([
      'test: securityPolicy.gatekeeper.enforcementAction: must be one of deny, warn, dryrun (deny rejects, warn admits with a warning, dryrun only audits)',
    ]);
  });

  it('refuses webhook replicas and audit intervals out of range, with the fix', () => {
    expect(issuesOf(() => parseEnvironment('test', fixtureInput({ securityPolicy: { gatekeeper: { webhookReplicas: 0, auditIntervalSeconds: 5 } } })))).toEqual([
      'test: securityPolicy.gatekeeper.webhookReplicas: webhookReplicas must be at least 1',
      'test: securityPolicy.gatekeeper.auditIntervalSeconds: must be at least 30 seconds (a full audit lists every object the Constraints match)',
    ]);
    expect(issuesOf(() => parseEnvironment('test', fixtureInput({ securityPolicy: { gatekeeper: { webhookReplicas: 2.5, auditIntervalSeconds: 7200 } } })))).toEqual([
      'test: securityPolicy.gatekeeper.webhookReplicas: webhookReplicas must be a whole number',
      'test: securityPolicy.gatekeeper.auditIntervalSeconds: must be at most 3600 seconds (violations of objects admitted while the webhook was down surface within one interval)',
    ]);
  });

  it('refuses constraints without Gatekeeper', () => {
    expect(issuesOf(() => parseEnvironment('test', fixtureInput({ addons: { enabled: { 'gatekeeper-constraints': true } } })))[0]).toContain('gatekeeper');
  });
});
