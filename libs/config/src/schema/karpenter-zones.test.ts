import { fixtureEnvironment, fixtureInput } from '../testing/fixture-environment';
import { issuesOf } from '../testing/config-issues';

const withZones = (excludedZones: unknown) => fixtureInput({ karpenter: { excludedZones } } as Parameters<typeof fixtureInput>[0]);

describe('karpenter.excludedZones', () => {
  it('defaults to none and accepts zones of aws.region while one stays open', () => {
    expect(fixtureEnvironment().karpenter.excludedZones).toEqual([]);
    const zonesOf = (excludedZones: string[]) => fixtureEnvironment({ karpenter: { excludedZones } } as Parameters<typeof fixtureEnvironment>[0]).karpenter.excludedZones;
    expect(zonesOf(['eu-west-1a'])).toEqual(['eu-west-1a']);
    expect(zonesOf(['eu-west-1a', 'eu-west-1c'])).toEqual(['eu-west-1a', 'eu-west-1c']);
  });

  it('rejects a zone of another region, a malformed name and a duplicate, naming the entry and the fix', () => {
    expect(issuesOf(withZones(['us-east-1a', 'eu-west-1', 'eu-west-1b', 'eu-west-1b']))).toEqual([
      'test: karpenter.excludedZones[0]: "us-east-1a" is not an Availability Zone of aws.region eu-west-1; use a zone name such as eu-west-1a',
      'test: karpenter.excludedZones[1]: "eu-west-1" is not an Availability Zone of aws.region eu-west-1; use a zone name such as eu-west-1a',
      'test: karpenter.excludedZones[3]: "eu-west-1b" is listed twice; list each zone once',
    ]);
  });

  it('rejects excluding as many zones as the cluster spans (network.azCount): Karpenter could launch no node', () => {
    expect(issuesOf(withZones(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']))).toEqual([
      'test: karpenter.excludedZones: excludes 3 zones but the cluster spans network.azCount 3: Karpenter could launch no node; keep at least one zone open (remove entries from karpenter.excludedZones)',
    ]);
  });
});
