import { Testing } from 'cdk8s';
import { BUILD_IMAGES } from './build-images';
import { BUILD_TASKS, GITOPS_PUSH_SECRET, ServiceBuildTasks, STEP_SIZES } from './service-build-tasks';

interface Step {
  name: string;
  image: string;
  script?: string;
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  securityContext: Record<string, unknown>;
  computeResources: { requests: Record<string, string>; limits: Record<string, string> };
}
interface Task {
  kind: string;
  metadata: { name: string; namespace: string };
  spec: { description: string; params?: { name: string; description: string }[]; steps: Step[]; volumes?: { name: string; emptyDir: Record<string, string> }[] };
}

const REGISTRY = '111122223333.dkr.ecr.eu-central-1.amazonaws.com';

function render(): Task[] {
  const chart = Testing.chart();
  new ServiceBuildTasks(chart, 'tasks', { namespace: 'builds', awsRegion: 'eu-central-1', ecrRegistry: REGISTRY, committer: { name: 'tekton-builds (qa)', email: 'tekton-builds@qa.acme.example' } });
  return Testing.synth(chart) as Task[];
}

describe('ServiceBuildTasks', () => {
  const tasks = render();
  const byName = (name: string): Task => tasks.find((t) => t.metadata.name === name) as Task;
  const steps = tasks.flatMap((t) => t.spec.steps.map((s) => ({ task: t.metadata.name, ...s })));

  it('renders the four Tasks of the Pipeline, in the given namespace, each described', () => {
    expect(tasks.map((t) => [t.kind, t.metadata.name, t.metadata.namespace])).toEqual(Object.values(BUILD_TASKS).map((name) => ['Task', name, 'builds']));
    for (const t of tasks) expect(t.spec.description).toMatch(/\.$/);
  });

  it('runs every step non-root without capabilities except the buildah step, which adds only SETUID/SETGID and is never privileged', () => {
    for (const s of steps) {
      expect({ step: s.name, runAsNonRoot: s.securityContext['runAsNonRoot'], privileged: s.securityContext['privileged'] }).toEqual({ step: s.name, runAsNonRoot: true, privileged: undefined });
      const caps = s.securityContext['capabilities'] as { drop: string[]; add?: string[] };
      expect({ step: s.name, drop: caps.drop, add: caps.add }).toEqual({ step: s.name, drop: ['ALL'], add: s.name === 'build-push' ? ['SETUID', 'SETGID'] : undefined });
      expect({ step: s.name, escalation: s.securityContext['allowPrivilegeEscalation'] }).toEqual({ step: s.name, escalation: s.name === 'build-push' });
    }
  });

  it('sizes every step with cpu and memory requests and a memory limit, heavy for tests and image builds', () => {
    for (const s of steps) {
      const size = ['test', 'build-push'].includes(s.name) ? STEP_SIZES.heavy : STEP_SIZES.small;
      expect({ step: s.name, ...s.computeResources }).toEqual({ step: s.name, requests: { cpu: size.cpu, memory: size.memory }, limits: { memory: size.memoryLimit } });
    }
  });

  it('uses only the pinned build images, and the test image from its param', () => {
    expect(Object.fromEntries(steps.map((s) => [s.name, s.image]))).toEqual({
      clone: BUILD_IMAGES.git,
      test: '$(params.image)',
      'ecr-login': BUILD_IMAGES.awsCli,
      'build-push': BUILD_IMAGES.buildah,
      bump: BUILD_IMAGES.git,
    });
  });

  it('passes the test command through the environment, never into the script text', () => {
    const test = byName(BUILD_TASKS.test).spec.steps[0] as Step;
    expect(test.env).toContainEqual({ name: 'TEST_COMMAND', value: '$(params.command)' });
    expect(test.script).not.toContain('$(params.command)');
  });

  it('logs in to the given registry in the given region, into an in-memory volume the push step reads', () => {
    const push = byName(BUILD_TASKS.buildPush);
    const [login] = push.spec.steps as [Step];
    expect(login.env).toContainEqual({ name: 'AWS_REGION', value: 'eu-central-1' });
    expect(login.script).toContain(`{"auths":{"${REGISTRY}":{"auth":"%s"}}}`);
    expect(push.spec.volumes).toContainEqual({ name: 'registry-auth', emptyDir: { medium: 'Memory' } });
    expect(push.spec.params?.[0]?.description).toBe(`full image reference in ${REGISTRY}`);
  });

  it('commits the GitOps bump as the given committer with the push credentials from their Secret', () => {
    const bump = byName(BUILD_TASKS.bumpTag).spec.steps[0] as Step;
    expect(bump.script).toContain('git config --global user.name "tekton-builds (qa)"');
    expect(bump.script).toContain('git config --global user.email "tekton-builds@qa.acme.example"');
    expect(bump.env?.filter((e) => e.valueFrom).map((e) => [e.name, e.valueFrom])).toEqual([
      ['GIT_USERNAME', { secretKeyRef: { name: GITOPS_PUSH_SECRET, key: 'username' } }],
      ['GIT_PASSWORD', { secretKeyRef: { name: GITOPS_PUSH_SECRET, key: 'password' } }],
    ]);
  });
});
