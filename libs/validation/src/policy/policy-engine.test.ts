import type { K8sDocument } from '../dist-tree';
import {
  deployment,
  eventListener,
  namespace,
  TEKTON_COMPUTE_RESOURCES,
  tektonPipeline,
  tektonStep,
  tektonTask,
  triggerTemplate,
} from '../testing/fixtures';
import { exemptionMatchCondition } from './exemptions';
import { familiesOf } from './family-expressions';
import { POD_FAMILIES } from './pod-families';
import { type ItemPolicy, POLICIES } from './policies';
import { PolicyEngine } from './policy-engine';
import { tektonImageParamFindings } from './tekton-image-params';

describe('PolicyEngine', () => {
  const engine = new PolicyEngine();
  const doc = (object: Record<string, unknown>): K8sDocument => ({ file: 'w.yaml', relPath: 'kubernetes/w.yaml', index: 0, object });
  const check = (object: Record<string, unknown>) => engine.evaluate([doc(object)]).map((f) => `${f.rule} ${f.path}`);

  it('has unique ids and parses every expression of every family', () => {
    expect(new Set(POLICIES.map((p) => p.id)).size).toBe(POLICIES.length);
    for (const object of [deployment(), namespace('apps'), tektonTask(), tektonPipeline(), eventListener(), triggerTemplate([tektonStep({ computeResources: TEKTON_COMPUTE_RESOURCES })])]) {
      expect(engine.evaluate([doc(object)])).toEqual([]);
    }
  });

  it('applies the container policies to every container-bearing family, Tekton included', () => {
    const containerPolicies = POLICIES.filter((p): p is ItemPolicy => p.scope === 'container');
    for (const p of containerPolicies) {
      // A StepAction has no computeResources (the referencing step sets them), so only the resource policies skip it.
      const skip = ['K8S-POD-001', 'K8S-POD-002'].includes(p.id) ? ['tekton-stepaction'] : [];
      expect(familiesOf(p).map((f) => f.name)).toEqual(POD_FAMILIES.map((f) => f.name).filter((n) => !skip.includes(n)));
    }
  });

  it('points at the offending field of each container, init container and volume', () => {
    const d = deployment({
      image: 'docker.io/library/nginx',
      container: { resources: { requests: { cpu: '100m' } } },
      pod: {
        initContainers: [{ name: 'init', image: 'public.ecr.aws/busybox/busybox:1.37', securityContext: { privileged: true }, resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } } }],
        volumes: [{ name: 'host', hostPath: { path: '/var/run' } }, { name: 'tmp', emptyDir: {} }],
        hostNetwork: true,
        hostPID: true,
      },
    });
    expect(check(d)).toEqual([
      'K8S-POD-001 spec.template.spec.containers[0].resources.requests',
      'K8S-POD-002 spec.template.spec.containers[0].resources.limits.memory',
      'K8S-POD-003 spec.template.spec.initContainers[0].securityContext.privileged',
      'K8S-POD-004 spec.template.spec.volumes[0].hostPath',
      'K8S-POD-005 spec.template.spec.hostNetwork',
      'K8S-POD-006 spec.template.spec.hostPID',
      'K8S-POD-007 spec.template.spec.containers[0].image',
      'K8S-POD-008 spec.template.spec.containers[0].image',
    ]);
  });

  it('checks Tekton Task steps, sidecars and the stepTemplate (the real containers of the build pipeline)', () => {
    // The shape rendered today: a Docker Hub git image and no computeResources anywhere.
    const today = tektonTask({ stepTemplate: undefined, steps: [tektonStep({ image: 'docker.io/alpine/git:v2.47.2' })] });
    expect(check(today)).toEqual([
      'K8S-POD-001 spec.steps[0].computeResources.requests',
      'K8S-POD-002 spec.steps[0].computeResources.limits.memory',
      'K8S-POD-007 spec.steps[0].image',
    ]);
    const broken = tektonTask({
      stepTemplate: { computeResources: TEKTON_COMPUTE_RESOURCES, securityContext: { privileged: true } },
      steps: [tektonStep({ image: 'quay.io/buildah/stable:latest' }), tektonStep({ name: 'test', image: '$(params.image)' })],
      sidecars: [{ name: 'registry', image: 'ghcr.io/project-zot/zot:v2.1.2' }],
      volumes: [{ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }],
    });
    expect(check(broken)).toEqual([
      'K8S-POD-001 spec.sidecars[0].computeResources.requests',
      'K8S-POD-002 spec.sidecars[0].computeResources.limits.memory',
      'K8S-POD-003 spec.stepTemplate.securityContext.privileged',
      'K8S-POD-004 spec.volumes[0].hostPath',
      'K8S-POD-008 spec.steps[0].image',
    ]);
  });

  it('checks inline task specs of Pipelines, EventListener pod overrides and TriggerTemplate PipelineRuns', () => {
    expect(check(tektonPipeline([tektonStep({ image: 'alpine:3.21' })]))).toEqual([
      'K8S-POD-001 spec.tasks[1].taskSpec.steps[0].computeResources.requests',
      'K8S-POD-002 spec.tasks[1].taskSpec.steps[0].computeResources.limits.memory',
      'K8S-POD-007 spec.tasks[1].taskSpec.steps[0].image',
    ]);
    expect(check(eventListener({ hostNetwork: true, containers: [{ name: 'el', resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } }, securityContext: { privileged: true } }] }))).toEqual([
      'K8S-POD-003 spec.resources.kubernetesResource.spec.template.spec.containers[0].securityContext.privileged',
      'K8S-POD-005 spec.resources.kubernetesResource.spec.template.spec.hostNetwork',
    ]);
    expect(check(triggerTemplate([tektonStep({ computeResources: TEKTON_COMPUTE_RESOURCES, image: 'ghcr.io/org/tool' })], { hostNetwork: true, volumes: [{ name: 'h', hostPath: { path: '/' } }] }))).toEqual([
      'K8S-POD-004 spec.resourcetemplates[0].spec.taskRunTemplate.podTemplate.volumes[0].hostPath',
      'K8S-POD-005 spec.resourcetemplates[0].spec.taskRunTemplate.podTemplate.hostNetwork',
      'K8S-POD-008 spec.resourcetemplates[0].spec.pipelineSpec.tasks[0].taskSpec.steps[0].image',
    ]);
  });

  it('checks the literal registry before a Tekton substitution, and never lets a substituted image end in :latest', () => {
    const task = (image: string) => tektonTask({ steps: [tektonStep({ image })] });
    expect(check(task('docker.io/library/alpine:$(params.revision)'))).toEqual(['K8S-POD-007 spec.steps[0].image']);
    expect(check(task('alpine:$(params.revision)'))).toEqual(['K8S-POD-007 spec.steps[0].image']);
    expect(check(task('$(params.registry)/tool:$(params.tag)'))).toEqual([]);
    expect(check(task('public.ecr.aws/docker/library/alpine:$(params.tag)'))).toEqual([]);
    expect(check(task('$(params.image)'))).toEqual([]);
    expect(check(task('quay.io/$(params.org)/tool:latest'))).toEqual(['K8S-POD-008 spec.steps[0].image']);
  });

  it('checks Tekton StepActions (their spec is one step container)', () => {
    const stepAction = (spec: Record<string, unknown>) => ({ apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: { name: 'git-clone', namespace: 'tekton-builds' }, spec });
    expect(check(stepAction({ image: 'docker.io/alpine/git:latest', securityContext: { privileged: true }, script: 'git clone' }))).toEqual([
      'K8S-POD-003 spec.securityContext.privileged',
      'K8S-POD-007 spec.image',
      'K8S-POD-008 spec.image',
    ]);
    expect(check(stepAction({ image: 'public.ecr.aws/docker/library/alpine:3.21.0', script: 'true' }))).toEqual([]);
  });

  it('accepts private ECR images pinned by digest and rejects :latest', () => {
    expect(check(deployment({ image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:' + 'a'.repeat(64) }))).toEqual([]);
    expect(check(deployment({ image: 'quay.io/org/app:latest' }))).toEqual(['K8S-POD-008 spec.template.spec.containers[0].image']);
    expect(check(deployment({ image: 'registry.example.test:5000/app' }))).toEqual(['K8S-POD-007 spec.template.spec.containers[0].image', 'K8S-POD-008 spec.template.spec.containers[0].image']);
  });

  it('covers CronJobs and Pods, required labels and namespace PSA labels', () => {
    const d = deployment();
    const cron = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c', namespace: 'apps' },
      spec: { schedule: '* * * * *', jobTemplate: { spec: { template: (d['spec'] as Record<string, unknown>)['template'] } } },
    };
    expect(check(cron)).toEqual(['K8S-LABEL-001 metadata.labels']);
    const enforce = 'K8S-NS-001 metadata.labels["pod-security.kubernetes.io/enforce"]';
    expect(check(namespace('apps', null))).toEqual([enforce]);
    expect(check(namespace('apps', 'strict'))).toEqual([enforce]);
    expect(check(namespace('apps', 'baseline'))).toEqual([]);
  });

  it('allows a privileged Namespace only with a K8S-NS-001 exemption and a reason; the exemption never allows a missing label', () => {
    const enforce = 'K8S-NS-001 metadata.labels["pod-security.kubernetes.io/enforce"]';
    const withAnnotations = (enforceLevel: string | null, annotations: Record<string, string>) => {
      const ns = namespace('tekton-builds', enforceLevel);
      (ns['metadata'] as Record<string, unknown>)['annotations'] = annotations;
      return ns;
    };
    expect(check(namespace('tekton-builds', 'privileged'))).toEqual([enforce]);
    expect(check(withAnnotations('privileged', { 'policy.platform.io/exempt': 'K8S-NS-001', 'policy.platform.io/exempt-reason': 'rootless buildah needs unconfined seccomp and SETUID/SETGID' }))).toEqual([]);
    expect(check(withAnnotations('privileged', { 'policy.platform.io/exempt': 'K8S-NS-001' }))).toEqual(['K8S-EXEMPT-001 metadata.annotations["policy.platform.io/exempt"]', enforce]);
    expect(check(withAnnotations('privileged', { 'policy.platform.io/exempt': 'K8S-POD-003', 'policy.platform.io/exempt-reason': 'x' }))).toEqual([enforce]);
    expect(check(withAnnotations(null, { 'policy.platform.io/exempt': 'K8S-NS-001', 'policy.platform.io/exempt-reason': 'x' }))).toEqual([enforce]);
  });

  it('honours exemptions that carry a reason, and rejects exemptions without one or with unknown ids', () => {
    const privileged = { container: { securityContext: { privileged: true } } };
    expect(check(deployment({ ...privileged, annotations: { 'policy.platform.io/exempt': 'K8S-POD-003', 'policy.platform.io/exempt-reason': 'CSI node plugin mounts devices' } }))).toEqual([]);
    expect(check(deployment({ ...privileged, annotations: { 'policy.platform.io/exempt': 'K8S-POD-003, K8S-POD-999' } }))).toEqual([
      'K8S-EXEMPT-001 metadata.annotations["policy.platform.io/exempt"]',
      'K8S-EXEMPT-002 metadata.annotations["policy.platform.io/exempt"]',
    ]);
    expect(check(deployment({ ...privileged, annotations: { 'policy.platform.io/exempt': 'K8S-POD-0031', 'policy.platform.io/exempt-reason': 'x' } }))).toEqual([
      'K8S-EXEMPT-002 metadata.annotations["policy.platform.io/exempt"]',
      'K8S-POD-003 spec.template.spec.containers[0].securityContext.privileged',
    ]);
    expect(exemptionMatchCondition('K8S-POD-003')).toContain("matches('(^|[ ,])K8S-POD-003([ ,]|$)')");
  });
});

describe('tektonImageParamFindings', () => {
  const doc = (object: Record<string, unknown>, i: number): K8sDocument => ({ file: 'tekton.yaml', relPath: 'kubernetes/tekton.yaml', index: i, object });
  const runTests = (params: Record<string, unknown>[]) =>
    tektonTask({ params, steps: [tektonStep({ name: 'test', image: '$(params.image)' })] });
  const pipeline = (pipelineParams: Record<string, unknown>[], value: string) => {
    const p = tektonPipeline();
    const spec = p['spec'] as Record<string, unknown>;
    spec['params'] = pipelineParams;
    spec['tasks'] = [{ name: 'run-tests', taskRef: { kind: 'Task', name: 'git-clone' }, params: [{ name: 'image', value }] }];
    return p;
  };
  const check = (...objects: Record<string, unknown>[]) => tektonImageParamFindings(objects.map(doc)).map((f) => `${f.rule} ${f.object} ${f.path}`);

  it('follows $(params.x) step images to the literal defaults, enums and Pipeline values that feed them', () => {
    // The real shape: the Task param has no default; the Pipeline passes its own param, whose default is the image.
    expect(check(runTests([{ name: 'image', type: 'string' }]), pipeline([{ name: 'test-image', type: 'string', default: 'docker.io/library/node:22' }], '$(params.test-image)'))).toEqual([
      'K8S-POD-007 tekton.dev/v1/Pipeline tekton-builds/build-service-image spec.params[0].default',
    ]);
    expect(check(runTests([{ name: 'image', type: 'string', default: 'quay.io/org/tool:latest', enum: ['quay.io/org/tool:latest', 'public.ecr.aws/docker/library/node:22.12.0'] }]))).toEqual([
      'K8S-POD-008 tekton.dev/v1/Task tekton-builds/git-clone spec.params[0].default',
      'K8S-POD-008 tekton.dev/v1/Task tekton-builds/git-clone spec.params[0].enum[0]',
    ]);
    expect(check(runTests([{ name: 'image', type: 'string' }]), pipeline([], 'registry.example.test/tool:1.0'))).toEqual([
      'K8S-POD-007 tekton.dev/v1/Pipeline tekton-builds/build-service-image spec.tasks[0].params[0].value',
    ]);
    expect(check(runTests([{ name: 'image', type: 'string' }]), pipeline([{ name: 'test-image', type: 'string', default: 'public.ecr.aws/docker/library/node:22.12.0-alpine3.21' }], '$(params.test-image)'))).toEqual([]);
  });

  it('follows TriggerTemplate PipelineRun and TaskRun params (literals and tt.params defaults) into image params', () => {
    const template = (runs: Record<string, unknown>[], params: Record<string, unknown>[] = [{ name: 'test-image' }]) => ({
      apiVersion: 'triggers.tekton.dev/v1beta1',
      kind: 'TriggerTemplate',
      metadata: { name: 'build', namespace: 'tekton-builds' },
      spec: { params, resourcetemplates: runs },
    });
    const pipelineRun = (value: string) => ({ apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { generateName: 'build-' }, spec: { pipelineRef: { name: 'build-service-image' }, params: [{ name: 'test-image', value }] } });
    const taskRun = (value: string) => ({ apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { generateName: 'test-' }, spec: { taskRef: { name: 'git-clone' }, params: [{ name: 'image', value }] } });
    const task = runTests([{ name: 'image', type: 'string' }]);
    const pipe = pipeline([{ name: 'test-image', type: 'string' }], '$(params.test-image)');
    expect(check(task, pipe, template([pipelineRun('docker.io/library/node:latest'), taskRun('quay.io/org/tool:latest')]))).toEqual([
      'K8S-POD-007 triggers.tekton.dev/v1beta1/TriggerTemplate tekton-builds/build spec.resourcetemplates[0].spec.params[0].value',
      'K8S-POD-008 triggers.tekton.dev/v1beta1/TriggerTemplate tekton-builds/build spec.resourcetemplates[0].spec.params[0].value',
      'K8S-POD-008 triggers.tekton.dev/v1beta1/TriggerTemplate tekton-builds/build spec.resourcetemplates[1].spec.params[0].value',
    ]);
    expect(check(task, pipe, template([pipelineRun('$(tt.params.test-image)')], [{ name: 'test-image', default: 'node:22' }]))).toEqual([
      'K8S-POD-007 triggers.tekton.dev/v1beta1/TriggerTemplate tekton-builds/build spec.params[0].default',
    ]);
    // The real shape: no default, the value comes from the TriggerBinding at run time (checked in-cluster).
    expect(check(task, pipe, template([pipelineRun('$(tt.params.test-image)')]))).toEqual([]);
  });
});
