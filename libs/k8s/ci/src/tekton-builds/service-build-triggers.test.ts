import { evaluate } from '@marcbachmann/cel-js';
import { Testing } from 'cdk8s';
import { BUILD_IMAGES, DEFAULT_TEST_COMMAND } from './build-images';
import { SERVICE_BUILD_PIPELINE } from './service-build-pipeline';
import { BUILD_RUNNER_SERVICE_ACCOUNT, celString, EVENT_LISTENER_SERVICE_ACCOUNT, perServiceCel, ServiceBuildTriggers, TRIGGERS_CLUSTER_ROLE, TRIGGERS_ROLE } from './service-build-triggers';

interface K8sObject {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: Record<string, unknown>;
  automountServiceAccountToken?: boolean;
  roleRef?: { name: string };
  subjects?: unknown[];
}
interface CelParams {
  params: { name: string; value: unknown }[];
}

const GOLANG = 'public.ecr.aws/docker/library/golang:1.23.4-bookworm';

function render(): K8sObject[] {
  const chart = Testing.chart();
  new ServiceBuildTriggers(chart, 'triggers', {
    namespace: 'builds',
    services: ['orders', 'payments'],
    testOverrides: { payments: { image: GOLANG, command: "make test ARGS='-v'" } },
    builderServiceAccount: 'image-builder',
    builderPipelineTask: 'buildah-build-push',
  });
  return Testing.synth(chart) as K8sObject[];
}

const push = (repository: string, ref = 'refs/heads/main') => ({ ref, after: 'abc', repository: { name: repository, clone_url: `https://github.com/acme/${repository}.git` } });

describe('ServiceBuildTriggers', () => {
  const objects = render();
  const named = (kind: string, name: string): K8sObject => objects.find((o) => o.kind === kind && o.metadata.name === name) as K8sObject;
  const listener = named('EventListener', 'github');
  const [trigger] = listener.spec?.['triggers'] as { interceptors: ({ ref: { name: string } } & CelParams)[]; template: { ref: string } }[];
  const cel = trigger?.interceptors.find((i) => i.ref.name === 'cel') as CelParams;
  const param = (name: string) => cel.params.find((p) => p.name === name)?.value;

  it('creates the listener ServiceAccount bound to the Triggers roles and a build-runner ServiceAccount without an API token', () => {
    expect(named('ServiceAccount', EVENT_LISTENER_SERVICE_ACCOUNT).automountServiceAccountToken).toBeUndefined();
    expect(named('ServiceAccount', BUILD_RUNNER_SERVICE_ACCOUNT).automountServiceAccountToken).toBe(false);
    const subjects = [{ kind: 'ServiceAccount', name: EVENT_LISTENER_SERVICE_ACCOUNT, namespace: 'builds' }];
    expect(objects.filter((o) => o.kind.endsWith('RoleBinding')).map((b) => [b.kind, b.roleRef?.name, b.subjects])).toEqual([
      ['RoleBinding', TRIGGERS_ROLE, subjects],
      ['ClusterRoleBinding', TRIGGERS_CLUSTER_ROLE, subjects],
    ]);
  });

  it('starts a build only for pushes to main of the given services', () => {
    const filter = param('filter') as string;
    expect(evaluate(filter, { body: push('orders') })).toBe(true);
    expect(evaluate(filter, { body: push('payments') })).toBe(true);
    expect(evaluate(filter, { body: push('orders', 'refs/heads/feature') })).toBe(false);
    expect(evaluate(filter, { body: push('website') })).toBe(false);
    expect(trigger?.template.ref).toBe(SERVICE_BUILD_PIPELINE);
  });

  it('overlays the test image and command of an overridden service, and the defaults for the others', () => {
    const overlays = param('overlays') as { key: string; expression: string }[];
    const of = (service: string) => Object.fromEntries(overlays.map((o) => [o.key, evaluate(o.expression, { body: push(service) })]));
    expect(of('payments')).toEqual({ test_image: GOLANG, test_command: "make test ARGS='-v'" });
    expect(of('orders')).toEqual({ test_image: BUILD_IMAGES.test, test_command: DEFAULT_TEST_COMMAND });
  });

  it('runs only the push task as the builder ServiceAccount, every TaskRun pod on the builds nodes', () => {
    const template = named('TriggerTemplate', SERVICE_BUILD_PIPELINE);
    const run = (template.spec?.['resourcetemplates'] as { kind: string; spec: Record<string, unknown> }[])[0];
    expect(run?.kind).toBe('PipelineRun');
    expect(run?.spec['taskRunSpecs']).toEqual([{ pipelineTaskName: 'buildah-build-push', serviceAccountName: 'image-builder' }]);
    const taskRunTemplate = run?.spec['taskRunTemplate'] as { serviceAccountName: string; podTemplate: { nodeSelector: Record<string, string> } };
    expect(taskRunTemplate.serviceAccountName).toBe(BUILD_RUNNER_SERVICE_ACCOUNT);
    expect(taskRunTemplate.podTemplate.nodeSelector).toEqual({ 'platform.io/node-pool': 'builds', 'kubernetes.io/arch': 'amd64' });
  });
});

describe('CEL helpers', () => {
  it('celString quotes backslashes, quotes and newlines so the literal evaluates to the input', () => {
    for (const s of ["it's", 'a\\b', 'line\nnext', '']) expect(evaluate(celString(s), {})).toBe(s);
  });

  it('perServiceCel picks the value of the pushed repository, the fallback otherwise', () => {
    const expr = perServiceCel({ b: "x'y", a: '1' }, 'none');
    expect(expr.indexOf("'a'")).toBeLessThan(expr.indexOf("'b'"));
    expect(['a', 'b', 'c'].map((name) => evaluate(expr, { body: { repository: { name } } }))).toEqual(['1', "x'y", 'none']);
  });
});
