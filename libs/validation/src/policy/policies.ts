/**
 * The policy library: CEL expressions in the style of Kubernetes ValidatingAdmissionPolicy (VAP).
 * `object` is the object under review; `variables.<name>` are the {@link POLICY_VARIABLES}, evaluated
 * in order (like `spec.variables` of a VAP). An expression returns true when the object complies.
 * The same expressions are meant to be installed in-cluster as VAPs (one VAP per policy, the
 * variables as `spec.variables`, `match` as `matchConstraints.resourceRules`, and
 * {@link exemptionMatchCondition} as a `matchConditions` entry).
 * @see https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/
 */

/** One rule of a VAP's `matchConstraints.resourceRules` (API groups and kinds, not resources). */
export interface PolicyMatch {
  readonly apiGroups: readonly string[];
  readonly kinds: readonly string[];
}

export interface Policy {
  /** Stable id, e.g. `K8S-POD-001`; also what `policy.platform.io/exempt` names. */
  readonly id: string;
  /** What a violation means, as shown in reports (and as the VAP `message`). */
  readonly message: string;
  /** One line for docs/validation.md. */
  readonly doc: string;
  readonly match: readonly PolicyMatch[];
  /** CEL, VAP style: `object`, `variables.*`; true = compliant. */
  readonly expression: string;
  /**
   * `container`: the expression iterates the pod's containers, so violations are located per container
   * (the validator re-evaluates the same expression on the pod narrowed to one container);
   * `volume`: likewise per volume; `object`: located at the object (or its pod spec).
   */
  readonly scope: 'object' | 'container' | 'volume';
}

/** Annotation listing the policy ids an object is exempt from: `K8S-POD-003,K8S-POD-005`. */
export const EXEMPT_ANNOTATION = 'policy.platform.io/exempt';
/** Annotation required next to {@link EXEMPT_ANNOTATION}: why the exemption is needed. */
export const EXEMPT_REASON_ANNOTATION = 'policy.platform.io/exempt-reason';

/** Workload kinds whose pod template the pod policies inspect. */
export const WORKLOADS: readonly PolicyMatch[] = [
  { apiGroups: [''], kinds: ['Pod'] },
  { apiGroups: ['apps'], kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'] },
  { apiGroups: ['batch'], kinds: ['Job', 'CronJob'] },
];

/**
 * Registries images may come from. Private ECR of any account/region of the organisation's
 * registries, ECR Public, the Kubernetes community registry, Quay and GitHub Container Registry.
 * Docker Hub is not allowed (anonymous pull rate limits, mutable official tags).
 */
export const ALLOWED_REGISTRY_PREFIXES: readonly string[] = ['public.ecr.aws/', 'registry.k8s.io/', 'quay.io/', 'ghcr.io/'];
/** Private ECR: `<12-digit account>.dkr.ecr.<region>.amazonaws.com/`. */
export const ECR_PRIVATE_PATTERN = '^[0-9]{12}\\\\.dkr\\\\.ecr\\\\.[a-z0-9-]+\\\\.amazonaws\\\\.com/';

/** Labels every workload carries (Kubernetes recommended labels). */
export const REQUIRED_WORKLOAD_LABELS: readonly string[] = ['app.kubernetes.io/name', 'app.kubernetes.io/part-of'];

/** VAP `spec.variables`, in evaluation order. */
export const POLICY_VARIABLES: readonly { readonly name: string; readonly expression: string }[] = [
  {
    name: 'podSpec',
    expression:
      "object.kind == 'Pod' ? object.spec : object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template.spec : object.spec.template.spec",
  },
  {
    name: 'containers',
    expression:
      '(has(variables.podSpec.containers) ? variables.podSpec.containers : []) + ' +
      '(has(variables.podSpec.initContainers) ? variables.podSpec.initContainers : []) + ' +
      '(has(variables.podSpec.ephemeralContainers) ? variables.podSpec.ephemeralContainers : [])',
  },
  { name: 'volumes', expression: 'has(variables.podSpec.volumes) ? variables.podSpec.volumes : []' },
];

const registryCheck = [...ALLOWED_REGISTRY_PREFIXES.map((p) => `c.image.startsWith('${p}')`), `c.image.matches('${ECR_PRIVATE_PATTERN}')`].join(' || ');

export const POLICIES: readonly Policy[] = [
  {
    id: 'K8S-POD-001',
    message: 'every container must request cpu and memory (resources.requests.cpu, resources.requests.memory)',
    doc: 'Containers, init containers and ephemeral containers set `resources.requests.cpu` and `resources.requests.memory`.',
    match: WORKLOADS,
    scope: 'container',
    expression: "variables.containers.all(c, has(c.resources) && has(c.resources.requests) && 'cpu' in c.resources.requests && 'memory' in c.resources.requests)",
  },
  {
    id: 'K8S-POD-002',
    message: 'every container must set a memory limit (resources.limits.memory)',
    doc: 'Containers set `resources.limits.memory` (no CPU limit is required: CPU is throttled, memory is not).',
    match: WORKLOADS,
    scope: 'container',
    expression: "variables.containers.all(c, has(c.resources) && has(c.resources.limits) && 'memory' in c.resources.limits)",
  },
  {
    id: 'K8S-POD-003',
    message: 'privileged containers are not allowed (securityContext.privileged)',
    doc: 'No container sets `securityContext.privileged: true`.',
    match: WORKLOADS,
    scope: 'container',
    expression: 'variables.containers.all(c, !has(c.securityContext) || !has(c.securityContext.privileged) || c.securityContext.privileged == false)',
  },
  {
    id: 'K8S-POD-004',
    message: 'hostPath volumes are not allowed',
    doc: 'No pod mounts a `hostPath` volume.',
    match: WORKLOADS,
    scope: 'volume',
    expression: 'variables.volumes.all(v, !has(v.hostPath))',
  },
  {
    id: 'K8S-POD-005',
    message: 'hostNetwork is not allowed',
    doc: 'No pod sets `hostNetwork: true`.',
    match: WORKLOADS,
    scope: 'object',
    expression: '!has(variables.podSpec.hostNetwork) || variables.podSpec.hostNetwork == false',
  },
  {
    id: 'K8S-POD-006',
    message: 'hostPID and hostIPC are not allowed',
    doc: 'No pod sets `hostPID: true` or `hostIPC: true`.',
    match: WORKLOADS,
    scope: 'object',
    expression:
      '(!has(variables.podSpec.hostPID) || variables.podSpec.hostPID == false) && (!has(variables.podSpec.hostIPC) || variables.podSpec.hostIPC == false)',
  },
  {
    id: 'K8S-POD-007',
    message: `images must come from an allowed registry (${ALLOWED_REGISTRY_PREFIXES.join(', ')}, private ECR)`,
    doc: `Images come from ${ALLOWED_REGISTRY_PREFIXES.map((p) => `\`${p}\``).join(', ')} or a private ECR registry.`,
    match: WORKLOADS,
    scope: 'container',
    expression: `variables.containers.all(c, ${registryCheck})`,
  },
  {
    id: 'K8S-POD-008',
    message: 'images must be pinned by tag or digest (no :latest, no tag-less image)',
    doc: 'Images carry an explicit tag other than `latest`, or a `@sha256:` digest.',
    match: WORKLOADS,
    scope: 'container',
    expression:
      "variables.containers.all(c, c.image.contains('@sha256:') || (c.image.matches('^[^@]+:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$') && !c.image.endsWith(':latest')))",
  },
  {
    id: 'K8S-LABEL-001',
    message: `workloads must carry the labels ${REQUIRED_WORKLOAD_LABELS.join(' and ')}`,
    doc: `Workloads carry the labels ${REQUIRED_WORKLOAD_LABELS.map((l) => `\`${l}\``).join(' and ')}.`,
    match: WORKLOADS,
    scope: 'object',
    expression: `has(object.metadata.labels) && ${REQUIRED_WORKLOAD_LABELS.map((l) => `'${l}' in object.metadata.labels`).join(' && ')}`,
  },
  {
    id: 'K8S-NS-001',
    message: 'namespaces must set the Pod Security Admission label pod-security.kubernetes.io/enforce (privileged, baseline or restricted)',
    doc: 'Every Namespace sets `pod-security.kubernetes.io/enforce` to `privileged`, `baseline` or `restricted`.',
    match: [{ apiGroups: [''], kinds: ['Namespace'] }],
    scope: 'object',
    expression:
      "has(object.metadata.labels) && 'pod-security.kubernetes.io/enforce' in object.metadata.labels && object.metadata.labels['pod-security.kubernetes.io/enforce'] in ['privileged', 'baseline', 'restricted']",
  },
];

/**
 * The VAP `matchConditions` entry that skips objects exempt from a policy: the exempt annotation
 * lists the policy id (comma-separated list, spaces allowed).
 */
export function exemptionMatchCondition(policyId: string): string {
  const id = policyId.replace(/[.*+?^${}()|[\]\\]/g, '\\\\$&');
  return (
    `!(has(object.metadata.annotations) && '${EXEMPT_ANNOTATION}' in object.metadata.annotations && ` +
    `object.metadata.annotations['${EXEMPT_ANNOTATION}'].matches('(^|[ ,])${id}([ ,]|$)'))`
  );
}
