import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { evaluate } from '@marcbachmann/cel-js';
import { podIdentityContract } from '@platform/config';
import { fixtureEnvironment, goldenPathPatch } from '@platform/config/testing';
import { all, applications, byKind, env, type K8sObject, renderTree } from './testing/rendered-cluster-addons';

describe('Tekton', () => {
  it('configures the operator with a typed TektonConfig and pins every build image', () => {
    const [config] = byKind('TektonConfig');
    expect(config?.metadata.name).toBe('config');
    // the operator makes it the owner of the tekton-pipelines Namespace: ArgoCD must never prune or delete it
    expect(config?.metadata.annotations?.['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
    expect(applications.find((a) => a.metadata.name === 'tekton-operator')?.metadata.finalizers).toBeUndefined();
    expect(config?.spec).toMatchObject({ profile: 'basic', targetNamespace: 'tekton-pipelines', pruner: { disabled: false, keep: 50 } });
    const images = JSON.stringify(all.filter((o) => o.kind === 'Task' || o.kind === 'Pipeline')).match(/"(?:image|default)":"[^"$]+[:@][^"]+"/g) ?? [];
    expect(images.length).toBeGreaterThan(3);
    for (const i of images) expect(i).not.toMatch(/:latest"/);
  });

  it('sizes every step and pulls every fixed image from an allowed registry (no Docker Hub)', () => {
    type Step = { name: string; image: string; computeResources?: { requests?: Record<string, string>; limits?: Record<string, string> } };
    const steps = (byKind('Task') as (K8sObject & { spec: { steps: Step[] } })[]).flatMap((t) => t.spec.steps);
    expect(steps.length).toBe(5);
    for (const step of steps) {
      expect({ step: step.name, requests: Object.keys(step.computeResources?.requests ?? {}).sort(), memoryLimit: step.computeResources?.limits?.['memory'] !== undefined }).toEqual({
        step: step.name,
        requests: ['cpu', 'memory'],
        memoryLimit: true,
      });
      if (!step.image.includes('$(')) expect(step.image).toMatch(/^(public\.ecr\.aws|quay\.io|ghcr\.io|registry\.k8s\.io)\//);
    }
  });

  it('builds clone -> test -> build/push to ECR -> bump GitOps, started by the GitHub EventListener', () => {
    const pipeline = byKind('Pipeline')[0] as K8sObject & { spec: { tasks: { name: string; runAfter?: string[]; params?: { name: string; value: string }[] }[] } };
    expect(pipeline.spec.tasks.map((t) => [t.name, t.runAfter])).toEqual([
      ['git-clone', undefined],
      ['run-tests', ['git-clone']],
      ['buildah-build-push', ['run-tests']],
      ['gitops-bump-image', ['buildah-build-push']],
    ]);
    const build = pipeline.spec.tasks.find((t) => t.name === 'buildah-build-push');
    expect(build?.params?.[0]?.value).toMatch(/^111122223333\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/acme\/test\/\$\(params\.service\):/);
    expect(all.filter((o) => o.apiVersion === 'triggers.tekton.dev/v1beta1').map((o) => o.kind).sort()).toEqual(['EventListener', 'TriggerBinding', 'TriggerTemplate']);
  });
});

/** A GitHub `push` webhook body (the fields the EventListener reads). @see https://docs.github.com/en/webhooks/webhook-events-and-payloads#push */
const pushBody = (repository: string, ref = 'refs/heads/main'): Record<string, unknown> => ({
  ref,
  after: '0123456789abcdef0123456789abcdef01234567',
  repository: { name: repository, full_name: `acme/${repository}`, clone_url: `https://github.com/acme/${repository}.git` },
});

interface CelInterceptor {
  readonly filter: string;
  readonly overlays: readonly { readonly key: string; readonly expression: string }[];
}

/** The filter and overlays of the cel interceptor of the rendered EventListener. */
function celOf(objects: readonly K8sObject[]): CelInterceptor {
  type Interceptor = { ref: { name: string }; params: { name: string; value: unknown }[] };
  const listener = objects.find((o) => o.kind === 'EventListener') as (K8sObject & { spec: { triggers: { interceptors: Interceptor[] }[] } }) | undefined;
  const params = listener?.spec.triggers[0]?.interceptors.find((i) => i.ref.name === 'cel')?.params ?? [];
  const param = (name: string): unknown => params.find((p) => p.name === name)?.value;
  return { filter: param('filter') as string, overlays: param('overlays') as CelInterceptor['overlays'] };
}

/** The rendered tree of the golden-path fixture, its services' image files in a scratch `PLATFORM_IMAGES_DIR`. */
function renderGoldenPath(patch: Record<string, unknown>): K8sObject[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tekton-images-'));
  fs.mkdirSync(path.join(dir, 'test'));
  for (const repository of ['storefront', 'orders-api']) {
    fs.writeFileSync(path.join(dir, 'test', `${repository}.yaml`), `image: 111122223333.dkr.ecr.eu-west-1.amazonaws.com/acme/test/${repository}:0123abc@sha256:${'b'.repeat(64)}\n`);
  }
  const previous = process.env['PLATFORM_IMAGES_DIR'];
  process.env['PLATFORM_IMAGES_DIR'] = dir;
  try {
    return renderTree(fixtureEnvironment(patch as never)).all;
  } finally {
    if (previous === undefined) delete process.env['PLATFORM_IMAGES_DIR'];
    else process.env['PLATFORM_IMAGES_DIR'] = previous;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `extensions` the cel interceptor adds to the body (one key per overlay). */
const evaluateOverlays = (cel: CelInterceptor, body: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(cel.overlays.map((o) => [o.key, evaluate(o.expression, { body })]));

describe('Tekton builds', () => {
  it('builds pushes to main of the ECR repositories only (cel interceptor filter, evaluated)', () => {
    const two = fixtureEnvironment({ ecr: { repositories: ['orders', 'payments.api'] } });
    const { filter } = celOf(renderTree(two).all);
    expect(evaluate(filter, { body: pushBody('orders') })).toBe(true);
    expect(evaluate(filter, { body: pushBody('payments.api') })).toBe(true);
    expect(evaluate(filter, { body: pushBody('orders', 'refs/heads/feature-x') })).toBe(false);
    expect(evaluate(filter, { body: pushBody('orders', 'refs/tags/v1.0.0') })).toBe(false);
    expect(evaluate(filter, { body: pushBody('website') })).toBe(false);
    expect(evaluate(filter, { body: pushBody('payments') })).toBe(false);
    // the fixture environment builds only its one repository
    expect(evaluate(celOf(all).filter, { body: pushBody('payments.api') })).toBe(false);
    expect(evaluate(celOf(all).filter, { body: pushBody('orders') })).toBe(true);
  });

  type Template = K8sObject & { spec: { resourcetemplates: { spec: { taskRunTemplate: { serviceAccountName: string }; taskRunSpecs: { pipelineTaskName: string; serviceAccountName: string }[] } }[] } };

  it('sizes the EventListener pod (requests CPU and memory, memory limit)', () => {
    const [listener] = byKind('EventListener') as (K8sObject & { spec: { resources: { kubernetesResource: { spec: { template: { spec: { containers: { resources: unknown }[] } } } } } } })[];
    expect(listener?.spec.resources.kubernetesResource.spec.template.spec.containers).toEqual([{ resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } } }]);
  });

  it('runs only the build-and-push task as the ECR-push identity; the other tasks as a plain ServiceAccount', () => {
    const [template] = byKind('TriggerTemplate') as Template[];
    const run = template?.spec.resourcetemplates[0]?.spec;
    expect(run?.taskRunTemplate.serviceAccountName).toBe('build-runner');
    expect(run?.taskRunSpecs).toEqual([{ pipelineTaskName: 'buildah-build-push', serviceAccountName: 'image-builder' }]);
    const runner = byKind('ServiceAccount').find((sa) => sa.metadata.name === 'build-runner') as K8sObject & { automountServiceAccountToken?: boolean };
    expect(runner.metadata.namespace).toBe('tekton-builds');
    expect(runner.automountServiceAccountToken).toBe(false);
    expect(podIdentityContract(env).some((e) => e.serviceAccount === 'build-runner')).toBe(false);
  });

  it('runs every TaskRun pod on amd64 builds nodes whose Bottlerocket settings enable the user namespaces rootless buildah needs', () => {
    type PodTemplate = { nodeSelector: Record<string, string>; tolerations: { key: string; operator: string; value: string; effect: string }[] };
    type Pool = K8sObject & { spec: { limits: Record<string, string>; disruption: { consolidationPolicy: string }; template: { metadata: { labels: Record<string, string> }; spec: { nodeClassRef: { name: string }; taints?: { key: string; value: string; effect: string }[]; requirements: { key: string; values: string[] }[] } } } };
    const [template] = byKind('TriggerTemplate') as (K8sObject & { spec: { resourcetemplates: { spec: { taskRunTemplate: { podTemplate: PodTemplate } } }[] } })[];
    const podTemplate = template?.spec.resourcetemplates[0]?.spec.taskRunTemplate.podTemplate as PodTemplate;
    expect(podTemplate.nodeSelector).toEqual({ 'platform.io/node-pool': 'builds', 'kubernetes.io/arch': 'amd64' });
    expect(podTemplate.tolerations).toEqual([{ key: 'platform.io/builds', operator: 'Equal', value: 'true', effect: 'NoSchedule' }]);
    // the NodePools whose nodes carry the selected labels: exactly `builds`, tainted, amd64 only
    const pools = (byKind('NodePool') as Pool[]).filter((p) => p.spec.template.metadata.labels['platform.io/node-pool'] === 'builds');
    expect(pools.map((p) => p.metadata.name)).toEqual(['builds']);
    const pool = pools[0] as Pool;
    expect(pool.spec.template.spec.taints).toEqual([{ key: 'platform.io/builds', value: 'true', effect: 'NoSchedule' }]);
    const req = (key: string): string[] | undefined => pool.spec.template.spec.requirements.find((r) => r.key === key)?.values;
    expect(req('kubernetes.io/arch')).toEqual(['amd64']);
    expect(req('karpenter.sh/capacity-type')).toEqual([env.karpenter.builds.capacityType]);
    expect(pool.spec.limits).toEqual({ cpu: String(env.karpenter.builds.cpuLimit), memory: `${env.karpenter.builds.memoryLimitGiB}Gi` });
    // a running build is never evicted to consolidate
    expect(pool.spec.disruption.consolidationPolicy).toBe('WhenEmpty');
    // every other NodePool is untainted and would not take the builds without the selector; none selects their label
    for (const other of (byKind('NodePool') as Pool[]).filter((p) => p !== pool)) expect(other.spec.template.spec.taints).toBeUndefined();
    // its EC2NodeClass: Bottlerocket ships user.max_user_namespaces = 0, which breaks rootless buildah
    const nodeClass = (byKind('EC2NodeClass') as (K8sObject & { spec: Record<string, unknown> })[]).find((c) => c.metadata.name === pool.spec.template.spec.nodeClassRef.name);
    expect(nodeClass?.metadata.name).toBe('builds');
    expect(nodeClass?.spec['userData']).toBe('[settings.kernel.sysctl]\n"user.max_user_namespaces" = "16384"\n');
    // otherwise the same node class as `default`: AMI, role, subnets, security groups, IMDSv2, encrypted volumes, tags
    const defaultClass = (byKind('EC2NodeClass') as (K8sObject & { spec: Record<string, unknown> })[]).find((c) => c.metadata.name === 'default');
    expect({ ...nodeClass?.spec, userData: undefined }).toEqual({ ...defaultClass?.spec, userData: undefined });
    expect(defaultClass?.spec['userData']).toBeUndefined();
  });

  it('defaults the test step to a consistent pair (node image, npm) and passes per-service overrides through the binding', () => {
    const pipeline = byKind('Pipeline')[0] as K8sObject & { spec: { params: { name: string; default?: string }[] } };
    const defaults = Object.fromEntries(pipeline.spec.params.map((p) => [p.name, p.default]));
    expect(defaults['test-image']).toBe('public.ecr.aws/docker/library/node:22.12.0-alpine3.21');
    expect(defaults['test-command']).toBe('npm ci && npm test');
    const [binding] = byKind('TriggerBinding') as (K8sObject & { spec: { params: { name: string; value: string }[] } })[];
    expect(binding?.spec.params.filter((p) => p.name.startsWith('test-'))).toEqual([
      { name: 'test-image', value: '$(extensions.test_image)' },
      { name: 'test-command', value: '$(extensions.test_command)' },
    ]);
    // the overlays, evaluated as the cel ClusterInterceptor does, on a GitHub push body
    const custom = fixtureEnvironment({ tekton: { testOverrides: { orders: { image: 'public.ecr.aws/docker/library/golang:1.23.4-bookworm', command: "make test ARGS='-v'" } } } });
    const customCel = celOf(renderTree(custom).all);
    expect(evaluateOverlays(customCel, pushBody('orders'))).toEqual({ test_image: 'public.ecr.aws/docker/library/golang:1.23.4-bookworm', test_command: "make test ARGS='-v'" });
    expect(evaluateOverlays(customCel, pushBody('payments'))).toEqual({ test_image: 'public.ecr.aws/docker/library/node:22.12.0-alpine3.21', test_command: 'npm ci && npm test' });
    expect(evaluateOverlays(celOf(all), pushBody('orders'))).toEqual({ test_image: 'public.ecr.aws/docker/library/node:22.12.0-alpine3.21', test_command: 'npm ci && npm test' });
    // an override of a service outside ecr.repositories is a schema error (libs/config/src/schema/tekton-overrides.test.ts)
  });

  it('tests a spring-boot service repository with the JDK image and the Maven wrapper (its profile), an override winning', () => {
    // the golden-path fixture: storefront and orders-api are spring-boot services, `orders` is no service's repository
    const goldenPath = celOf(renderGoldenPath(goldenPathPatch()));
    const springBoot = { test_image: 'public.ecr.aws/docker/library/eclipse-temurin:21.0.5_11-jdk-noble', test_command: 'sh ./mvnw --batch-mode --no-transfer-progress verify' };
    expect(evaluateOverlays(goldenPath, pushBody('storefront'))).toEqual(springBoot);
    expect(evaluateOverlays(goldenPath, pushBody('orders-api'))).toEqual(springBoot);
    expect(evaluateOverlays(goldenPath, pushBody('orders'))).toEqual({ test_image: 'public.ecr.aws/docker/library/node:22.12.0-alpine3.21', test_command: 'npm ci && npm test' });
    const gradle = { image: 'public.ecr.aws/docker/library/eclipse-temurin:21.0.5_11-jdk-noble', command: './gradlew --no-daemon check' };
    const overridden = celOf(renderGoldenPath({ ...goldenPathPatch(), tekton: { testOverrides: { 'orders-api': gradle } } }));
    expect(evaluateOverlays(overridden, pushBody('orders-api'))).toEqual({ test_image: gradle.image, test_command: gradle.command });
    expect(evaluateOverlays(overridden, pushBody('storefront'))).toEqual(springBoot);
  });

  it('exposes the EventListener through an internet-facing ALB on HTTPS, open to the GitHub hook ranges only', () => {
    const [ingress] = byKind('Ingress') as (K8sObject & { spec: Record<string, unknown> })[];
    expect(ingress?.metadata.namespace).toBe('tekton-builds');
    expect(ingress?.metadata.annotations).toEqual({
      'alb.ingress.kubernetes.io/scheme': 'internet-facing',
      'alb.ingress.kubernetes.io/target-type': 'ip',
      'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS":443}]',
      'alb.ingress.kubernetes.io/ssl-policy': 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      'alb.ingress.kubernetes.io/inbound-cidrs': '192.30.252.0/22,185.199.108.0/22,140.82.112.0/20,143.55.64.0/20',
      'alb.ingress.kubernetes.io/backend-protocol': 'HTTP',
      'alb.ingress.kubernetes.io/healthcheck-path': '/live',
    });
    expect(ingress?.spec).toEqual({
      ingressClassName: 'alb',
      tls: [{ hosts: ['tekton-hooks.test.acme.example'] }],
      rules: [{ host: 'tekton-hooks.test.acme.example', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'el-github', port: { number: 8080 } } } }] } }],
    });
    const builds = applications.find((a) => a.metadata.name === 'tekton-builds');
    expect(Number(builds?.metadata.annotations?.['argocd.argoproj.io/sync-wave'])).toBeGreaterThan(Number(applications.find((a) => a.metadata.name === 'aws-load-balancer-controller')?.metadata.annotations?.['argocd.argoproj.io/sync-wave']));
  });
});
