import { fixtureInput } from '../testing/fixture-environment';
import { issuesOf } from '../testing/config-issues';

describe('security schema', () => {
  it('refuses an ACME server other than staging or production, naming the field and the choices', () => {
    const [issue] = issuesOf(fixtureInput({ security: { certManager: { acmeServer: 'https://acme.example/directory' } } }));
    expect(issue).toBe('test: security.certManager.acmeServer: must be one of staging, production (the Let\'s Encrypt directory)');
  });

  it('refuses an ACME contact that is not an e-mail address and more than 3 cert-manager replicas', () => {
    const issues = issuesOf(fixtureInput({ security: { certManager: { acmeEmail: 'platform-team', replicas: 5 } } }));
    expect(issues).toEqual([
      'test: security.certManager.acmeEmail: must be an e-mail address such as platform-team@example.com (the ACME account contact)',
      'test: security.certManager.replicas: must be at most 3 (leader election: more replicas only add standbys)',
    ]);
  });

  it('refuses zero or more than 3 External Secrets replicas, naming the field', () => {
    expect(issuesOf(fixtureInput({ security: { externalSecrets: { replicas: 0 } } }))).toEqual(['test: security.externalSecrets.replicas: must be at least 1']);
    expect(issuesOf(fixtureInput({ security: { externalSecrets: { replicas: 4 } } }))).toEqual([
      'test: security.externalSecrets.replicas: must be at most 3 (leader election: more controller replicas only add standbys)',
    ]);
  });

  it('refuses external-secrets without cert-manager (its webhook certificate and the platform CA)', () => {
    const issues = issuesOf(fixtureInput({ addons: { enabled: { 'cert-manager': false, 'external-secrets': true } } }));
    expect(issues.join('\n')).toMatch(/external-secrets.*cert-manager/);
  });
});
