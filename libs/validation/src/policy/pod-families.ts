/**
 * The container-bearing kinds the pod policies apply to ({@link PodFamily}): where each kind keeps its
 * containers, volumes and pod-level settings, and in which shape. Data only; `family-expressions.ts`
 * turns a policy and a family into one VAP-style CEL expression.
 */

/** One rule of a VAP's `matchConstraints.resourceRules` (API groups and kinds, not resources). */
export interface PolicyMatch {
  readonly apiGroups: readonly string[];
  readonly kinds: readonly string[];
}

/** A VAP `spec.variables` entry. */
export interface PolicyVariable {
  readonly name: string;
  readonly expression: string;
}

/**
 * The shape of a node that holds containers, volumes or pod-level settings.
 * - `pod`: a core PodSpec (`containers`, `initContainers`, `ephemeralContainers`, `volumes`, `hostNetwork` ...).
 * - `taskSpec`: a Tekton TaskSpec (`steps` and `sidecars` are containers, with `computeResources`;
 *   `stepTemplate` is merged into every step; `volumes`).
 * - `podTemplate`: a Tekton PodTemplate (`volumes`, `hostNetwork`; no containers).
 * - `step`: a node that is itself one container: the spec of a Tekton StepAction (`image`, `securityContext`,
 *   ...; no `computeResources`, which the referencing step sets).
 * @see https://tekton.dev/docs/pipelines/tasks/#specifying-steps
 * @see https://tekton.dev/docs/pipelines/stepactions/
 * @see https://tekton.dev/docs/pipelines/podtemplates/
 */
export type NodeShape = 'pod' | 'taskSpec' | 'podTemplate' | 'step';

interface ShapeFields {
  /** Container lists; `.` is the node itself (a `step`). */
  readonly containerLists: readonly string[];
  /** Field of a container that holds its ResourceRequirements. */
  readonly resourcesField: string;
  /** Container merged into the items of `templateLists` (Tekton `stepTemplate`). */
  readonly template?: string;
  readonly templateLists: readonly string[];
  /** Pod-level host namespace fields this shape can set. */
  readonly hostFields: readonly string[];
}

export const SHAPES: Readonly<Record<NodeShape, ShapeFields>> = {
  pod: { containerLists: ['containers', 'initContainers', 'ephemeralContainers'], resourcesField: 'resources', templateLists: [], hostFields: ['hostNetwork', 'hostPID', 'hostIPC'] },
  taskSpec: { containerLists: ['steps', 'sidecars'], resourcesField: 'computeResources', template: 'stepTemplate', templateLists: ['steps'], hostFields: [] },
  // Tekton's PodTemplate has hostNetwork, but no hostPID/hostIPC.
  podTemplate: { containerLists: [], resourcesField: 'resources', templateLists: [], hostFields: ['hostNetwork'] },
  step: { containerLists: ['.'], resourcesField: 'computeResources', templateLists: [], hostFields: [] },
};

/**
 * Where a family keeps container-bearing nodes: `root` is a CEL expression (`object.spec` or a family
 * variable), `rootPath` its JSON path in the object, and `path` the rest, relative to the root:
 * dot-separated fields, `[*]` for every item of a list, `[kind=X]` for items whose `kind` is X.
 */
export interface NodeLocation {
  readonly root: string;
  readonly rootPath: string;
  readonly path: string;
  readonly shape: NodeShape;
}

/** A family of kinds that carry containers the same way (one VAP per pod policy and family). */
export interface PodFamily {
  /** Suffix of the VAP name, e.g. `workloads`, `tekton-task`. */
  readonly name: string;
  readonly match: readonly PolicyMatch[];
  readonly variables: readonly PolicyVariable[];
  readonly locations: readonly NodeLocation[];
}

const TEKTON = 'tekton.dev';
const TRIGGERS = 'triggers.tekton.dev';

/** Inline task specs of a Tekton PipelineSpec (relative to it). */
const PIPELINE_TASK_SPECS = ['tasks[*].taskSpec', 'finally[*].taskSpec'];

/** The node locations of a Tekton PipelineRun spec and a TaskRun spec (relative paths from their `spec`). */
const PIPELINE_RUN_NODES: readonly { readonly path: string; readonly shape: NodeShape }[] = [
  ...PIPELINE_TASK_SPECS.map((p) => ({ path: `pipelineSpec.${p}`, shape: 'taskSpec' as const })),
  { path: 'taskRunTemplate.podTemplate', shape: 'podTemplate' },
  { path: 'taskRunSpecs[*].podTemplate', shape: 'podTemplate' },
];
const TASK_RUN_NODES: readonly { readonly path: string; readonly shape: NodeShape }[] = [
  { path: 'taskSpec', shape: 'taskSpec' },
  { path: 'podTemplate', shape: 'podTemplate' },
];

/**
 * The container-bearing kinds. Core workloads by their pod template; Tekton by the task specs whose steps
 * and sidecars become the containers of TaskRun pods, and the pod templates those pods get.
 * @see https://tekton.dev/docs/pipelines/pipelines/#specifying-tasks-in-pipelines (inline `taskSpec`)
 * @see https://tekton.dev/docs/triggers/eventlisteners/#specifying-kubernetesresource-objects
 * @see https://tekton.dev/docs/triggers/triggertemplates/ (`resourcetemplates`)
 */
export const POD_FAMILIES: readonly PodFamily[] = [
  {
    name: 'pods',
    match: [{ apiGroups: [''], kinds: ['Pod'] }],
    variables: [{ name: 'podSpec', expression: 'object.spec' }],
    locations: [{ root: 'variables.podSpec', rootPath: 'spec', path: '', shape: 'pod' }],
  },
  {
    name: 'workloads',
    match: [
      { apiGroups: ['apps'], kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'] },
      { apiGroups: ['batch'], kinds: ['Job'] },
    ],
    variables: [{ name: 'podSpec', expression: 'object.spec.template.spec' }],
    locations: [{ root: 'variables.podSpec', rootPath: 'spec.template.spec', path: '', shape: 'pod' }],
  },
  {
    name: 'cronjobs',
    match: [{ apiGroups: ['batch'], kinds: ['CronJob'] }],
    variables: [{ name: 'podSpec', expression: 'object.spec.jobTemplate.spec.template.spec' }],
    locations: [{ root: 'variables.podSpec', rootPath: 'spec.jobTemplate.spec.template.spec', path: '', shape: 'pod' }],
  },
  {
    name: 'tekton-task',
    match: [{ apiGroups: [TEKTON], kinds: ['Task'] }],
    variables: [],
    locations: [{ root: 'object.spec', rootPath: 'spec', path: '', shape: 'taskSpec' }],
  },
  {
    name: 'tekton-stepaction',
    match: [{ apiGroups: [TEKTON], kinds: ['StepAction'] }],
    variables: [],
    locations: [{ root: 'object.spec', rootPath: 'spec', path: '', shape: 'step' }],
  },
  {
    name: 'tekton-pipeline',
    match: [{ apiGroups: [TEKTON], kinds: ['Pipeline'] }],
    variables: [],
    locations: PIPELINE_TASK_SPECS.map((path) => ({ root: 'object.spec', rootPath: 'spec', path, shape: 'taskSpec' as const })),
  },
  {
    name: 'tekton-pipelinerun',
    match: [{ apiGroups: [TEKTON], kinds: ['PipelineRun'] }],
    variables: [],
    locations: PIPELINE_RUN_NODES.map((n) => ({ root: 'object.spec', rootPath: 'spec', ...n })),
  },
  {
    name: 'tekton-taskrun',
    match: [{ apiGroups: [TEKTON], kinds: ['TaskRun'] }],
    variables: [],
    locations: TASK_RUN_NODES.map((n) => ({ root: 'object.spec', rootPath: 'spec', ...n })),
  },
  {
    name: 'tekton-eventlistener',
    match: [{ apiGroups: [TRIGGERS], kinds: ['EventListener'] }],
    variables: [],
    // The EventListener's own Deployment: `kubernetesResource.spec` is a Deployment-like spec.
    locations: [{ root: 'object.spec', rootPath: 'spec', path: 'resources.kubernetesResource.spec.template.spec', shape: 'pod' }],
  },
  {
    name: 'tekton-triggertemplate',
    match: [{ apiGroups: [TRIGGERS], kinds: ['TriggerTemplate'] }],
    variables: [],
    locations: [
      ...PIPELINE_RUN_NODES.map((n) => ({ root: 'object.spec', rootPath: 'spec', path: `resourcetemplates[*][kind=PipelineRun].spec.${n.path}`, shape: n.shape })),
      ...TASK_RUN_NODES.map((n) => ({ root: 'object.spec', rootPath: 'spec', path: `resourcetemplates[*][kind=TaskRun].spec.${n.path}`, shape: n.shape })),
    ],
  },
];

/** Kinds with a pod template (core workloads); the required-labels policy applies to these. */
export const WORKLOADS: readonly PolicyMatch[] = POD_FAMILIES.filter((f) => ['pods', 'workloads', 'cronjobs'].includes(f.name)).flatMap((f) => f.match);
