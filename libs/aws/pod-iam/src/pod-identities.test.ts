import { asList, dataSourcesOf, parsePolicy, resourcesOf, type StackJson, synthInStack } from '@platform/aws-core/testing';
import { BUCKET_PURPOSES, type PodIdentityEntry, podIdentityContract, podIdentityObjectPrefixes } from '@platform/config';
import { fixtureEnvironment } from '@platform/config/testing';
import { PlatformPodIdentities, type PlatformPodIdentitiesProps } from './platform-pod-identities';

const env = fixtureEnvironment();
/**
 * The fixture's contract plus one entry per permission kind that no add-on of the fixture uses yet
 * (the security, observability, data and DR layers bring them), so every statement builder is covered.
 */
const extraEntries: readonly PodIdentityEntry[] = [
  { id: 'cert-manager', namespace: 'cert-manager', serviceAccount: 'cert-manager', permissions: [{ kind: 'route53-dns01' }], serviceAccountOwner: 'platform' },
  { id: 'openbao', namespace: 'openbao', serviceAccount: 'openbao', permissions: [{ kind: 'kms-unseal' }], serviceAccountOwner: 'platform' },
  { id: 'loki', namespace: 'loki', serviceAccount: 'loki', permissions: [{ kind: 's3-bucket', bucket: 'logs' }], serviceAccountOwner: 'platform' },
  { id: 'tempo', namespace: 'tempo', serviceAccount: 'tempo', permissions: [{ kind: 's3-bucket', bucket: 'traces' }], serviceAccountOwner: 'platform' },
  { id: 'mimir', namespace: 'mimir', serviceAccount: 'mimir', permissions: [{ kind: 's3-bucket', bucket: 'metrics' }], serviceAccountOwner: 'platform' },
  { id: 'cnpg-backup', namespace: 'databases', serviceAccount: 'platform-postgres', permissions: [{ kind: 's3-bucket', bucket: 'backups' }], serviceAccountOwner: 'platform' },
  { id: 'velero', namespace: 'velero', serviceAccount: 'velero-server', permissions: [{ kind: 's3-bucket', bucket: 'backups' }, { kind: 'ebs-snapshots' }], serviceAccountOwner: 'platform' },
];
// entries of add-ons that joined the registry since come from the fixture's contract itself
const contract: readonly PodIdentityEntry[] = [...podIdentityContract(env), ...extraEntries.filter((x) => !podIdentityContract(env).some((e) => e.id === x.id))];

/** Actions allowed on Resource "*" because AWS offers no resource-level permissions for them. */
const NO_RESOURCE_LEVEL = /^(ec2:(Describe\w+|GetCoipPoolUsage|GetSecurityGroupsForVpc)|elasticloadbalancing:Describe\w+|pricing:GetProducts|acm:ListCertificates|iam:ListServerCertificates|shield:GetSubscriptionState|route53:ListHostedZones|route53:ListHostedZonesByName|ecr:GetAuthorizationToken|iam:ListInstanceProfiles|arc-zonal-shift:GetManagedResource)$/;

/** Flat props of the fixture's cluster `acme-test` in account 111122223333, eu-west-1; the dns stack created the zone. */
const props: PlatformPodIdentitiesProps = {
  accountId: '111122223333',
  region: 'eu-west-1',
  clusterName: 'acme-test',
  interruptionQueueName: 'acme-test-karpenter-interruption',
  karpenterNodeRoleName: 'acme-test-karpenter-node',
  ecrRepositoryPattern: 'acme/test/*',
  hostedZone: { domain: 'test.acme.example' },
  bucketNames: Object.fromEntries(BUCKET_PURPOSES.map((p) => [p, `acme-test-${p}-111122223333`])) as PlatformPodIdentitiesProps['bucketNames'],
  keyAliasName: (purpose) => `alias/acme-test/${purpose}`,
  alertsTopicArn: 'arn:aws:sns:eu-west-1:111122223333:acme-test-alerts',
  roleNameOf: (entry) => `acme-test-${entry.id}`,
  entries: contract,
};

let json: StackJson;
let jsonWithZone: StackJson;
beforeAll(() => {
  json = synthInStack(env, (s) => new PlatformPodIdentities(s, 'pod-identities', props), 'pod-iam');
  jsonWithZone = synthInStack(env, (s) => new PlatformPodIdentities(s, 'pod-identities', { ...props, hostedZone: { id: 'Z0123456789ABCDEFGHIJ', domain: 'test.acme.example' } }), 'pod-iam');
});

/** The role of a contract entry, found by its literal name `acme-test-<id>` (cluster `acme-test`). */
function roleOf(entryId: string): [string, Record<string, unknown>] {
  if (!contract.some((e) => e.id === entryId)) throw new Error(`no contract entry "${entryId}"`);
  const name = `acme-test-${entryId}`;
  const role = resourcesOf(json, 'aws_iam_role').find(([, r]) => r.name === name);
  if (!role) throw new Error(`no role ${name}`);
  return role;
}

function policyOf(entryId: string) {
  const [roleId] = roleOf(entryId);
  const policies = resourcesOf(json, 'aws_iam_role_policy').filter(([, p]) => p.role === `\${aws_iam_role.${roleId}.id}`);
  expect(policies).toHaveLength(1);
  return { text: policies[0][1].policy as string, doc: parsePolicy(policies[0][1].policy) };
}

describe('PlatformPodIdentities', () => {
  it('creates exactly one Pod Identity association per contract entry, for its namespace and service account', () => {
    const associations = resourcesOf(json, 'aws_eks_pod_identity_association').map(([, a]) => a);
    expect(associations).toHaveLength(contract.length);
    for (const entry of contract) {
      const matching = associations.filter((a) => a.namespace === entry.namespace && a.service_account === entry.serviceAccount);
      expect(matching).toHaveLength(1);
      expect(matching[0]).toMatchObject({ cluster_name: 'acme-test', role_arn: `\${aws_iam_role.${roleOf(entry.id)[0]}.arn}` });
    }
  });

  it('names each role <cluster>-<entry id> within the 64-character IAM limit', () => {
    const names = resourcesOf(json, 'aws_iam_role').map(([, r]) => r.name as string);
    expect(names.sort()).toEqual(contract.map((e) => `acme-test-${e.id}`).sort());
    expect(names).toContain('acme-test-aws-load-balancer-controller');
    for (const name of names) expect(name.length).toBeLessThanOrEqual(64);
    expect(() => roleOf('no-such-entry')).toThrow('no contract entry "no-such-entry"');
  });

  it('trusts only pods.eks.amazonaws.com of this cluster in every role', () => {
    for (const entry of contract) {
      const trust = parsePolicy(roleOf(entry.id)[1].assume_role_policy);
      expect(trust.Statement).toHaveLength(1);
      expect(trust.Statement[0]).toMatchObject({
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' }, ArnEquals: { 'aws:SourceArn': 'arn:aws:eks:eu-west-1:111122223333:cluster/acme-test' } },
      });
    }
  });

  it('never allows a wildcard action, and uses Resource "*" only for actions without resource-level permissions', () => {
    for (const entry of contract) {
      for (const s of policyOf(entry.id).doc.Statement) {
        for (const action of asList(s.Action)) expect(action).not.toContain('*');
        if (asList(s.Resource).includes('*')) {
          for (const action of asList(s.Action)) expect(`${entry.id}: ${action}`).toMatch(new RegExp(`^${entry.id}: ${NO_RESOURCE_LEVEL.source.slice(1)}`));
        }
      }
    }
  });

  it('scopes every ARN to the partition, region and account of the environment', () => {
    for (const entry of contract) {
      for (const s of policyOf(entry.id).doc.Statement) {
        for (const r of asList(s.Resource).filter((x) => x.startsWith('arn:'))) {
          const [, partition, , region, account] = r.split(':');
          expect(partition).toBe('aws');
          expect(['', 'eu-west-1']).toContain(region);
          expect(['', '111122223333']).toContain(account);
        }
      }
    }
  });

  it('names only the entry’s own bucket and key in s3-bucket policies', () => {
    for (const entry of contract.filter((e) => e.permissions.some((p) => p.kind === 's3-bucket'))) {
      const own = entry.permissions.flatMap((p) => (p.kind === 's3-bucket' ? [p.bucket] : []));
      const { text } = policyOf(entry.id);
      for (const purpose of BUCKET_PURPOSES) {
        const mentionsBucket = text.includes(`acme-test-${purpose}-111122223333`);
        const mentionsKey = text.includes(`data.aws_kms_alias.pod-identities_kms-s3-${purpose}.`);
        expect([entry.id, purpose, mentionsBucket, mentionsKey]).toEqual([entry.id, purpose, own.includes(purpose), own.includes(purpose)]);
      }
    }
  });

  it('confines every s3-bucket entry to its own <entry id>/ prefix, so no two entries can touch each other’s objects', () => {
    const s3Entries = contract.filter((e) => e.permissions.some((p) => p.kind === 's3-bucket'));
    // The backups bucket is shared (CloudNativePG and Velero): the case the prefixes exist for.
    expect(s3Entries.filter((e) => e.permissions.some((p) => p.kind === 's3-bucket' && p.bucket === 'backups')).length).toBeGreaterThan(1);
    const objectGrants = new Map<string, string[]>();
    for (const entry of s3Entries) {
      const statements = policyOf(entry.id).doc.Statement;
      const s3 = statements.filter((st) => asList(st.Action).some((a) => a.startsWith('s3:')));
      const objectResources = s3.flatMap((st) => asList(st.Resource)).filter((r) => r.includes('/'));
      expect([entry.id, objectResources.every((r) => /^arn:aws:s3:::acme-test-[a-z]+-111122223333\/[a-z0-9-]+\/\*$/.test(r))]).toEqual([entry.id, true]);
      const owned = entry.permissions.flatMap((p) => (p.kind === 's3-bucket' ? podIdentityObjectPrefixes(entry, p) : []));
      expect([entry.id, objectResources.every((r) => owned.some((o) => r.endsWith(`/${o}*`)))]).toEqual([entry.id, true]);
      objectGrants.set(entry.id, objectResources);
      // IfExists: HeadBucket (barman-cloud, most S3 clients) carries no s3:prefix and must pass;
      // a listing of another entry's prefix is still refused.
      for (const st of s3.filter((x) => asList(x.Action).includes('s3:ListBucket'))) {
        expect([entry.id, st.Condition]).toEqual([entry.id, { StringLikeIfExists: { 's3:prefix': owned.map((o) => `${o}*`) } }]);
      }
      // No s3 statement on a bucket-level ARN grants object or unconditioned list access.
      for (const st of s3.filter((x) => asList(x.Resource).some((r) => !r.includes('/')))) {
        for (const a of asList(st.Action)) expect([entry.id, a]).toEqual([entry.id, expect.stringMatching(/^s3:(ListBucket|GetBucketLocation|ListBucketMultipartUploads)$/)]);
      }
    }
    // Pairwise: no object ARN pattern of one entry matches an object under another entry's prefix.
    const matches = (pattern: string, key: string): boolean => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(key);
    for (const [a, patterns] of objectGrants) {
      for (const b of objectGrants.keys()) {
        if (a === b) continue;
        for (const purpose of BUCKET_PURPOSES) {
          const key = `arn:aws:s3:::acme-test-${purpose}-111122223333/${b}/base/object`;
          expect([a, b, purpose, patterns.some((p) => matches(p, key))]).toEqual([a, b, purpose, false]);
        }
      }
    }
  });

  it('grants an entry its extra prefixes too (Mimir: blocks under mimir/, rules under mimirruler/), and rejects one it does not own', () => {
    const { doc } = policyOf('mimir');
    const objects = doc.Statement.filter((st) => asList(st.Action).includes('s3:GetObject')).flatMap((st) => asList(st.Resource));
    expect(objects).toEqual(['arn:aws:s3:::acme-test-metrics-111122223333/mimir/*', 'arn:aws:s3:::acme-test-metrics-111122223333/mimirruler/*']);
    expect(() => podIdentityObjectPrefixes({ id: 'mimir' }, { extraPrefixes: ['loki/'] })).toThrow('pod identity entry "mimir": extraPrefixes "loki/" must be "mimir" followed by letters or digits and "/", e.g. "mimirruler/"');
    expect(() => podIdentityObjectPrefixes({ id: 'mimir' }, { extraPrefixes: ['mimir/x/'] })).toThrow(/extraPrefixes "mimir\/x\/"/);
  });

  it('keeps cross-entry resources apart: queue, hosted zone, unseal key and EBS key', () => {
    const mentions = (id: string, marker: string): boolean => policyOf(id).text.includes(marker);
    for (const entry of contract) {
      const kinds = entry.permissions.map((p) => p.kind);
      expect([entry.id, mentions(entry.id, 'acme-test-karpenter-interruption')]).toEqual([entry.id, kinds.includes('karpenter-controller')]);
      expect([entry.id, mentions(entry.id, 'aws_route53_zone')]).toEqual([entry.id, kinds.includes('route53-records') || kinds.includes('route53-dns01')]);
      expect([entry.id, mentions(entry.id, 'kms-openbao-unseal')]).toEqual([entry.id, kinds.includes('kms-unseal')]);
      expect([entry.id, mentions(entry.id, 'kms-ebs.')]).toEqual([entry.id, kinds.some((k) => ['karpenter-controller', 'ebs-csi-driver', 'ebs-snapshots'].includes(k))]);
    }
  });

  it('limits cert-manager to _acme-challenge TXT records', () => {
    const change = policyOf('cert-manager').doc.Statement.find((s) => asList(s.Action).includes('route53:ChangeResourceRecordSets'));
    expect(change?.Condition).toEqual({
      'ForAllValues:StringLike': { 'route53:ChangeResourceRecordSetsNormalizedRecordNames': ['_acme-challenge.*'] },
      'ForAllValues:StringEquals': { 'route53:ChangeResourceRecordSetsRecordTypes': ['TXT'] },
    });
  });

  it('scopes Karpenter to this cluster by tag and passes only the Karpenter node role', () => {
    const { doc } = policyOf('karpenter');
    const pass = doc.Statement.find((s) => s.Sid === 'AllowPassingInstanceRole');
    expect(pass?.Resource).toEqual(['arn:aws:iam::111122223333:role/acme-test-karpenter-node']);
    const deletion = doc.Statement.find((s) => s.Sid === 'AllowScopedDeletion');
    expect(deletion?.Condition?.StringEquals).toEqual({ 'aws:ResourceTag/kubernetes.io/cluster/acme-test': 'owned' });
    expect(doc.Statement.find((s) => s.Sid === 'AllowInterruptionQueueActions')?.Resource).toEqual(['arn:aws:sqs:eu-west-1:111122223333:acme-test-karpenter-interruption']);
  });

  it('matches the Karpenter v1.14 upstream policy: placement groups, instance status, zonal shift, unscoped ListInstanceProfiles', () => {
    const { doc } = policyOf('karpenter');
    const sid = (id: string) => doc.Statement.find((s) => s.Sid === id);
    expect(sid('AllowScopedEC2InstanceAccessActions')?.Resource).toContain('arn:aws:ec2:eu-west-1:111122223333:placement-group/*');
    expect(asList(sid('AllowRegionalReadActions')?.Action)).toEqual(expect.arrayContaining(['ec2:DescribeInstanceStatus', 'ec2:DescribePlacementGroups']));
    expect(sid('AllowZonalShiftStatusReadOnly')).toMatchObject({
      Action: ['arc-zonal-shift:GetManagedResource'],
      Resource: '*',
      Condition: { StringEquals: { 'arc-zonal-shift:ResourceIdentifier': 'arn:aws:eks:eu-west-1:111122223333:cluster/acme-test' } },
    });
    expect(sid('AllowUnscopedInstanceProfileListAction')).toMatchObject({ Action: ['iam:ListInstanceProfiles'], Resource: '*' });
    expect(sid('AllowInstanceProfileReadActions')).toMatchObject({ Action: ['iam:GetInstanceProfile'], Resource: ['arn:aws:iam::111122223333:instance-profile/*'] });
  });

  it('grants ModifyListenerAttributes on listener ARNs of this cluster (it authorizes against the listener)', () => {
    const { doc } = policyOf('aws-load-balancer-controller');
    const grants = doc.Statement.filter((s) => asList(s.Action).includes('elasticloadbalancing:ModifyListenerAttributes'));
    expect(grants).toEqual([
      expect.objectContaining({
        Resource: ['arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/*/*/*', 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/net/*/*/*'],
        Condition: { StringEquals: { 'aws:ResourceTag/elbv2.k8s.aws/cluster': 'acme-test' } },
      }),
    ]);
  });

  it('scopes the load balancer controller by the elbv2.k8s.aws/cluster tag of this cluster', () => {
    const { doc } = policyOf('aws-load-balancer-controller');
    const create = doc.Statement.find((s) => s.Sid === 'CreateTaggedLoadBalancersAndTargetGroups');
    expect(create?.Condition).toEqual({ StringEquals: { 'aws:RequestTag/elbv2.k8s.aws/cluster': 'acme-test' } });
    const modify = doc.Statement.find((s) => s.Sid === 'ModifyOwnLoadBalancers');
    expect(modify?.Condition).toEqual({ StringEquals: { 'aws:ResourceTag/elbv2.k8s.aws/cluster': 'acme-test' } });
  });

  it('alertmanager may publish to the alerts topic and use its key, nothing else', () => {
    const { doc } = policyOf('alertmanager');
    expect(doc.Statement).toEqual([
      { Sid: 'PublishToAlertsTopic', Effect: 'Allow', Action: ['sns:Publish'], Resource: ['arn:aws:sns:eu-west-1:111122223333:acme-test-alerts'] },
      { Sid: 'EncryptForAlertsTopic', Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: [expect.stringMatching(/^\$\{data\.aws_kms_alias\..*alerts.*\.target_key_arn\}$/)] },
    ]);
  });

  it('looks up KMS keys by alias only when an entry needs them', () => {
    const aliases = dataSourcesOf(json, 'aws_kms_alias').map(([, d]) => d.name).sort();
    expect(aliases).toEqual(
      ['alias/acme-test/alerts', 'alias/acme-test/ebs', 'alias/acme-test/openbao-unseal', 'alias/acme-test/s3-backups', 'alias/acme-test/s3-logs', 'alias/acme-test/s3-metrics', 'alias/acme-test/s3-traces'].sort(),
    );
  });

  it('uses hostedZone.id when set, and otherwise finds the zone by hostedZone.domain', () => {
    expect(dataSourcesOf(json, 'aws_route53_zone').map(([, d]) => d)).toEqual([expect.objectContaining({ name: 'test.acme.example', private_zone: false })]);
    expect(dataSourcesOf(jsonWithZone, 'aws_route53_zone')).toHaveLength(0);
    expect(JSON.stringify(jsonWithZone.resource?.aws_iam_role_policy)).toContain('arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ');
  });

  it('refuses two entries with one id or one service account, naming the entry', () => {
    const [first] = contract;
    const twice = (entries: readonly PodIdentityEntry[]) => () => synthInStack(env, (s) => new PlatformPodIdentities(s, 'ids', { ...props, entries }), 'pod-iam');
    expect(twice([first, { ...first, namespace: 'other' }])).toThrow(`pod-iam/ids: entries list the pod identity entry id "${first.id}" twice`);
    expect(twice([first, { ...first, id: 'copy' }])).toThrow(`pod-iam/ids: pod identity entry "copy" reuses service account ${first.namespace}/${first.serviceAccount}; one association per service account`);
  });

  it('refuses a roleName above the 64-character IAM limit, naming it and the entry', () => {
    const long = `acme-test-${'x'.repeat(60)}`;
    expect(() => synthInStack(env, (s) => new PlatformPodIdentities(s, 'ids', { ...props, entries: [contract[0]], roleNameOf: () => long }), 'pod-iam')).toThrow(
      `pod-iam/ids/${contract[0].id}: roleName "${long}" of pod identity entry "${contract[0].id}" exceeds 64 characters`,
    );
  });
});
