import { Testing } from 'cdk8s';
import { BUILD_TASKS } from './service-build-tasks';
import { SERVICE_BUILD_PIPELINE, ServiceBuildPipeline } from './service-build-pipeline';

interface PipelineTask {
  name: string;
  runAfter?: string[];
  taskRef: { kind: string; name: string };
  params: { name: string; value: string }[];
}
interface Pipeline {
  metadata: { name: string; namespace: string };
  spec: { description: string; params: { name: string; enum?: string[]; default?: string }[]; tasks: PipelineTask[] };
}

const REGISTRY = '111122223333.dkr.ecr.eu-central-1.amazonaws.com';

describe('ServiceBuildPipeline', () => {
  const chart = Testing.chart();
  new ServiceBuildPipeline(chart, 'pipeline', {
    namespace: 'builds',
    ecrRegistry: REGISTRY,
    repositoryPrefix: 'acme/qa/',
    services: ['orders', 'payments'],
    gitops: { repoUrl: 'https://github.com/acme/gitops.git', branch: 'main' },
    imageReferenceFile: 'clusters/images/qa/$(params.service).yaml',
  });
  const [pipeline] = Testing.synth(chart) as [Pipeline];
  const task = (name: string) => pipeline.spec.tasks.find((t) => t.name === name) as PipelineTask;
  const param = (t: PipelineTask, name: string) => t.params.find((p) => p.name === name)?.value;
  const image = `${REGISTRY}/acme/qa/$(params.service):$(tasks.${BUILD_TASKS.gitClone}.results.commit)`;

  it('chains clone -> test -> build-push -> bump, each referencing its Task', () => {
    expect(pipeline.metadata).toEqual({ name: SERVICE_BUILD_PIPELINE, namespace: 'builds' });
    expect(pipeline.spec.tasks.map((t) => [t.name, t.taskRef, t.runAfter])).toEqual([
      [BUILD_TASKS.gitClone, { kind: 'Task', name: BUILD_TASKS.gitClone }, undefined],
      [BUILD_TASKS.test, { kind: 'Task', name: BUILD_TASKS.test }, [BUILD_TASKS.gitClone]],
      [BUILD_TASKS.buildPush, { kind: 'Task', name: BUILD_TASKS.buildPush }, [BUILD_TASKS.test]],
      [BUILD_TASKS.bumpTag, { kind: 'Task', name: BUILD_TASKS.bumpTag }, [BUILD_TASKS.buildPush]],
    ]);
  });

  it('builds only the given services, tagging the image with the cloned commit in their ECR repository', () => {
    expect(pipeline.spec.params.find((p) => p.name === 'service')?.enum).toEqual(['orders', 'payments']);
    expect(param(task(BUILD_TASKS.buildPush), 'image')).toBe(image);
    expect(pipeline.spec.description).toContain(REGISTRY);
  });

  it('records image, digest and source commit in the given GitOps file and branch', () => {
    const bump = task(BUILD_TASKS.bumpTag);
    expect(Object.fromEntries(bump.params.map((p) => [p.name, p.value]))).toEqual({
      'gitops-url': 'https://github.com/acme/gitops.git',
      'gitops-branch': 'main',
      file: 'clusters/images/qa/$(params.service).yaml',
      image,
      digest: `$(tasks.${BUILD_TASKS.buildPush}.results.IMAGE_DIGEST)`,
      commit: `$(tasks.${BUILD_TASKS.gitClone}.results.commit)`,
    });
  });
});
