import { loadDistTree } from '../dist-tree';
import { terraformStack } from '../testing/fixtures';
import { type FixtureFile, writeFixtureTree } from '../testing/fixture-tree';
import { iamMatches, validateBackupTargets } from './validate-backup-targets';

const ENV = 'dev';
const BUCKET = 'acme-dev-backups-111122223333';

/** The pod-iam stack as the platform renders it: association -> role -> inline policy on `<bucket>/<prefix>/*`. */
function podIamStack(allowedPrefix: string, serviceAccount = 'platform-postgres'): Record<string, unknown> {
  const s = terraformStack('pod-iam') as Record<string, unknown>;
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ListBackupsBucketOwnPrefix', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [`arn:aws:s3:::${BUCKET}`], Condition: { StringLikeIfExists: { 's3:prefix': [`${allowedPrefix}/*`] } } },
      { Sid: 'ReadWriteBackupsOwnObjects', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: [`arn:aws:s3:::${BUCKET}/${allowedPrefix}/*`] },
    ],
  };
  s['resource'] = {
    aws_eks_pod_identity_association: { cnpg: { cluster_name: 'acme-dev', namespace: 'databases', service_account: serviceAccount, role_arn: '${aws_iam_role.cnpg.arn}' } },
    aws_iam_role: { cnpg: { name: 'acme-dev-cnpg-backup', assume_role_policy: '{}' } },
    aws_iam_role_policy: { cnpg: { name: 'cnpg-backup', role: '${aws_iam_role.cnpg.id}', policy: JSON.stringify(policy) } },
  };
  return s;
}

const objectStore = (prefix: string) => ({
  apiVersion: 'barmancloud.cnpg.io/v1',
  kind: 'ObjectStore',
  metadata: { name: 'app-pg-backup', namespace: 'databases' },
  spec: { configuration: { destinationPath: `s3://${BUCKET}/${prefix}`, s3Credentials: { inheritFromIAMRole: true } } },
});
const cluster = {
  apiVersion: 'postgresql.cnpg.io/v1',
  kind: 'Cluster',
  metadata: { name: 'app-pg', namespace: 'databases' },
  spec: { instances: 1, serviceAccountName: 'platform-postgres', plugins: [{ name: 'barman-cloud.cloudnative-pg.io', isWALArchiver: true, parameters: { barmanObjectName: 'app-pg-backup' } }] },
};

function findings(files: Record<string, FixtureFile>) {
  const t = loadDistTree(writeFixtureTree(ENV, files), ENV, 'dist');
  return validateBackupTargets(t.stacks, t.objects);
}

describe('validateBackupTargets (XL-DATA-001)', () => {
  it('accepts an object store inside the prefix the writer ServiceAccount may write', () => {
    expect(findings({ 'terraform/pod-iam/cdk.tf.json': { json: podIamStack('cnpg-backup') }, 'kubernetes/addons/postgres-clusters/app-pg.yaml': { yaml: [cluster, objectStore('cnpg-backup')] } })).toEqual([]);
  });

  it('flags a backup target outside the Pod Identity policy (broken fixture), naming the cluster, the destination and the association', () => {
    const out = findings({ 'terraform/pod-iam/cdk.tf.json': { json: podIamStack('cnpg-backup') }, 'kubernetes/addons/postgres-clusters/app-pg.yaml': { yaml: [cluster, objectStore('postgres')] } });
    expect(out.map((f) => `${f.rule} ${f.file} ${f.object} ${f.path}`)).toEqual([
      'XL-DATA-001 dist/dev/kubernetes/addons/postgres-clusters/app-pg.yaml postgresql.cnpg.io/v1/Cluster databases/app-pg spec.plugins[0].parameters.barmanObjectName',
    ]);
    expect(out[0].message).toBe(
      `backs up to s3://${BUCKET}/postgres (ObjectStore app-pg-backup) as ServiceAccount databases/platform-postgres, but the role of aws_eks_pod_identity_association.cnpg does not allow s3:PutObject, s3:GetObject, s3:DeleteObject on arn:aws:s3:::${BUCKET}/postgres/app-pg/*; point the ObjectStore at the prefix the pod identity allows or widen its permission`,
    );
  });

  it('flags a writer ServiceAccount without any pod identity', () => {
    const out = findings({ 'terraform/pod-iam/cdk.tf.json': { json: podIamStack('cnpg-backup', 'someone-else') }, 'kubernetes/addons/postgres-clusters/app-pg.yaml': { yaml: [cluster, objectStore('cnpg-backup')] } });
    expect(out.map((f) => f.message)).toEqual([
      `backs up to s3://${BUCKET}/cnpg-backup (ObjectStore app-pg-backup) as ServiceAccount databases/platform-postgres, which has no aws_eks_pod_identity_association; give it the backup pod identity`,
    ]);
  });

  it('matches IAM wildcards across path segments', () => {
    expect(iamMatches('arn:aws:s3:::b/cnpg-backup/*', 'arn:aws:s3:::b/cnpg-backup/app-pg/wals/x')).toBe(true);
    expect(iamMatches('arn:aws:s3:::b/cnpg-backup/*', 'arn:aws:s3:::b/postgres/app-pg/x')).toBe(false);
    expect(iamMatches('s3:*', 's3:putobject')).toBe(true);
  });
});
