import { ALLOWED_REGISTRY_PREFIXES } from '@platform/config';
import { EXEMPT_ANNOTATION, EXEMPT_REASON_ANNOTATION, exemptedBy } from './exemptions';
import { type NodeShape, SHAPES, WORKLOADS } from './pod-families';
import type { Policy } from './policy-types';

// The policy library's one entry point: the families, exemptions and CEL builders live in their own modules.
export * from './pod-families';
export { EXEMPT_ANNOTATION, EXEMPT_REASON_ANNOTATION, exemptionMatchCondition } from './exemptions';
export { familiesOf, familyExpression, itemLists, pathSegments } from './family-expressions';
export type * from './policy-types';

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

/**
 * The policy data: CEL expressions in the style of Kubernetes ValidatingAdmissionPolicy (VAP).
 * `object` is the object under review; `variables.<name>` are a family's VAP `spec.variables`. An
 * expression returns true when the object complies.
 *
 * Pod policies are written once, as a predicate on one container, volume or pod spec, and applied to every
 * {@link PodFamily} (`pod-families.ts`): the kinds that carry containers (Pods and the workload kinds, and the Tekton
 * kinds whose steps become containers). For each family the predicate is wrapped into one VAP-style expression over the
 * places where that family keeps its containers ({@link familyExpression}, `family-expressions.ts`). The same
 * expressions are enforced in-cluster by Gatekeeper (ADR 0017): one ConstraintTemplate per policy with one validation
 * per family and {@link exemptionMatchCondition} (`exemptions.ts`) as its match condition, see `constraint-templates.ts`.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/
 */
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
