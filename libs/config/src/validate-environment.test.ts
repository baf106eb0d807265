import { ConfigError } from './config-error';
import { cidrsOverlap, parseEnvironment, validateEnvironmentSet } from './validate-environment';
import { fixtureEnvironment, fixtureInput } from './testing/fixture-environment';

function issuesOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.issues;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('parseEnvironment', () => {
  it('accepts the fixture', () => {
    expect(fixtureEnvironment().name).toBe('test');
  });

  it('lists every invalid field as <env>: <path>: <message>', () => {
    const issues = issuesOf(() =>
      parseEnvironment(
        'test',
        fixtureInput({
          aws: { accountId: '12345', region: 'mars-central-1' },
          network: { vpcCidr: '10.0.0.1/16', azCount: 9 },
          budget: { recipients: ['not-an-email'] },
        }),
      ),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^test: aws\.accountId: must be a 12-digit AWS account id$/),
        expect.stringMatching(/^test: aws\.region: must be an AWS region code/),
        expect.stringMatching(/^test: network\.vpcCidr: "10\.0\.0\.1\/16" has host bits set; use 10\.0\.0\.0\/16$/),
        expect.stringMatching(/^test: network\.azCount: /),
        expect.stringMatching(/^test: budget\.recipients\[0\]: must be an e-mail address$/),
      ]),
    );
    expect(issues).toHaveLength(5);
  });

  it('rejects unknown fields so typos never pass silently', () => {
    expect(issuesOf(() => parseEnvironment('test', fixtureInput({ network: { natGateway: 'single' } })))).toEqual([
      expect.stringMatching(/^test: network: Unrecognized key: "natGateway"/),
    ]);
  });

  it('rejects a public endpoint open to the internet', () => {
    const issues = issuesOf(() =>
      parseEnvironment('test', fixtureInput({ cluster: { endpointPublicAccess: true, publicAccessCidrs: ['0.0.0.0/0'] } })),
    );
    expect(issues).toEqual([expect.stringMatching(/^test: cluster\.publicAccessCidrs\[0\]: "0\.0\.0\.0\/0" opens the API/)]);
  });

  it('rejects prune without automated sync', () => {
    const issues = issuesOf(() =>
      parseEnvironment('test', fixtureInput({ argocd: { syncPolicy: { automated: false, prune: true, selfHeal: false } } })),
    );
    expect(issues).toEqual([expect.stringMatching(/^test: argocd\.syncPolicy\.automated: must be true/)]);
  });

  it('rejects chart version ranges and unknown chart keys', () => {
    const issues = issuesOf(() => parseEnvironment('test', fixtureInput({ addons: { chartVersions: { 'argo-cd': '^10.0.0', nope: '1.0.0' } } })));
    expect(issues.some((i) => i.startsWith('test: addons.chartVersions.argo-cd: must be an exact version'))).toBe(true);
    expect(issues).toContain('test: addons.chartVersions: Unrecognized key: "nope"');
  });

  it('requires the name to match the environment folder', () => {
    expect(issuesOf(() => parseEnvironment('prod', fixtureInput()))).toEqual([
      'prod: name: is "test" but the environment folder is "prod"; make them equal',
    ]);
  });
});

describe('validateEnvironmentSet', () => {
  it('rejects overlapping VPC CIDRs in the same account and region', () => {
    const a = fixtureEnvironment({ name: 'alpha' });
    const b = fixtureEnvironment({ name: 'beta', network: { vpcCidr: '10.0.128.0/17' }, audit: { guardDutyDetector: 'existing' } });
    expect(issuesOf(() => validateEnvironmentSet([a, b]))).toEqual([
      "beta: network.vpcCidr: 10.0.128.0/17 overlaps alpha's 10.0.0.0/16 in account 111122223333 eu-west-1; pick a disjoint range",
    ]);
  });

  it('allows the same CIDR in another account or region', () => {
    const a = fixtureEnvironment({ name: 'alpha' });
    const b = fixtureEnvironment({ name: 'beta', aws: { accountId: '999988887777' } });
    const c = fixtureEnvironment({ name: 'gamma', aws: { region: 'us-east-1' } });
    expect(() => validateEnvironmentSet([a, b, c])).not.toThrow();
  });

  it('allows only one environment per account and region to create the GuardDuty detector', () => {
    const alpha = fixtureEnvironment({ name: 'alpha' });
    const beta = fixtureEnvironment({ name: 'beta', network: { vpcCidr: '10.1.0.0/16' } });
    expect(issuesOf(() => validateEnvironmentSet([alpha, beta]))).toEqual([
      "beta: audit.guardDutyDetector: alpha already creates the GuardDuty detector of account 111122223333 eu-west-1 (one per account and region); set 'existing'",
    ]);
    const betaExisting = fixtureEnvironment({ name: 'beta', network: { vpcCidr: '10.1.0.0/16' }, audit: { guardDutyDetector: 'existing' } });
    expect(() => validateEnvironmentSet([alpha, betaExisting])).not.toThrow();
  });

  it('rejects duplicate names', () => {
    const a = fixtureEnvironment({ name: 'alpha' });
    const a2 = fixtureEnvironment({ name: 'alpha', aws: { accountId: '999988887777' } });
    expect(issuesOf(() => validateEnvironmentSet([a, a2]))).toEqual(['alpha: name: is used by more than one environment; names must be unique']);
  });

  it('detects overlap in both directions', () => {
    expect(cidrsOverlap('10.0.0.0/8', '10.1.0.0/16')).toBe(true);
    expect(cidrsOverlap('10.1.0.0/16', '10.0.0.0/8')).toBe(true);
    expect(cidrsOverlap('10.1.0.0/16', '10.2.0.0/16')).toBe(false);
  });
});
