import { fixtureInput } from './testing/fixture-environment';
import { issuesOf, issuesOrEmpty } from './testing/config-issues';
import { AVAILABILITY_ZONE_COUNT_BY_REGION } from './aws-availability-zones';
import { awsTagProblem } from './aws-tags';
import { MAX_BUDGET_USD } from './schema/foundation';
import { reservedNamespaces } from './reserved-namespaces';

describe('input hardening (issue: silent wrong infrastructure, path traversal)', () => {
  it.each(['..', '../x/victim', 'clusters/../..', './clusters', 'clusters/.'])('rejects gitops.basePath %p (escapes or aliases the repository)', (basePath) => {
    expect(issuesOf(fixtureInput({ gitops: { basePath } }))).toEqual([expect.stringMatching(/^test: gitops\.basePath: must (stay inside the GitOps repository|be a relative path)/)]);
  });

  it.each(['/etc', 'clusters/'])('rejects gitops.basePath %p (absolute, or a trailing slash)', (basePath) => {
    expect(issuesOf(fixtureInput({ gitops: { basePath } }))).toEqual(['test: gitops.basePath: must be a relative path without leading or trailing slash, such as clusters']);
  });

  it('accepts an empty gitops.basePath (the repository root)', () => {
    expect(issuesOrEmpty(fixtureInput({ gitops: { basePath: '' } }))).toEqual([]);
  });

  it('rejects more AZs than the region has, naming region, count and fix', () => {
    expect(issuesOf(fixtureInput({ aws: { region: 'eu-west-1' }, network: { azCount: 5 } }))).toEqual([
      'test: network.azCount: is 5 but eu-west-1 has 3 Availability Zones; set network.azCount to at most 3 (subnets and NAT gateways would otherwise wrap into the same zones)',
    ]);
    expect(issuesOrEmpty(fixtureInput({ aws: { region: 'us-east-1' }, network: { azCount: 5 } }))).toEqual([]);
  });

  it('rejects a region missing from the AZ table, listing the table', () => {
    expect(issuesOf(fixtureInput({ aws: { region: 'eu-west-9' } }))).toEqual([expect.stringMatching(/^test: aws\.region: "eu-west-9" is not in the Availability Zone table .*eu-west-1/)]);
  });

  it('the AZ table holds only region codes with 2-6 AZs', () => {
    for (const [region, count] of Object.entries(AVAILABILITY_ZONE_COUNT_BY_REGION)) {
      expect(region).toMatch(/^[a-z]{2}-[a-z]+-\d$/);
      expect(count).toBeGreaterThanOrEqual(2);
      expect(count).toBeLessThanOrEqual(6);
    }
  });

  it.each([1e30, MAX_BUDGET_USD + 1, 0.001])('rejects budget.monthlyLimitUsd %p', (monthlyLimitUsd) => {
    expect(issuesOf(fixtureInput({ budget: { monthlyLimitUsd } }))).toEqual([expect.stringMatching(/^test: budget\.monthlyLimitUsd: must be at (most|least)/)]);
  });

  it('rejects an anomaly threshold of 1e30', () => {
    expect(issuesOf(fixtureInput({ budget: { anomalyThresholdUsd: 1e30 } }))).toEqual([expect.stringMatching(/^test: budget\.anomalyThresholdUsd: must be at most 10000000 USD/)]);
  });

  it('rejects an admin principal of another account than aws.accountId', () => {
    expect(issuesOf(fixtureInput({ cluster: { adminPrincipalArns: ['arn:aws:iam::999999999999:role/PlatformAdmin'] } }))).toEqual([
      'test: cluster.adminPrincipalArns[0]: "arn:aws:iam::999999999999:role/PlatformAdmin" is in account 999999999999, not in aws.accountId 111122223333; use a role of account 111122223333 (e.g. arn:aws:iam::111122223333:role/PlatformAdmin) that the other account\'s admins may assume',
    ]);
  });

  it('rejects a backup replica region equal to the primary region, in the schema only (not again in BackupReplication)', () => {
    expect(issuesOf(fixtureInput({ storage: { backupReplicaRegion: 'eu-west-1' } }))).toEqual(['test: storage.backupReplicaRegion: is eu-west-1, the primary region (aws.region); pick another region or remove it']);
    expect(issuesOrEmpty(fixtureInput({ storage: { backupReplicaRegion: 'eu-central-1' } }))).toEqual([]);
  });

  it.each(['argocd', 'kube-system', 'default', 'karpenter', 'monitoring'])('rejects the reserved tenant namespace %p with the fix', (namespace) => {
    const found = issuesOf(fixtureInput({ tenants: [{ namespace, owner: 'team-a@acme.example', quota: { requestsCpu: 1, requestsMemoryGiB: 1, limitsMemoryGiB: 1, pods: 10, persistentVolumeClaims: 0, requestsStorageGiB: 0 } }] }));
    expect(found).toEqual([expect.stringMatching(new RegExp(`^test: tenants\\[0\\]\\.namespace: "${namespace}" is a Kubernetes or platform namespace .*; name the tenant namespace after the team, e\\.g\\. team-${namespace}$`))]);
  });

  it('reserves the Kubernetes system namespaces and every add-on name', () => {
    expect(reservedNamespaces()).toEqual(expect.arrayContaining(['kube-system', 'kube-public', 'kube-node-lease', 'default', 'argocd', 'external-dns', 'tekton-builds']));
  });

  it.each(['team\nplatform', 'team\tplatform', 'owner<script>', 'a;b', 'x'.repeat(257)])('rejects tags.owner %p (AWS tag character set and length)', (owner) => {
    expect(issuesOf(fixtureInput({ tags: { owner } }))).toEqual([expect.stringMatching(/^test: tags\.owner: .*(AWS rejects in a tag value; use only letters, digits, spaces and _ \. : \/ = \+ - @|AWS allows at most 256)/)]);
  });

  it('accepts the AWS tag characters in any language', () => {
    expect(awsTagProblem('value', 'Équipe plateforme: ops@acme.example/eu +1 =_-.')).toBeUndefined();
    expect(awsTagProblem('key', 'aws:createdBy')).toMatch(/reserved aws: prefix/);
    expect(awsTagProblem('key', '')).toMatch(/empty/);
  });

  it('bounds the managed node group size by the EKS quota', () => {
    expect(issuesOf(fixtureInput({ cluster: { systemNodeGroup: { maxSize: 451 } } }))).toEqual([expect.stringMatching(/^test: cluster\.systemNodeGroup\.maxSize: must be at most 450/)]);
  });
});
