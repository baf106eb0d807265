import { join } from 'node:path';
import { loadDistTree } from '../dist-tree';
import { SchemaRegistry } from '../kubernetes/schema-registry';
import { appProject, pathApplication, rootApplication, terraformStack } from '../testing/fixtures';
import { type FixtureFile, writeFixtureTree } from '../testing/fixture-tree';
import { validateGitops } from './validate-gitops';
import { validatePodIdentity } from './validate-pod-identity';

const ENV = 'dev';
const UPSTREAM = process.env['PLATFORM_UPSTREAM_DIR'] ?? join(__dirname, '../../../../../shared/upstream');

function serviceAccount(namespace: string, name: string, labels?: Record<string, string>) {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace, ...(labels ? { labels } : {}) } };
}

function podIamStack(): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const s = terraformStack('pod-iam') as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  s['resource'] = {
    aws_iam_role: { karpenter: { name: 'karpenter' }, ebs: { name: 'ebs' } },
    aws_eks_pod_identity_association: {
      karpenter: { cluster_name: 'c', namespace: 'karpenter', service_account: 'karpenter', role_arn: '${aws_iam_role.karpenter.arn}' },
      ebs: { cluster_name: 'c', namespace: 'kube-system', service_account: 'ebs-csi-controller-sa', role_arn: '${aws_iam_role.ebs.arn}' },
    },
    aws_eks_addon: { ebs: { cluster_name: 'c', addon_name: 'aws-ebs-csi-driver', depends_on: ['aws_eks_pod_identity_association.ebs'] } },
  };
  return s;
}

function tree(files: Record<string, FixtureFile>) {
  return loadDistTree(writeFixtureTree(ENV, files), ENV, 'dist');
}

describe('validatePodIdentity', () => {
  it('matches associations with rendered ServiceAccounts; add-on service accounts are exempt', () => {
    const t = tree({
      'terraform/pod-iam/cdk.tf.json': { json: podIamStack() },
      'kubernetes/addons/karpenter/sa.yaml': { yaml: [serviceAccount('karpenter', 'karpenter', { 'platform.io/pod-identity': 'karpenter' })] },
    });
    expect(validatePodIdentity(t.stacks, t.objects)).toEqual([]);
  });

  it('flags an association without ServiceAccount and a contract ServiceAccount without association', () => {
    const t = tree({
      'terraform/pod-iam/cdk.tf.json': { json: podIamStack() },
      'kubernetes/addons/karpenter/sa.yaml': { yaml: [serviceAccount('karpenter', 'karpenter-controller', { 'platform.io/pod-identity': 'karpenter' })] },
    });
    expect(validatePodIdentity(t.stacks, t.objects).map((f) => `${f.rule} ${f.file} ${f.object}`)).toEqual([
      'XL-POD-001 dist/dev/terraform/pod-iam/cdk.tf.json aws_eks_pod_identity_association.karpenter',
      'XL-POD-002 dist/dev/kubernetes/addons/karpenter/sa.yaml v1/ServiceAccount karpenter/karpenter-controller',
    ]);
  });

  it('flags the ServiceAccount of an association that lacks the pod identity label; unlabelled ServiceAccounts nothing targets are not contract identities', () => {
    const t = tree({
      'terraform/pod-iam/cdk.tf.json': { json: podIamStack() },
      'kubernetes/addons/karpenter/sa.yaml': { yaml: [serviceAccount('karpenter', 'karpenter'), serviceAccount('karpenter', 'karpenter-webhook')] },
    });
    expect(validatePodIdentity(t.stacks, t.objects).map((f) => `${f.rule} ${f.object} ${f.path} ${f.message}`)).toEqual([
      'XL-POD-004 v1/ServiceAccount karpenter/karpenter metadata.labels ServiceAccount karpenter/karpenter is the target of an aws_eks_pod_identity_association but lacks the label platform.io/pod-identity that every contract ServiceAccount carries (rendered by ContractServiceAccounts, not by a chart)',
    ]);
  });
});

describe('validateGitops', () => {
  const base = (): Record<string, FixtureFile> => ({
    'kubernetes/bootstrap/root.yaml': { yaml: [appProject(), rootApplication(ENV)] },
    'kubernetes/apps/web.yaml': { yaml: [pathApplication(ENV, 'web', 'kubernetes/addons/web')] },
    'kubernetes/addons/web/ns.yaml': { yaml: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web' } }] },
  });

  it('resolves path sources inside the published tree', () => {
    expect(validateGitops(tree(base()))).toEqual([]);
  });

  it('flags paths that do not resolve, paths outside the environment, and Applications their project does not permit', () => {
    const files = base();
    const outside = pathApplication(ENV, 'other', 'x');
    ((outside['spec'] as Record<string, Record<string, unknown>>)['source'])['path'] = 'clusters/prod/kubernetes/addons/web';
    const unpermitted = pathApplication(ENV, 'ext', 'kubernetes/addons/web');
    ((unpermitted['spec'] as Record<string, Record<string, unknown>>)['source'])['repoURL'] = 'https://github.com/example/other.git';
    files['kubernetes/apps/web.yaml'] = { yaml: [pathApplication(ENV, 'web', 'kubernetes/addons/webb'), outside, unpermitted] };
    expect(validateGitops(tree(files)).map((f) => `${f.rule} ${f.object} ${f.path} ${f.message}`)).toEqual([
      'XL-GITOPS-001 argoproj.io/v1alpha1/Application argocd/web spec.source.path path "clusters/dev/kubernetes/addons/webb" maps to dist/dev/kubernetes/addons/webb, which holds no YAML in the published tree',
      'XL-GITOPS-001 argoproj.io/v1alpha1/Application argocd/other spec.source.path path "clusters/prod/kubernetes/addons/web" is outside this environment\'s folder "clusters/dev/" of the GitOps repo',
      'XL-ARGO-001 argoproj.io/v1alpha1/Application argocd/ext spec.source.repoURL repoURL https://github.com/example/other.git is not in sourceRepos of AppProject platform',
    ]);
  });

  it('checks every object a path source renders against the AppProject: cluster-scoped kinds, namespaced kinds and namespaces', () => {
    const registry = new SchemaRegistry({ upstreamDir: UPSTREAM, kubeVersion: '1.34' });
    const scopeOf = (apiVersion: string, kind: string) => registry.scopeOf(apiVersion, kind);
    const files = base();
    const project = appProject();
    Object.assign(project['spec'] as Record<string, unknown>, {
      destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'web' }, { server: 'https://kubernetes.default.svc', namespace: 'argocd' }],
      clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
      namespaceResourceBlacklist: [{ group: '', kind: 'ResourceQuota' }],
    });
    files['kubernetes/bootstrap/root.yaml'] = { yaml: [project, rootApplication(ENV)] };
    files['kubernetes/addons/web/objects.yaml'] = {
      yaml: [
        { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'gvisor' }, handler: 'runsc' },
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' } },
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ok' } },
        { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'quota', namespace: 'web' } },
        { apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name: 'general' } },
      ],
    };
    // A subfolder is not rendered by a non-recursive directory source.
    files['kubernetes/addons/web/nested/cm.yaml'] = { yaml: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'nested', namespace: 'kube-system' } }] };
    expect(validateGitops(tree(files), scopeOf).map((f) => `${f.rule} ${f.object} ${f.path} ${f.message}`)).toEqual([
      'XL-ARGO-001 node.k8s.io/v1/RuntimeClass gvisor kind cluster-scoped kind node.k8s.io/RuntimeClass is not in clusterResourceWhitelist of AppProject platform (rendered by argoproj.io/v1alpha1/Application argocd/web spec.source)',
      'XL-ARGO-001 v1/ConfigMap default/settings metadata.namespace namespace default is not a destination of AppProject platform for https://kubernetes.default.svc (spec.destinations; rendered by argoproj.io/v1alpha1/Application argocd/web spec.source)',
      'XL-ARGO-001 v1/ResourceQuota web/quota kind namespaced kind core/ResourceQuota is in namespaceResourceBlacklist of AppProject platform (rendered by argoproj.io/v1alpha1/Application argocd/web spec.source)',
      'XL-ARGO-001 karpenter.sh/v1/NodePool general kind cluster-scoped kind karpenter.sh/NodePool is not in clusterResourceWhitelist of AppProject platform (rendered by argoproj.io/v1alpha1/Application argocd/web spec.source)',
    ]);
    // With `directory.recurse: true` the subfolder is rendered too.
    const app = pathApplication(ENV, 'web', 'kubernetes/addons/web');
    ((app['spec'] as Record<string, Record<string, unknown>>)['source'])['directory'] = { recurse: true };
    files['kubernetes/apps/web.yaml'] = { yaml: [app] };
    expect(validateGitops(tree(files), scopeOf).map((f) => f.object)).toContain('v1/ConfigMap kube-system/nested');
    // `directory.include` / `exclude` globs select the files the source renders.
    ((app['spec'] as Record<string, Record<string, unknown>>)['source'])['directory'] = { recurse: true, include: '{objects.yaml,nested/*}', exclude: 'nested/*' };
    expect(validateGitops(tree(files), scopeOf).map((f) => f.object)).not.toContain('v1/ConfigMap kube-system/nested');
    ((app['spec'] as Record<string, Record<string, unknown>>)['source'])['directory'] = { include: 'other.yaml' };
    expect(validateGitops(tree(files), scopeOf)).toEqual([]);
  });

  it('needs a root Application to know the GitOps repo', () => {
    const files = base();
    delete files['kubernetes/bootstrap/root.yaml'];
    files['kubernetes/bootstrap/project.yaml'] = { yaml: [appProject()] };
    expect(validateGitops(tree(files)).map((f) => f.rule)).toEqual(['XL-GITOPS-002']);
  });
});

