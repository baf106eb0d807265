import { EXEMPT_ANNOTATION, EXEMPT_REASON_ANNOTATION, familiesOf, type ItemPolicy, type NodeShape, POLICIES, PSA_ENFORCE_LABEL, REQUIRED_WORKLOAD_LABELS } from './policies';

/**
 * Conformance fixtures of the policy library: for every policy, objects that must pass (`good`) and objects
 * that must break it (`bad`), across every pod family the policy applies to. The offline engine and the
 * in-cluster Gatekeeper templates are both held to them (the policy-equivalence test), so a template that
 * diverges from the offline policy fails a test.
 */
export interface PolicyFixtures {
  readonly good: readonly Record<string, unknown>[];
  readonly bad: readonly Record<string, unknown>[];
}

type Obj = Record<string, unknown>;
/** Changes one compliant container of a shape (a `step` is a StepAction spec, without computeResources). */
type ContainerChange = (container: Obj, shape: NodeShape) => Obj;

/** How a family object deviates from the compliant baseline. */
interface Variant {
  readonly container?: ContainerChange;
  /** Tekton `stepTemplate` of task specs. */
  readonly stepTemplate?: Obj;
  readonly volumes?: readonly Obj[];
  /** Pod-level fields (pod shape; a Tekton pod template only takes `hostNetwork`). */
  readonly pod?: Obj;
  readonly annotations?: Readonly<Record<string, string>>;
}

const IMAGE = 'public.ecr.aws/docker/library/alpine:3.21.0';
const RESOURCES = { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } };
const LABELS = Object.fromEntries(REQUIRED_WORKLOAD_LABELS.map((l) => [l, 'fixture']));

function container(shape: NodeShape, change?: ContainerChange): Obj {
  const base: Obj =
    shape === 'step' ? { image: IMAGE, script: 'true' } : shape === 'taskSpec' ? { name: 'step', image: IMAGE, computeResources: RESOURCES } : { name: 'app', image: IMAGE, resources: RESOURCES };
  return change ? change(base, shape) : base;
}

function podSpec(v: Variant): Obj {
  return { containers: [container('pod', v.container)], ...(v.volumes ? { volumes: v.volumes } : {}), ...v.pod };
}
function taskSpec(v: Variant): Obj {
  return { steps: [container('taskSpec', v.container)], ...(v.stepTemplate ? { stepTemplate: v.stepTemplate } : {}), ...(v.volumes ? { volumes: v.volumes } : {}) };
}
function podTemplate(v: Variant): Obj {
  const hostNetwork = v.pod?.['hostNetwork'];
  return { ...(v.volumes ? { volumes: v.volumes } : {}), ...(hostNetwork !== undefined ? { hostNetwork } : {}) };
}
function meta(name: string, v: Variant, namespace = 'apps'): Obj {
  return { name, namespace, labels: LABELS, ...(v.annotations ? { annotations: v.annotations } : {}) };
}

/** One object per pod family (and both workload groups), each carrying the variant. */
function familyObjects(v: Variant): Obj[] {
  const template = { metadata: { labels: LABELS }, spec: podSpec(v) };
  const pipelineRunSpec = { pipelineSpec: { tasks: [{ name: 'build', taskSpec: taskSpec(v) }] }, taskRunTemplate: { podTemplate: podTemplate(v) } };
  return [
    { apiVersion: 'v1', kind: 'Pod', metadata: meta('pod', v), spec: podSpec(v) },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('deployment', v), spec: { selector: { matchLabels: LABELS }, template } },
    { apiVersion: 'batch/v1', kind: 'Job', metadata: meta('job', v), spec: { template } },
    { apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta('cronjob', v), spec: { schedule: '0 * * * *', jobTemplate: { spec: { template } } } },
    { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: meta('task', v), spec: taskSpec(v) },
    { apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: meta('stepaction', v), spec: container('step', v.container) },
    { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: meta('pipeline', v), spec: { tasks: [{ name: 'build', taskSpec: taskSpec(v) }] } },
    { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: meta('pipelinerun', v), spec: pipelineRunSpec },
    { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: meta('taskrun', v), spec: { taskSpec: taskSpec(v), podTemplate: podTemplate(v) } },
    {
      apiVersion: 'triggers.tekton.dev/v1beta1',
      kind: 'EventListener',
      metadata: meta('eventlistener', v),
      spec: { serviceAccountName: 'el', resources: { kubernetesResource: { spec: { template: { spec: podSpec(v) } } } } },
    },
    {
      apiVersion: 'triggers.tekton.dev/v1beta1',
      kind: 'TriggerTemplate',
      metadata: meta('triggertemplate', v),
      spec: {
        resourcetemplates: [
          { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { generateName: 'build-' }, spec: pipelineRunSpec },
          { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { generateName: 'test-' }, spec: { taskSpec: taskSpec(v), podTemplate: podTemplate(v) } },
        ],
      },
    },
  ];
}

/** The family objects of the kinds the policy applies to. */
function appliedObjects(policyId: string, v: Variant): Obj[] {
  const policy = POLICIES.find((p) => p.id === policyId) as ItemPolicy;
  const kinds = new Set(familiesOf(policy).flatMap((f) => f.match.flatMap((m) => m.kinds)));
  return familyObjects(v).filter((o) => kinds.has(String(o['kind'])));
}

/** Kinds that carry Tekton task specs (and so a `stepTemplate`). */
const TASK_SPEC_KINDS = ['Task', 'Pipeline', 'PipelineRun', 'TaskRun', 'TriggerTemplate'];

const exempt = (id: string): Readonly<Record<string, string>> => ({ [EXEMPT_ANNOTATION]: `K8S-POD-999, ${id}`, [EXEMPT_REASON_ANNOTATION]: 'fixture: the exemption skips the policy' });
const withField = (path: 'resources' | 'securityContext', value: unknown): ContainerChange => (c) => ({ ...c, [path]: value });
const resourcesOf = (shape: NodeShape): string => (shape === 'pod' ? 'resources' : 'computeResources');
const image = (value: string): ContainerChange => (c) => ({ ...c, image: value });
/** A container policy: the baseline is good; `bad` changes the container; an exempt bad one is good again. */
function containerFixtures(id: string, bad: readonly ContainerChange[], good: readonly ContainerChange[] = []): PolicyFixtures {
  return {
    good: [...appliedObjects(id, {}), ...good.flatMap((c) => appliedObjects(id, { container: c })), ...appliedObjects(id, { container: bad[0], annotations: exempt(id) })],
    bad: bad.flatMap((c) => appliedObjects(id, { container: c })),
  };
}

const namespace = (enforce: string | undefined, annotations?: Readonly<Record<string, string>>): Obj => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'team-a', labels: enforce ? { [PSA_ENFORCE_LABEL]: enforce } : {}, ...(annotations ? { annotations } : {}) },
});

/** Fixtures of every policy, keyed by policy id. */
export const POLICY_FIXTURES: Readonly<Record<string, PolicyFixtures>> = {
  'K8S-POD-001': {
    good: [
      ...containerFixtures('K8S-POD-001', [(c, s) => ({ ...c, [resourcesOf(s)]: {} })]).good,
      // A Tekton step may take its requests from the stepTemplate.
      ...appliedObjects('K8S-POD-001', { container: (c, s) => (s === 'taskSpec' ? { name: c['name'], image: c['image'] } : c), stepTemplate: { computeResources: RESOURCES } }),
    ],
    bad: containerFixtures('K8S-POD-001', [(c, s) => ({ ...c, [resourcesOf(s)]: { limits: { memory: '256Mi' } } }), (c, s) => ({ ...c, [resourcesOf(s)]: { requests: { cpu: '100m' } } })]).bad,
  },
  'K8S-POD-002': containerFixtures('K8S-POD-002', [(c, s) => ({ ...c, [resourcesOf(s)]: { requests: { cpu: '100m', memory: '128Mi' } } })]),
  'K8S-POD-003': {
    ...containerFixtures('K8S-POD-003', [withField('securityContext', { privileged: true })], [withField('securityContext', { privileged: false })]),
    bad: [
      ...containerFixtures('K8S-POD-003', [withField('securityContext', { privileged: true })]).bad,
      // A prohibition holds for the stepTemplate too.
      ...appliedObjects('K8S-POD-003', { stepTemplate: { securityContext: { privileged: true } } }).filter((o) => TASK_SPEC_KINDS.includes(String(o['kind']))),
    ],
  },
  'K8S-POD-004': {
    good: [...appliedObjects('K8S-POD-004', { volumes: [{ name: 'tmp', emptyDir: {} }] }), ...appliedObjects('K8S-POD-004', { volumes: [{ name: 'h', hostPath: { path: '/' } }], annotations: exempt('K8S-POD-004') })],
    bad: appliedObjects('K8S-POD-004', { volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'h', hostPath: { path: '/var/run' } }] }),
  },
  'K8S-POD-005': {
    good: [...appliedObjects('K8S-POD-005', { pod: { hostNetwork: false } }), ...appliedObjects('K8S-POD-005', { pod: { hostNetwork: true }, annotations: exempt('K8S-POD-005') })],
    bad: appliedObjects('K8S-POD-005', { pod: { hostNetwork: true } }),
  },
  'K8S-POD-006': {
    good: [...appliedObjects('K8S-POD-006', { pod: { hostPID: false, hostIPC: false } }), ...appliedObjects('K8S-POD-006', { pod: { hostIPC: true }, annotations: exempt('K8S-POD-006') })],
    bad: [...appliedObjects('K8S-POD-006', { pod: { hostPID: true } }), ...appliedObjects('K8S-POD-006', { pod: { hostIPC: true } })],
  },
  'K8S-POD-007': containerFixtures(
    'K8S-POD-007',
    [image('docker.io/library/alpine:3.21'), image('alpine:3.21'), image('registry.example.test/app:1.0'), image('docker.io/library/alpine:$(params.tag)')],
    [image('quay.io/org/app:1.0'), image('123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.0'), image('$(params.image)')],
  ),
  'K8S-POD-008': containerFixtures(
    'K8S-POD-008',
    [image('quay.io/org/app:latest'), image('quay.io/org/app'), image('quay.io/$(params.org)/app:latest')],
    [image(`quay.io/org/app@sha256:${'a'.repeat(64)}`), image('quay.io/org/app:$(params.tag)')],
  ),
  'K8S-LABEL-001': {
    good: familyObjects({}).filter((o) => ['Pod', 'Deployment', 'Job', 'CronJob'].includes(String(o['kind']))),
    bad: familyObjects({})
      .filter((o) => ['Pod', 'Deployment', 'Job', 'CronJob'].includes(String(o['kind'])))
      .flatMap((o) => [
        { ...o, metadata: { ...(o['metadata'] as Obj), labels: { [REQUIRED_WORKLOAD_LABELS[0]]: 'x' } } },
        { ...o, metadata: { name: 'unlabelled', namespace: 'apps' } },
      ]),
  },
  'K8S-NS-001': {
    good: [
      namespace('restricted'),
      namespace('baseline'),
      namespace('privileged', { [EXEMPT_ANNOTATION]: 'K8S-NS-001', [EXEMPT_REASON_ANNOTATION]: 'node agents need host access' }),
    ],
    bad: [
      namespace(undefined),
      namespace('strict'),
      namespace('privileged'),
      namespace('privileged', { [EXEMPT_ANNOTATION]: 'K8S-NS-001', [EXEMPT_REASON_ANNOTATION]: ' ' }),
      namespace('privileged', { [EXEMPT_ANNOTATION]: 'K8S-POD-003', [EXEMPT_REASON_ANNOTATION]: 'wrong id' }),
      namespace(undefined, { [EXEMPT_ANNOTATION]: 'K8S-NS-001', [EXEMPT_REASON_ANNOTATION]: 'never allows a missing label' }),
    ],
  },
};
