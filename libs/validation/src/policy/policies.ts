import { ALLOWED_REGISTRY_PREFIXES } from '@platform/config';
/**
 * The policy library: CEL expressions in the style of Kubernetes ValidatingAdmissionPolicy (VAP).
 * `object` is the object under review; `variables.<name>` are a family's VAP `spec.variables`. An
 * expression returns true when the object complies.
 *
 * Pod policies are written once, as a predicate on one container, volume or pod spec, and applied to every
 * {@link PodFamily}: the kinds that carry containers (Pods and the workload kinds, and the Tekton kinds whose
 * steps become containers). For each family the predicate is wrapped into one VAP-style expression over the
 * places where that family keeps its containers ({@link familyExpression}). The same expressions are enforced
 * in-cluster by Gatekeeper (ADR 0017): one ConstraintTemplate per policy with one validation per family and
 * {@link exemptionMatchCondition} as its match condition, see `constraint-templates.ts`.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/
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

interface PolicyBase {
  /** Stable id, e.g. `K8S-POD-001`; also what `policy.platform.io/exempt` names. */
  readonly id: string;
  /** What a violation means, as shown in reports (and as the VAP `message`). */
  readonly message: string;
  /** One line for docs/validation.md. */
  readonly doc: string;
}

/** A policy on one item of a container-bearing node, applied to every {@link PodFamily}. */
export interface ItemPolicy extends PolicyBase {
  /** `container`: every container (and `stepTemplate`); `volume`: every volume; `pod`: every pod-level node. */
  readonly scope: 'container' | 'volume' | 'pod';
  /** CEL predicate on the item `x` (a CEL expression), true = compliant. `shape` is the node's shape. */
  readonly predicate: (x: string, shape: NodeShape) => string;
  /**
   * How a Tekton `stepTemplate` counts (containers only): `any` (a requirement: the step or its template
   * satisfies it) or `all` (a prohibition: neither may break it).
   */
  readonly inherit?: 'any' | 'all';
  /** JSON path of the offending field, relative to the item (e.g. `image`, `securityContext.privileged`). */
  readonly field: (item: Record<string, unknown>, shape: NodeShape) => string;
  /** Only for these shapes (default: every shape that has items of the scope). */
  readonly shapes?: readonly NodeShape[];
}

/** A policy on the object itself. */
export interface ObjectPolicy extends PolicyBase {
  readonly scope: 'object';
  readonly match: readonly PolicyMatch[];
  /** CEL, VAP style: `object`; true = compliant. */
  readonly expression: string;
  /** JSON path of the offending field in the object. */
  readonly field: string;
  /**
   * `matchCondition` (default): the exemption annotations skip the policy ({@link exemptionMatchCondition});
   * `expression`: the expression itself decides what an exemption allows, so no matchCondition is added.
   */
  readonly exemption?: 'matchCondition' | 'expression';
}

export type Policy = ItemPolicy | ObjectPolicy;

/** Annotation listing the policy ids an object is exempt from: `K8S-POD-003,K8S-POD-005`. */
export const EXEMPT_ANNOTATION = 'policy.platform.io/exempt';
/** Annotation required next to {@link EXEMPT_ANNOTATION}: why the exemption is needed. */
export const EXEMPT_REASON_ANNOTATION = 'policy.platform.io/exempt-reason';

/** Registries images may come from (one list for the schema and the policies; reasons in `@platform/config` image-policy). */
export { ALLOWED_REGISTRY_PREFIXES };
/** Private ECR: `<12-digit account>.dkr.ecr.<region>.amazonaws.com/` (CEL string literal, backslashes escaped). */
export const ECR_PRIVATE_PATTERN = '^[0-9]{12}\\\\.dkr\\\\.ecr\\\\.[a-z0-9-]+\\\\.amazonaws\\\\.com/';

/**
 * Images that Tekton substitutes at run time cannot be fully checked offline; in-cluster the pod policies check
 * the substituted image of the TaskRun pod. The literal part is still checked:
 * - registry (K8S-POD-007): only an image that starts with a substitution (`$(params.image)`,
 *   `$(params.registry)/x`) leaves its registry open; `docker.io/library/alpine:$(params.tag)` names Docker Hub.
 * - tag (K8S-POD-008): an image with a substitution may leave its tag to run time, but never ends in `:latest`.
 */
const REGISTRY_SUBSTITUTED = (image: string): string => `${image}.startsWith('$(')`;
const TAG_SUBSTITUTED = (image: string): string => `(${image}.contains('$(') && !${image}.endsWith(':latest'))`;

/** Labels every workload carries (Kubernetes recommended labels). */
export const REQUIRED_WORKLOAD_LABELS: readonly string[] = ['app.kubernetes.io/name', 'app.kubernetes.io/part-of'];

/** The PSA enforce label and the levels allowed without an exemption. */
export const PSA_ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
export const PSA_ALLOWED_LEVELS: readonly string[] = ['baseline', 'restricted'];

const registryCheck = (image: string): string =>
  [...ALLOWED_REGISTRY_PREFIXES.map((p) => `${image}.startsWith('${p}')`), `${image}.matches('${ECR_PRIVATE_PATTERN}')`].join(' || ');

const resources = (shape: NodeShape): string => SHAPES[shape].resourcesField;

export const POLICIES: readonly Policy[] = [
  {
    id: 'K8S-POD-001',
    message: 'every container must request cpu and memory (resources.requests.cpu, resources.requests.memory; Tekton steps: computeResources or stepTemplate.computeResources)',
    doc: 'Containers, init containers, ephemeral containers, Tekton steps and sidecars set `resources.requests.cpu` and `resources.requests.memory` (Tekton: `computeResources`, or `stepTemplate.computeResources`).',
    scope: 'container',
    inherit: 'any',
    // A StepAction has no computeResources: the step that references it sets them.
    shapes: ['pod', 'taskSpec'],
    predicate: (x, shape) => {
      const r = `${x}.${resources(shape)}`;
      return `has(${r}) && has(${r}.requests) && 'cpu' in ${r}.requests && 'memory' in ${r}.requests`;
    },
    field: (_item, shape) => `${resources(shape)}.requests`,
  },
  {
    id: 'K8S-POD-002',
    message: 'every container must set a memory limit (resources.limits.memory; Tekton steps: computeResources or stepTemplate.computeResources)',
    doc: 'Containers (and Tekton steps and sidecars) set `resources.limits.memory` (Tekton: `computeResources`). No CPU limit is required: CPU is throttled, memory is not.',
    scope: 'container',
    inherit: 'any',
    shapes: ['pod', 'taskSpec'],
    predicate: (x, shape) => {
      const r = `${x}.${resources(shape)}`;
      return `has(${r}) && has(${r}.limits) && 'memory' in ${r}.limits`;
    },
    field: (_item, shape) => `${resources(shape)}.limits.memory`,
  },
  {
    id: 'K8S-POD-003',
    message: 'privileged containers are not allowed (securityContext.privileged)',
    doc: 'No container, Tekton step, sidecar or `stepTemplate` sets `securityContext.privileged: true`.',
    scope: 'container',
    inherit: 'all',
    predicate: (x) => `!has(${x}.securityContext) || !has(${x}.securityContext.privileged) || ${x}.securityContext.privileged == false`,
    field: () => 'securityContext.privileged',
  },
  {
    id: 'K8S-POD-004',
    message: 'hostPath volumes are not allowed',
    doc: 'No pod, Tekton task spec or pod template mounts a `hostPath` volume.',
    scope: 'volume',
    // Every shape with volumes (a StepAction has none).
    shapes: ['pod', 'taskSpec', 'podTemplate'],
    predicate: (x) => `!has(${x}.hostPath)`,
    field: () => 'hostPath',
  },
  {
    id: 'K8S-POD-005',
    message: 'hostNetwork is not allowed',
    doc: 'No pod (or Tekton pod template) sets `hostNetwork: true`.',
    scope: 'pod',
    shapes: ['pod', 'podTemplate'],
    predicate: (x) => `!has(${x}.hostNetwork) || ${x}.hostNetwork == false`,
    field: () => 'hostNetwork',
  },
  {
    id: 'K8S-POD-006',
    message: 'hostPID and hostIPC are not allowed',
    doc: 'No pod sets `hostPID: true` or `hostIPC: true`.',
    scope: 'pod',
    shapes: ['pod'],
    predicate: (x) => `(!has(${x}.hostPID) || ${x}.hostPID == false) && (!has(${x}.hostIPC) || ${x}.hostIPC == false)`,
    field: (item) => (item['hostPID'] === true ? 'hostPID' : 'hostIPC'),
  },
  {
    id: 'K8S-POD-007',
    message: `images must come from an allowed registry (${ALLOWED_REGISTRY_PREFIXES.join(', ')}, private ECR; Docker Hub is not allowed)`,
    doc: `Images come from ${ALLOWED_REGISTRY_PREFIXES.map((p) => `\`${p}\``).join(', ')} or a private ECR registry (\`<12-digit account>.dkr.ecr.<region>.amazonaws.com/\`). Docker Hub is not allowed (anonymous pull rate limits, mutable official tags). An image that starts with a Tekton substitution (\`$(params.image)\`) is checked in-cluster on the TaskRun pod; a literal registry before a substitution (\`docker.io/library/alpine:$(params.tag)\`) is checked here.`,
    scope: 'container',
    inherit: 'all',
    predicate: (x) => `!has(${x}.image) || ${REGISTRY_SUBSTITUTED(`${x}.image`)} || ${registryCheck(`${x}.image`)}`,
    field: () => 'image',
  },
  {
    id: 'K8S-POD-008',
    message: 'images must be pinned by tag or digest (no :latest, no tag-less image)',
    doc: 'Images carry an explicit tag other than `latest`, or a `@sha256:` digest.',
    scope: 'container',
    inherit: 'all',
    predicate: (x) =>
      `!has(${x}.image) || ${TAG_SUBSTITUTED(`${x}.image`)} || ${x}.image.contains('@sha256:') || (${x}.image.matches('^[^@]+:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$') && !${x}.image.endsWith(':latest'))`,
    field: () => 'image',
  },
  {
    id: 'K8S-LABEL-001',
    message: `workloads must carry the labels ${REQUIRED_WORKLOAD_LABELS.join(' and ')}`,
    doc: `Workloads (Pods, the \`apps\` kinds, Jobs and CronJobs) carry the labels ${REQUIRED_WORKLOAD_LABELS.map((l) => `\`${l}\``).join(' and ')}.`,
    scope: 'object',
    match: WORKLOADS,
    field: 'metadata.labels',
    expression: `has(object.metadata.labels) && ${REQUIRED_WORKLOAD_LABELS.map((l) => `'${l}' in object.metadata.labels`).join(' && ')}`,
  },
  {
    id: 'K8S-NS-001',
    message: `namespaces must set ${PSA_ENFORCE_LABEL} to ${PSA_ALLOWED_LEVELS.join(' or ')} (privileged only with ${EXEMPT_ANNOTATION}: K8S-NS-001 and a non-empty ${EXEMPT_REASON_ANNOTATION})`,
    doc: `Every Namespace sets \`${PSA_ENFORCE_LABEL}\` to ${PSA_ALLOWED_LEVELS.map((l) => `\`${l}\``).join(' or ')}. \`privileged\` is allowed only on a Namespace annotated \`${EXEMPT_ANNOTATION}: K8S-NS-001\` with a non-empty \`${EXEMPT_REASON_ANNOTATION}\`; the exemption never allows a missing label.`,
    scope: 'object',
    match: [{ apiGroups: [''], kinds: ['Namespace'] }],
    field: `metadata.labels["${PSA_ENFORCE_LABEL}"]`,
    exemption: 'expression',
    expression:
      `has(object.metadata.labels) && '${PSA_ENFORCE_LABEL}' in object.metadata.labels && ` +
      `(object.metadata.labels['${PSA_ENFORCE_LABEL}'] in [${PSA_ALLOWED_LEVELS.map((l) => `'${l}'`).join(', ')}] || ` +
      `(object.metadata.labels['${PSA_ENFORCE_LABEL}'] == 'privileged' && ${exemptedBy('K8S-NS-001')} && ` +
      `'${EXEMPT_REASON_ANNOTATION}' in object.metadata.annotations && object.metadata.annotations['${EXEMPT_REASON_ANNOTATION}'].matches('\\\\S')))`,
  },
];

/** CEL: the exempt annotation lists the policy id (comma- or space-separated). */
function exemptedBy(policyId: string): string {
  const id = policyId.replace(/[.*+?^${}()|[\]\\]/g, '\\\\$&');
  return (
    `(has(object.metadata.annotations) && '${EXEMPT_ANNOTATION}' in object.metadata.annotations && ` +
    `object.metadata.annotations['${EXEMPT_ANNOTATION}'].matches('(^|[ ,])${id}([ ,]|$)'))`
  );
}

/**
 * The VAP `matchConditions` entry that skips objects exempt from a policy: the exempt annotation
 * lists the policy id (comma-separated list, spaces allowed).
 */
export function exemptionMatchCondition(policyId: string): string {
  return `!${exemptedBy(policyId)}`;
}

/** Splits a location path into segments: fields, `*` (every item) and `kind=X` filters. */
export function pathSegments(path: string): string[] {
  if (path === '') return [];
  return path
    .replace(/\[/g, '.[')
    .split('.')
    .filter((s) => s !== '')
    .map((s) => (s.startsWith('[') ? s.slice(1, -1) : s));
}

/** The item lists of a shape for a policy scope. */
export function itemLists(policy: ItemPolicy, shape: NodeShape): readonly string[] {
  if (policy.shapes && !policy.shapes.includes(shape)) return [];
  if (policy.scope === 'container') return SHAPES[shape].containerLists;
  if (policy.scope === 'volume') return ['volumes'];
  return SHAPES[shape].hostFields.length > 0 ? ['.'] : [];
}

/** CEL for one node `n` of a shape: the policy holds for every item there. `true` when the shape has no such items. */
function nodeExpression(policy: ItemPolicy, shape: NodeShape, n: string, depth: number): string {
  const lists = itemLists(policy, shape);
  if (lists.length === 0) return 'true';
  if (policy.scope === 'pod') return `(${policy.predicate(n, shape)})`;
  const c = `c${depth}`;
  const fields = SHAPES[shape];
  const parts = lists.map((list) => {
    if (list === '.') return `(${policy.predicate(n, shape)})`;
    let item = policy.predicate(c, shape);
    if (fields.template && fields.templateLists.includes(list) && policy.inherit === 'any') {
      item = `(${item}) || (has(${n}.${fields.template}) && ${policy.predicate(`${n}.${fields.template}`, shape)})`;
    }
    return `(!has(${n}.${list}) || ${n}.${list}.all(${c}, ${item}))`;
  });
  if (policy.scope === 'container' && fields.template && policy.inherit === 'all') {
    parts.push(`(!has(${n}.${fields.template}) || (${policy.predicate(`${n}.${fields.template}`, shape)}))`);
  }
  return parts.join(' && ');
}

/** CEL: the nodes at `segments` below `expr` all satisfy `inner`. Absent fields hold trivially. */
function walkExpression(expr: string, segments: readonly string[], depth: number, inner: (n: string, depth: number) => string): string {
  if (segments.length === 0) return inner(expr, depth);
  const [head, ...rest] = segments;
  if (head === '*') {
    const v = `i${depth}`;
    return `${expr}.all(${v}, ${walkExpression(v, rest, depth + 1, inner)})`;
  }
  const filter = /^kind=(.+)$/.exec(head);
  if (filter) return `(!has(${expr}.kind) || ${expr}.kind != '${filter[1]}' || (${walkExpression(expr, rest, depth, inner)}))`;
  return `(!has(${expr}.${head}) || ${walkExpression(`${expr}.${head}`, rest, depth, inner)})`;
}

/**
 * The VAP validation expression of an item policy for one family, or undefined when the family has no
 * item the policy looks at (e.g. hostPID on Tekton tasks).
 */
export function familyExpression(policy: ItemPolicy, family: PodFamily): string | undefined {
  const parts = family.locations
    .filter((l) => itemLists(policy, l.shape).length > 0)
    .map((l) => {
      const walk = walkExpression(l.root, pathSegments(l.path), 0, (n, depth) => nodeExpression(policy, l.shape, n, depth));
      // Family variables are defined by the kind; an object root (`object.spec`) may be absent.
      return l.root.startsWith('object.') ? `(!has(${l.root}) || ${walk})` : walk;
    });
  return parts.length === 0 ? undefined : parts.join(' && ');
}

/** The families an item policy applies to. */
export function familiesOf(policy: ItemPolicy): PodFamily[] {
  return POD_FAMILIES.filter((f) => familyExpression(policy, f) !== undefined);
}
