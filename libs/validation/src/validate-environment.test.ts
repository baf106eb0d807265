
import { existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { main } from './cli';
import type { Finding } from './finding';
import {
  appProject,
  argoCdApplication,
  deployment,
  eventListener,
  GITOPS_REPO,
  namespace,
  nodePool,
  pathApplication,
  rootApplication,
  TEKTON_COMPUTE_RESOURCES,
  tektonPipeline,
  tektonStep,
  tektonTask,
  terraformStack,
  triggerTemplate,
} from './testing/fixtures';
import { type FixtureFile, writeFixtureTree } from './testing/fixture-tree';
import { WORKSPACE_ROOT } from './upstream-dir';
import { validateEnvironment } from './validate-environment';

const UPSTREAM = process.env['PLATFORM_UPSTREAM_DIR'] ?? join(__dirname, '../../../../shared/upstream');
const ENV = 'dev';

/** A complete, valid environment tree. */
function cleanTree(): Record<string, FixtureFile> {
  return {
    'kubernetes/bootstrap/root-application.yaml': { yaml: [namespace('argocd'), appProject(), rootApplication(ENV)] },
    'kubernetes/apps/argocd.yaml': { yaml: [argoCdApplication({ server: { replicas: 2, resources: { requests: { cpu: '100m', memory: '128Mi' } } }, configs: { cm: { 'timeout.reconciliation': '180s' } } })] },
    'kubernetes/apps/web.yaml': { yaml: [pathApplication(ENV, 'web', 'kubernetes/addons/web')] },
    'kubernetes/addons/web/web.yaml': { yaml: [namespace('apps'), deployment()] },
    'kubernetes/addons/karpenter/nodepool.yaml': { yaml: [nodePool()] },
    // The shapes of the real build pipeline (kubernetes/addons/tekton-builds): its Tekton steps are the containers.
    'kubernetes/addons/tekton-builds/tasks.yaml': { yaml: [namespace('tekton-builds'), tektonTask(), tektonPipeline()] },
    'kubernetes/addons/tekton-builds/triggers.yaml': { yaml: [eventListener(), triggerTemplate([tektonStep({ computeResources: TEKTON_COMPUTE_RESOURCES })])] },
    'terraform/storage/cdk.tf.json': { json: terraformStack('storage') },
  };
}

function run(files: Record<string, FixtureFile>): readonly Finding[] {
  const dist = writeFixtureTree(ENV, files);
  return validateEnvironment(dist, ENV, { upstreamDir: UPSTREAM }, 'dist').findings;
}

describe('validateEnvironment', () => {
  it('passes a clean tree', () => {
    expect(run(cleanTree())).toEqual([]);
  });

  // Each case breaks one thing; the finding must name the file, the object, the JSON path and the rule.
  const cases: { name: string; mutate: (t: Record<string, FixtureFile>) => void; expected: Finding }[] = [
    {
      name: 'an unknown field in a Deployment',
      mutate: (t) => {
        t['kubernetes/addons/web/web.yaml'] = { yaml: [namespace('apps'), deployment({ container: { imagePullPolicyy: 'Always' } })] };
      },
      expected: {
        file: 'dist/dev/kubernetes/addons/web/web.yaml',
        object: 'apps/v1/Deployment apps/web',
        path: 'spec.template.spec.containers[0].imagePullPolicyy',
        rule: 'K8S-SCHEMA-001',
        message: 'unknown field "imagePullPolicyy"',
      },
    },
    {
      name: 'an unknown field in an ArgoCD Application',
      mutate: (t) => {
        const app = pathApplication(ENV, 'web', 'kubernetes/addons/web');
        (app['spec'] as Record<string, unknown>)['syncPolicyy'] = { automated: {} };
        t['kubernetes/apps/web.yaml'] = { yaml: [app] };
      },
      expected: { file: 'dist/dev/kubernetes/apps/web.yaml', object: 'argoproj.io/v1alpha1/Application argocd/web', path: 'spec.syncPolicyy', rule: 'K8S-SCHEMA-001', message: 'unknown field "syncPolicyy"' },
    },
    {
      name: 'a wrong type in a Karpenter NodePool',
      mutate: (t) => {
        const np = nodePool();
        ((np['spec'] as Record<string, unknown>)['disruption'] as Record<string, unknown>)['consolidateAfter'] = 30;
        t['kubernetes/addons/karpenter/nodepool.yaml'] = { yaml: [np] };
      },
      expected: { file: 'dist/dev/kubernetes/addons/karpenter/nodepool.yaml', object: 'karpenter.sh/v1/NodePool general', path: 'spec.disruption.consolidateAfter', rule: 'K8S-SCHEMA-002', message: 'must be string, got 30' },
    },
    {
      name: 'a misspelled key in argo-cd chart values',
      mutate: (t) => {
        t['kubernetes/apps/argocd.yaml'] = { yaml: [argoCdApplication({ server: { replicaz: 2 } })] };
      },
      expected: {
        file: 'dist/dev/kubernetes/apps/argocd.yaml',
        object: 'argoproj.io/v1alpha1/Application argocd/argocd',
        path: 'spec.source.helm.valuesObject.server.replicaz',
        rule: 'HELM-KEY-001',
        message: 'key "server.replicaz" is not in charts/argo-cd/10.1.1/values.yaml (misspelled, or add a free-form path for chart argo-cd in libs/validation/src/helm/free-form-paths.ts)',
      },
    },
    {
      name: 'a :latest image',
      mutate: (t) => {
        t['kubernetes/addons/web/web.yaml'] = { yaml: [namespace('apps'), deployment({ image: 'public.ecr.aws/nginx/nginx:latest' })] };
      },
      expected: {
        file: 'dist/dev/kubernetes/addons/web/web.yaml',
        object: 'apps/v1/Deployment apps/web',
        path: 'spec.template.spec.containers[0].image',
        rule: 'K8S-POD-008',
        message: 'images must be pinned by tag or digest (no :latest, no tag-less image) (container "web")',
      },
    },
    {
      name: 'a Docker Hub image in a Tekton step (the real containers of the build pipeline)',
      mutate: (t) => {
        t['kubernetes/addons/tekton-builds/tasks.yaml'] = { yaml: [namespace('tekton-builds'), tektonTask({ steps: [tektonStep({ image: 'docker.io/alpine/git:v2.47.2' })] })] };
      },
      expected: {
        file: 'dist/dev/kubernetes/addons/tekton-builds/tasks.yaml',
        object: 'tekton.dev/v1/Task tekton-builds/git-clone',
        path: 'spec.steps[0].image',
        rule: 'K8S-POD-007',
        message: 'images must come from an allowed registry (public.ecr.aws/, ecr-public.aws.com/, registry.k8s.io/, quay.io/, ghcr.io/, private ECR; Docker Hub is not allowed) (step "clone")',
      },
    },
    {
      name: 'a privileged pod',
      mutate: (t) => {
        t['kubernetes/addons/web/web.yaml'] = { yaml: [namespace('apps'), deployment({ container: { securityContext: { privileged: true } } })] };
      },
      expected: {
        file: 'dist/dev/kubernetes/addons/web/web.yaml',
        object: 'apps/v1/Deployment apps/web',
        path: 'spec.template.spec.containers[0].securityContext.privileged',
        rule: 'K8S-POD-003',
        message: 'privileged containers are not allowed (securityContext.privileged) (container "web")',
      },
    },
    {
      name: 'an unencrypted bucket',
      mutate: (t) => {
        const stack = terraformStack('storage');
        delete (stack['resource'] as Record<string, unknown>)['aws_s3_bucket_server_side_encryption_configuration'];
        t['terraform/storage/cdk.tf.json'] = { json: stack };
      },
      expected: { file: 'dist/dev/terraform/storage/cdk.tf.json', object: 'aws_s3_bucket.logs', path: '-', rule: 'TF-S3-001', message: 'bucket has no aws_s3_bucket_server_side_encryption_configuration (SSE-KMS required)' },
    },
    {
      name: 'a dangling Terraform reference',
      mutate: (t) => {
        const stack = terraformStack('storage');
        ((stack['resource'] as Record<string, Record<string, Record<string, unknown>>>)['aws_subnet']['a'])['availability_zone'] = '${element(data.aws_availability_zones.zones.names, 0)}';
        t['terraform/storage/cdk.tf.json'] = { json: stack };
      },
      expected: {
        file: 'dist/dev/terraform/storage/cdk.tf.json',
        object: 'aws_subnet.a',
        path: 'availability_zone',
        rule: 'TF-REF-001',
        message: 'dangling reference ${data.aws_availability_zones.zones.names}: data source aws_availability_zones.zones does not exist in this stack',
      },
    },
  ];

  it('resolves $ref value files of multi-source Applications into the tree, checks their keys, and checks every source path', () => {
    const multi = argoCdApplication({});
    const spec = multi['spec'] as Record<string, unknown>;
    const chartSource = spec['source'] as Record<string, unknown>;
    delete spec['source'];
    spec['sources'] = [
      {
        ...chartSource,
        helm: {
          releaseName: 'argocd',
          valueFiles: ['$values/clusters/dev/kubernetes/values/argocd.yaml', '$values/clusters/dev/kubernetes/values/missing.yaml', '$config/argocd.yaml', '$values/clusters/prod/kubernetes/values/argocd.yaml'],
        },
      },
      { repoURL: GITOPS_REPO, targetRevision: 'main', ref: 'values' },
      { repoURL: GITOPS_REPO, targetRevision: 'main', path: 'clusters/dev/kubernetes/nowhere' },
    ];
    const tree = cleanTree();
    tree['kubernetes/apps/argocd.yaml'] = { yaml: [multi] };
    tree['kubernetes/values/argocd.yaml'] = { text: 'server:\n  replicas: 2\n  replicass: 3\n' };
    const found = run(tree).map((f) => `${f.file} ${f.rule} ${f.path} ${f.message}`);
    expect(found).toEqual([
      'dist/dev/kubernetes/apps/argocd.yaml HELM-SRC-002 spec.sources[0].helm.valueFiles[1] valueFiles entry "$values/clusters/dev/kubernetes/values/missing.yaml": maps to dist/dev/kubernetes/values/missing.yaml, which is not in the published tree',
      'dist/dev/kubernetes/apps/argocd.yaml HELM-SRC-002 spec.sources[0].helm.valueFiles[2] valueFiles entry "$config/argocd.yaml": no source of this Application has ref "config" (refs: values)',
      'dist/dev/kubernetes/apps/argocd.yaml HELM-SRC-002 spec.sources[0].helm.valueFiles[3] valueFiles entry "$values/clusters/prod/kubernetes/values/argocd.yaml": clusters/prod/kubernetes/values/argocd.yaml is outside this environment\'s folder "clusters/dev/" of the GitOps repo',
      'dist/dev/kubernetes/apps/argocd.yaml XL-GITOPS-001 spec.sources[2].path path "clusters/dev/kubernetes/nowhere" maps to dist/dev/kubernetes/nowhere, which holds no YAML in the published tree',
      'dist/dev/kubernetes/values/argocd.yaml HELM-KEY-001 server.replicass key "server.replicass" is not in charts/argo-cd/10.1.1/values.yaml (misspelled, or add a free-form path for chart argo-cd in libs/validation/src/helm/free-form-paths.ts)',
    ]);
  });

  it.each(cases)('catches $name', ({ mutate, expected }) => {
    const tree = cleanTree();
    mutate(tree);
    expect(run(tree)).toEqual([expected]);
  });
});

describe('cli', () => {
  function capture(argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { PLATFORM_UPSTREAM_DIR: UPSTREAM } });
    return { code, stdout, stderr };
  }

  it('resolves the default reference data folder (and a relative $PLATFORM_UPSTREAM_DIR) from the workspace root, not the working directory', () => {
    expect(existsSync(join(WORKSPACE_ROOT, 'nx.json'))).toBe(true);
    const dist = writeFixtureTree(ENV, cleanTree());
    const fromElsewhere = (env: NodeJS.ProcessEnv, workspaceRoot = WORKSPACE_ROOT) => {
      let stderr = '';
      const code = main([ENV, '--dist', dist], { stdout: () => undefined, stderr: (t) => (stderr += t), cwd: tmpdir(), workspaceRoot, env });
      return { code, stderr };
    };
    expect(fromElsewhere({ PLATFORM_UPSTREAM_DIR: relative(WORKSPACE_ROOT, UPSTREAM) })).toEqual({ code: 0, stderr: '' });
    // Without $PLATFORM_UPSTREAM_DIR: <workspace root>/../shared/upstream, wherever the reference data of this run lives.
    const layout = mkdtempSync(join(tmpdir(), 'workspace-layout-'));
    mkdirSync(join(layout, 'workspace'));
    mkdirSync(join(layout, 'shared'));
    symlinkSync(resolve(UPSTREAM), join(layout, 'shared', 'upstream'));
    expect(fromElsewhere({}, join(layout, 'workspace'))).toEqual({ code: 0, stderr: '' });
    const elsewhere = fromElsewhere({}, join(layout, 'workspace', 'nested'));
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain(`reference data folder ${join(layout, 'workspace', 'shared', 'upstream')} not found`);
    // An explicit --upstream is a command-line path: it resolves from the working directory.
    let stderr = '';
    expect(main([ENV, '--dist', dist, '--upstream', 'no-such-reference-data'], { stdout: () => undefined, stderr: (t) => (stderr += t), cwd: tmpdir(), env: {} })).toBe(1);
    expect(stderr).toContain(`reference data folder ${join(tmpdir(), 'no-such-reference-data')} not found`);
  });

  it('prints `file  object  json-path  rule-id  message` lines, the elapsed time, and exits 1 on errors', () => {
    const tree = cleanTree();
    tree['kubernetes/addons/web/web.yaml'] = { yaml: [namespace('apps'), deployment({ image: 'public.ecr.aws/nginx/nginx' })] };
    const dist = writeFixtureTree(ENV, tree);
    const { code, stdout } = capture([ENV, '--dist', dist]);
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines[0].split('  ')).toEqual([
      `${dist}/dev/kubernetes/addons/web/web.yaml`,
      'apps/v1/Deployment apps/web',
      'spec.template.spec.containers[0].image',
      'K8S-POD-008',
      'images must be pinned by tag or digest (no :latest, no tag-less image) (container "web")',
    ]);
    expect(lines[lines.length - 1]).toMatch(/^dev: 1 error \(.*\) in \d+\.\d\ds$/);
  });

  it('evaluates CRD CEL rules, and reports skipped rules and dropped Go patterns in the summary (listed with --verbose)', () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.test' },
      spec: {
        group: 'example.test',
        scope: 'Namespaced',
        names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: {
                  spec: {
                    type: 'object',
                    'x-kubernetes-validations': [
                      { rule: 'self.replicas <= self.maxReplicas', message: 'replicas must not exceed maxReplicas' },
                      { rule: 'isURL(self.homepage)', message: 'homepage must be a URL' },
                      { rule: 'self.replicas >= oldSelf.replicas', message: 'replicas may not shrink' },
                    ],
                    properties: {
                      replicas: { type: 'integer' },
                      maxReplicas: { type: 'integer' },
                      // (?i) is Go RE2 syntax that JavaScript cannot compile.
                      homepage: { type: 'string', pattern: '^(?i)https://' },
                    },
                  },
                },
              },
            },
          },
        ],
      },
    };
    const widget = { apiVersion: 'example.test/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'apps' }, spec: { replicas: 3, maxReplicas: 2, homepage: 'https://example.test' } };
    const tree = cleanTree();
    tree['kubernetes/addons/web/widget.yaml'] = { yaml: [crd, widget] };
    const dist = writeFixtureTree(ENV, tree);
    const quiet = capture([ENV, '--dist', dist]);
    const lines = quiet.stdout.trim().split('\n');
    expect(lines[0].split('  ').slice(1)).toEqual(['example.test/v1/Widget apps/w', 'spec', 'K8S-SCHEMA-005', 'replicas must not exceed maxReplicas']);
    // Compared with the clean tree, the Widget CRD adds one rule of each class and one dropped pattern.
    const counts = (out: string) => (/^INFO {2}CRD CEL rules: (\d+) evaluated, (\d+) skipped .*, (\d+) transition rules .*; (\d+) Go RE2 patterns/m.exec(out) ?? []).slice(1).map(Number);
    const clean = counts(capture([ENV, '--dist', writeFixtureTree(ENV, cleanTree())]).stdout);
    expect(counts(quiet.stdout)).toEqual(clean.map((n) => n + 1));
    expect(quiet.stdout).toContain('(list them with --verbose)');
    const verbose = capture([ENV, '--dist', dist, '--verbose']);
    expect(verbose.stdout).toContain(`INFO  dropped pattern ${dist}/dev/kubernetes/addons/web/widget.yaml: ^(?i)https://`);
  });

  it('points each finding back at its construct (construct-paths.json, Terraform "//" metadata) and the environment field', () => {
    const tree = cleanTree();
    tree['kubernetes/addons/web/web.yaml'] = { yaml: [namespace('apps'), deployment({ image: 'public.ecr.aws/nginx/nginx' })] };
    tree['kubernetes/apps/argocd.yaml'] = { yaml: [argoCdApplication({}, '9.9.9')] };
    const stack = terraformStack('storage') as { resource: Record<string, Record<string, Record<string, unknown>>> };
    stack.resource['aws_s3_bucket']['logs']['//'] = { metadata: { path: 'storage/storage/logs/bucket', uniqueId: 'logs' } };
    delete stack.resource['aws_s3_bucket_public_access_block'];
    tree['terraform/storage/cdk.tf.json'] = { json: stack };
    tree['construct-paths.json'] = {
      json: {
        schemaVersion: 1,
        kubernetes: {
          'kubernetes/addons/web/web.yaml': { 'apps/v1/Deployment apps/web': 'web/file-web/deployment', 'v1/Namespace apps': 'web/file-web/namespace' },
          'kubernetes/apps/argocd.yaml': { 'argoproj.io/v1alpha1/Application argocd/argocd': 'apps-argocd/chart/app' },
        },
      },
    };
    const dist = writeFixtureTree(ENV, tree);
    const { code, stdout } = capture([ENV, '--dist', dist]);
    expect(code).toBe(1);
    const line = (rule: string) => stdout.split('\n').find((l) => l.split('  ')[3] === rule)?.split('  ');
    expect(line('K8S-POD-008')).toEqual([
      `${dist}/dev/kubernetes/addons/web/web.yaml`,
      'apps/v1/Deployment apps/web',
      'spec.template.spec.containers[0].image',
      'K8S-POD-008',
      'images must be pinned by tag or digest (no :latest, no tag-less image) (container "web")',
      'construct web/file-web/deployment',
    ]);
    expect(line('HELM-CHART-001')?.slice(1)).toEqual([
      'argoproj.io/v1alpha1/Application argocd/argocd',
      'spec.source.targetRevision',
      'HELM-CHART-001',
      `chart argo-cd 9.9.9 has no reference data at ${join(UPSTREAM, 'charts/argo-cd/9.9.9')}; pin and fetch it: docs/validation.md#pinning-a-new-chart-version`,
      'construct apps-argocd/chart/app; env field addons.chartVersions.argo-cd',
    ]);
    const json = JSON.parse(capture([ENV, '--dist', dist, '--json']).stdout) as Finding[];
    const s3 = json.filter((f) => f.object === 'aws_s3_bucket.logs');
    expect(s3.length).toBeGreaterThan(0);
    expect(s3.map((f) => f.construct)).toEqual(s3.map(() => 'storage/storage/logs/bucket'));
    // Findings without a recorded source (a file-level finding, an object construct-paths.json does not list) carry none.
    expect(json.filter((f) => f.file.endsWith('manifest.json') || f.object === 'v1/Namespace tekton-builds').every((f) => f.construct === undefined)).toBe(true);
  });

  it('reports a chart version without reference data once, on one line, with the docs link', () => {
    const tree = cleanTree();
    // The Application and the bootstrap values file both pin the same missing argo-cd version.
    tree['kubernetes/apps/argocd.yaml'] = { yaml: [argoCdApplication({}, '9.9.9')] };
    tree['kubernetes/bootstrap/argocd-values.yaml'] = { text: '# helm install argocd argo-cd --repo https://argoproj.github.io/argo-helm --version 9.9.9 -n argocd -f argocd-values.yaml\nserver:\n  replicas: 2\n' };
    const { stdout } = capture([ENV, '--dist', writeFixtureTree(ENV, tree)]);
    const missing = stdout.split('\n').filter((l) => l.includes('HELM-CHART-001'));
    expect(missing).toHaveLength(1);
    expect(missing[0]).toContain('  spec.source.targetRevision  HELM-CHART-001  chart argo-cd 9.9.9 has no reference data at ');
    expect(missing[0]).toContain('; pin and fetch it: docs/validation.md#pinning-a-new-chart-version');
    expect(missing[0].length).toBeLessThan(400);
    expect(stdout).toMatch(/^dev: 1 error \(.*, 1 Helm values file\) in /m);
  });

  it('--json prints the findings array and exits 0 on a clean tree', () => {
    const dist = writeFixtureTree(ENV, cleanTree());
    const { code, stdout } = capture([ENV, '--dist', dist, '--json', '--kube-version', '1.35']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([]);
  });

  it('fails with a usage message without an environment, and names a missing tree', () => {
    expect(capture([]).code).toBe(2);
    const missing = capture(['nope', '--dist', '/nonexistent']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope: validate failed: /nonexistent/nope does not exist');
  });
});
