import { cidrsOverlap, parseEnvironment, validateEnvironmentSet } from './validate-environment';
import { fixtureEnvironment, fixtureInput } from './testing/fixture-environment';
import { kubernetesApiServiceIp } from './naming';
import { nextFreeCidr } from './cidr';
import { issuesOf, issuesThrownBy } from './testing/config-issues';

describe('parseEnvironment', () => {
  it('accepts the fixture', () => {
    expect(fixtureEnvironment().name).toBe('test');
  });

  it('lists every invalid field as <env>: <path>: <message>', () => {
    const issues = issuesOf(
      fixtureInput({
        aws: { accountId: '12345', region: 'mars-central-1' },
        network: { vpcCidr: '10.0.0.1/16', azCount: 9 },
        budget: { recipients: ['not-an-email'] },
      }),
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
    expect(issuesOf(fixtureInput({ network: { natGateway: 'single' } }))).toEqual([
      'test: network: unknown key "natGateway" (did you mean "natGateways"?); valid keys here: vpcCidr, azCount, natGateways, flowLogRetentionDays, interfaceEndpoints',
    ]);
  });

  it('suggests the closest valid key for a misspelt section and lists the valid ones otherwise', () => {
    const [typo] = issuesOf({ ...(fixtureInput() as object), argcd: {} });
    expect(typo).toMatch(/^test: \(root\): unknown key "argcd" \(did you mean "argocd"\?\); valid keys here: name, aws, tags, /);
    const far = issuesOf(fixtureInput({ dns: { zone: 'x' } }));
    expect(far).toEqual(['test: dns: unknown key "zone"; valid keys here: domain, hostedZoneId']);
  });

  it('rejects a public endpoint open to the internet', () => {
    const issues = issuesOf(fixtureInput({ cluster: { endpointPublicAccess: true, publicAccessCidrs: ['0.0.0.0/0'] } }));
    expect(issues).toEqual([expect.stringMatching(/^test: cluster\.publicAccessCidrs\[0\]: "0\.0\.0\.0\/0" opens the API/)]);
  });

  it('rejects the former argocd.syncPolicy: the sync policy follows operations.mode', () => {
    const issues = issuesOf(fixtureInput({ argocd: { syncPolicy: { automated: false } } } as Record<string, unknown>));
    expect(issues).toEqual([expect.stringMatching(/^test: argocd: unknown key "syncPolicy"/)]);
  });

  it('rejects chart version ranges and unknown chart keys', () => {
    const issues = issuesOf(fixtureInput({ addons: { chartVersions: { 'argo-cd': '^10.0.0', nope: '1.0.0' } } }));
    expect(issues.some((i) => i.startsWith('test: addons.chartVersions.argo-cd: must be an exact version'))).toBe(true);
    expect(issues).toContainEqual(expect.stringMatching(/^test: addons\.chartVersions: unknown key "nope"; valid keys here: .*argo-cd/));
  });

  it('requires the name to match the environment folder', () => {
    expect(issuesOf(fixtureInput(), 'prod')).toEqual([
      'prod: name: is "test" but the environment folder is "prod"; make them equal',
    ]);
  });
});

/** A fixture environment with its own domain and OIDC client (they must differ within an account). */
function sibling(name: string, patch: Parameters<typeof fixtureEnvironment>[0] = {}) {
  return fixtureEnvironment({
    name,
    dns: { domain: `${name}.acme.example` },
    ...patch,
    argocd: { sso: { clientId: `argocd-${name}` }, ...patch.argocd },
    observability: { grafana: { sso: { clientId: `grafana-${name}` } }, ...patch.observability },
  });
}

describe('validateEnvironmentSet', () => {
  it('rejects overlapping VPC CIDRs in the same account and region', () => {
    const a = sibling('alpha');
    const b = sibling('beta', {
      aws: { accountIamResources: 'existing' },
      network: { vpcCidr: '10.0.128.0/17' },
      audit: { guardDutyDetector: 'existing' },
    });
    expect(issuesThrownBy(() => validateEnvironmentSet([a, b]))).toEqual([
      'beta: network.vpcCidr: 10.0.128.0/17 overlaps 10.0.0.0/16 of alpha (environments/alpha/env.ts) in account 111122223333 eu-west-1; ' +
        'VPCs of one account and region must be disjoint: set a free range such as 10.1.0.0/17 in environments/beta/env.ts',
    ]);
  });

  it('reports an overlap on the environment being synthesized, naming the other one and its file', () => {
    // Adding qa as a copy of staging: `nx synth qa` must blame qa, although staging sorts later.
    const staging = sibling('staging', { network: { vpcCidr: '10.30.0.0/16' } });
    const qa = sibling('qa', { aws: { accountIamResources: 'existing' }, network: { vpcCidr: '10.30.0.0/16' }, audit: { guardDutyDetector: 'existing' } });
    const dev = sibling('dev', { network: { vpcCidr: '10.31.0.0/16' }, aws: { accountIamResources: 'existing' }, audit: { guardDutyDetector: 'existing' } });
    expect(issuesThrownBy(() => validateEnvironmentSet([dev, qa, staging], { focus: 'qa' }))).toEqual([
      'qa: network.vpcCidr: 10.30.0.0/16 overlaps 10.30.0.0/16 of staging (environments/staging/env.ts) in account 111122223333 eu-west-1; ' +
        'VPCs of one account and region must be disjoint: set a free range such as 10.32.0.0/16 in environments/qa/env.ts',
    ]);
    expect(issuesThrownBy(() => validateEnvironmentSet([dev, qa, staging], { focus: 'staging' }))[0]).toMatch(/^staging: network\.vpcCidr: .* of qa \(environments\/qa\/env\.ts\)/);
  });

  it('rejects a dns.domain or an SSO client id (ArgoCD, Grafana) shared with another environment of the account, naming both', () => {
    const staging = sibling('staging', { dns: { domain: 'staging.platform.acme.example' }, argocd: { sso: { clientId: 'argocd-staging' } } });
    const qa = sibling('qa', {
      aws: { accountIamResources: 'existing' },
      network: { vpcCidr: '10.1.0.0/16' },
      audit: { guardDutyDetector: 'existing' },
      dns: { domain: 'staging.platform.acme.example' },
      argocd: { sso: { clientId: 'argocd-staging' } },
      observability: { grafana: { sso: { clientId: 'grafana-staging' } } },
    });
    expect(issuesThrownBy(() => validateEnvironmentSet([qa, staging], { focus: 'qa' }))).toEqual([
      'qa: dns.domain: "staging.platform.acme.example" is also the domain of staging (environments/staging/env.ts) in account 111122223333; ' +
        'each environment needs its own domain (its own Route53 zone, certificate and hostnames): set e.g. "qa.platform.acme.example" in environments/qa/env.ts',
      'qa: argocd.sso.clientId: "argocd-staging" is also the OIDC client of staging (environments/staging/env.ts) in account 111122223333; ' +
        'register a client for qa at the provider (e.g. "argocd-qa") and set it in environments/qa/env.ts',
      'qa: observability.grafana.sso.clientId: "grafana-staging" is also the OIDC client of staging (environments/staging/env.ts) in account 111122223333; ' +
        'register a client for qa at the provider (e.g. "grafana-qa") and set it in environments/qa/env.ts',
    ]);
    const otherAccount = sibling('qa', { aws: { accountId: '999988887777' }, cluster: { adminPrincipalArns: ['arn:aws:iam::999988887777:role/PlatformAdmin'] }, dns: { domain: 'staging.platform.acme.example' }, argocd: { sso: { clientId: 'argocd-staging' } } });
    expect(() => validateEnvironmentSet([otherAccount, staging])).not.toThrow();
  });

  it('allows the same CIDR in another account or region', () => {
    const a = sibling('alpha');
    const b = sibling('beta', { aws: { accountId: '999988887777' }, cluster: { adminPrincipalArns: ['arn:aws:iam::999988887777:role/PlatformAdmin'] } });
    const c = sibling('gamma', { aws: { region: 'us-east-1', accountIamResources: 'existing' } });
    expect(() => validateEnvironmentSet([a, b, c])).not.toThrow();
  });

  it('allows only one environment per account to create the account-wide IAM resources', () => {
    const alpha = sibling('alpha');
    const beta = sibling('beta', { aws: { region: 'us-east-1' } });
    expect(issuesThrownBy(() => validateEnvironmentSet([alpha, beta]))).toEqual([
      "beta: aws.accountIamResources: alpha already creates the account-wide IAM resources of account 111122223333 (IAM is global); set 'existing'",
    ]);
    const betaExisting = sibling('beta', { aws: { region: 'us-east-1', accountIamResources: 'existing' } });
    expect(() => validateEnvironmentSet([alpha, betaExisting])).not.toThrow();
  });

  it('allows only one environment per account and region to create the GuardDuty detector', () => {
    const alpha = sibling('alpha');
    const beta = sibling('beta', { aws: { accountIamResources: 'existing' }, network: { vpcCidr: '10.1.0.0/16' } });
    expect(issuesThrownBy(() => validateEnvironmentSet([alpha, beta]))).toEqual([
      "beta: audit.guardDutyDetector: alpha already creates the GuardDuty detector of account 111122223333 eu-west-1 (one per account and region); set 'existing'",
    ]);
    const betaExisting = sibling('beta', {
      aws: { accountIamResources: 'existing' },
      network: { vpcCidr: '10.1.0.0/16' },
      audit: { guardDutyDetector: 'existing' },
    });
    expect(() => validateEnvironmentSet([alpha, betaExisting])).not.toThrow();
  });

  it('rejects duplicate names', () => {
    const a = fixtureEnvironment({ name: 'alpha' });
    const a2 = fixtureEnvironment({ name: 'alpha', aws: { accountId: '999988887777' }, cluster: { adminPrincipalArns: ['arn:aws:iam::999988887777:role/PlatformAdmin'] } });
    expect(issuesThrownBy(() => validateEnvironmentSet([a, a2]))).toEqual(['alpha: name: is used by more than one environment; names must be unique']);
  });

  it('detects overlap in both directions', () => {
    expect(cidrsOverlap('10.0.0.0/8', '10.1.0.0/16')).toBe(true);
    expect(cidrsOverlap('10.1.0.0/16', '10.0.0.0/8')).toBe(true);
    expect(cidrsOverlap('10.1.0.0/16', '10.2.0.0/16')).toBe(false);
  });
});

describe('schema rules that constructs used to enforce', () => {
  it('rejects a VPC CIDR too small for the AZ count, naming network.vpcCidr and the fix', () => {
    expect(issuesOf(fixtureInput({ network: { vpcCidr: '10.9.0.0/26', azCount: 3 } }))).toEqual([
      'test: network.vpcCidr: 10.9.0.0/26 is too small for 3 AZs: public and intra subnets would be /31, below the AWS minimum /28; use a /23 or larger, or fewer AZs (network.azCount)',
    ]);
    expect(() => parseEnvironment('test', fixtureInput({ network: { vpcCidr: '10.9.0.0/23', azCount: 3 } }))).not.toThrow();
  });

  it('rejects a duplicated interface endpoint', () => {
    expect(issuesOf(fixtureInput({ network: { interfaceEndpoints: ['sts', 'ec2', 'sts'] } }))).toEqual([
      'test: network.interfaceEndpoints[2]: "sts" is listed twice; list each endpoint once',
    ]);
  });

  it('rejects a cluster minor the workspace has no cdk8s-plus or EKS add-on pins for', () => {
    expect(issuesOf(fixtureInput({ cluster: { version: '1.35' } }))).toEqual([
      expect.stringMatching(/^test: cluster\.version: must be a supported Kubernetes minor \(1\.34\)/),
    ]);
  });

  it('rejects STS session ARNs as admin principals (EKS access entries need IAM principals)', () => {
    expect(
      issuesOf(fixtureInput({ cluster: { adminPrincipalArns: ['arn:aws:sts::111122223333:assumed-role/Admin/jane'] } })),
    ).toEqual([expect.stringMatching(/^test: cluster\.adminPrincipalArns\[0\]: must be an IAM role or user ARN/)]);
  });

  it('reports every invalid field at once, including the ones a construct would only find later', () => {
    const issues = issuesOf(fixtureInput({ aws: { accountId: '3456' }, network: { interfaceEndpoints: ['ec2', 'ec2'] } }));
    expect(issues).toEqual([
      'test: aws.accountId: must be a 12-digit AWS account id',
      'test: network.interfaceEndpoints[1]: "ec2" is listed twice; list each endpoint once',
    ]);
  });

  it('reserves the environment name "images" (the image-tag folder of the GitOps repo)', () => {
    expect(issuesOf(fixtureInput({ name: 'images' }), 'images')).toEqual([
      'images: name: is reserved (images); pick another name',
    ]);
  });
});

describe('cluster networking and list rules', () => {
  it('rejects a Service CIDR that overlaps the VPC or is outside what EKS accepts', () => {
    expect(issuesOf(fixtureInput({ cluster: { serviceIpv4Cidr: '10.0.128.0/20' } }))).toEqual([
      'test: cluster.serviceIpv4Cidr: 10.0.128.0/20 overlaps network.vpcCidr 10.0.0.0/16; Service IPs must not be routable in the VPC (e.g. 172.20.0.0/16)',
    ]);
    expect(issuesOf(fixtureInput({ cluster: { serviceIpv4Cidr: '100.64.0.0/16' } }))).toEqual([
      expect.stringMatching(/^test: cluster\.serviceIpv4Cidr: "100\.64\.0\.0\/16" must be a \/12 to \/24 inside 10\.0\.0\.0\/8/),
    ]);
  });

  it('rejects duplicated admin principals, private access CIDRs, repositories and budget thresholds, all at once (the schema is the only place that checks them)', () => {
    const issues = issuesOf(fixtureInput({
          cluster: { adminPrincipalArns: ['arn:aws:iam::111122223333:role/A', 'arn:aws:iam::111122223333:role/A'], privateAccessCidrs: ['10.250.0.0/16', '10.250.0.0/16'] },
          ecr: { repositories: ['orders', 'orders'] },
          budget: { thresholdsPercent: [80, 80] },
        }));
    expect(issues).toEqual([
      'test: cluster.adminPrincipalArns[1]: admin principal "arn:aws:iam::111122223333:role/A" is listed twice; list each once',
      'test: cluster.privateAccessCidrs[1]: CIDR "10.250.0.0/16" is listed twice; list each once',
      'test: ecr.repositories[1]: repository "orders" is listed twice; list each once',
      'test: budget.thresholdsPercent[1]: threshold 80 is listed twice; list each once',
    ]);
  });

  it('rejects an internet-wide private access CIDR', () => {
    expect(issuesOf(fixtureInput({ cluster: { privateAccessCidrs: ['0.0.0.0/0'] } }))).toEqual([
      'test: cluster.privateAccessCidrs[0]: "0.0.0.0/0" is not a private admin network; list VPN/Transit Gateway CIDRs',
    ]);
  });
});

describe('kubernetesApiServiceIp', () => {
  it('is the first IP of the Service CIDR', () => {
    expect(kubernetesApiServiceIp(fixtureEnvironment({ cluster: { serviceIpv4Cidr: '172.20.0.0/16' } }))).toBe('172.20.0.1');
    expect(kubernetesApiServiceIp(fixtureEnvironment({ cluster: { serviceIpv4Cidr: '192.168.64.0/18' } }))).toBe('192.168.64.1');
  });
});

describe('every bad field at once, even across cross-field rules', () => {
  it('reports a malformed VPC CIDR as a field issue, never a library crash', () => {
    expect(issuesOf(fixtureInput({ aws: { accountId: 'abc' }, network: { vpcCidr: '10.40.0.0/33' } }))).toEqual([
      'test: aws.accountId: must be a 12-digit AWS account id',
      'test: network.vpcCidr: "10.40.0.0/33" is not an IPv4 CIDR such as 10.0.0.0/16',
    ]);
    expect(issuesOf(fixtureInput({ cluster: { serviceIpv4Cidr: 'abc' } }))).toEqual([
      'test: cluster.serviceIpv4Cidr: "abc" is not an IPv4 CIDR such as 10.0.0.0/16',
    ]);
  });

  it('still runs the CIDR-size rule when another network field has the wrong type', () => {
    const issues = issuesOf(fixtureInput({ network: { vpcCidr: '10.9.0.0/26', natGateways: 'two' } }));
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^test: network\.natGateways: /),
        expect.stringMatching(/^test: network\.vpcCidr: 10\.9\.0\.0\/26 is too small for 3 AZs/),
      ]),
    );
    expect(issues).toHaveLength(2);
  });
});

describe('nextFreeCidr', () => {
  it('steps to the first block of the same size that overlaps nothing taken', () => {
    expect(nextFreeCidr('10.30.0.0/16', ['10.30.0.0/16', '10.31.0.0/16', '10.20.0.0/16'])).toBe('10.32.0.0/16');
    expect(nextFreeCidr('10.30.0.0/16', ['10.0.0.0/8'])).toBeUndefined();
    expect(nextFreeCidr('10.255.0.0/16', ['10.255.0.0/16'])).toBe('10.0.0.0/16');
    expect(nextFreeCidr('172.20.0.0/20', ['172.20.0.0/16'])).toBe('172.21.0.0/20');
    expect(nextFreeCidr('not-a-cidr', [])).toBeUndefined();
  });
});
