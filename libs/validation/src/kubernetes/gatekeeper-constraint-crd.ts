/**
 * Gatekeeper creates one CRD per ConstraintTemplate at runtime (group `constraints.gatekeeper.sh`, kind
 * `spec.crd.spec.names.kind`), so no CRD file exists for a Constraint. This derives that CRD from a rendered
 * template, so `nx validate` checks every Constraint against the schema the cluster will enforce: the shared
 * constraint fields (`match`, `enforcementAction`, `scopedEnforcementActions`) and the template's parameter
 * schema (`spec.crd.spec.validation.openAPIV3Schema`).
 * @see https://open-policy-agent.github.io/gatekeeper/website/docs/api/ (Constraint fields)
 * @see https://github.com/open-policy-agent/gatekeeper/blob/v3.23.0/config/crd/bases/match.gatekeeper.sh_matchcrd.yaml (`embeddedMatch`)
 */

/** API group of the constraint kinds. */
export const CONSTRAINTS_GROUP = 'constraints.gatekeeper.sh';

const NAME_PATTERN = '^\\*?[-:a-z0-9]*\\*?$';
const SELECTOR = {
  type: 'object',
  properties: {
    matchExpressions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'operator'],
        properties: { key: { type: 'string' }, operator: { type: 'string' }, values: { type: 'array', items: { type: 'string' } } },
      },
    },
    matchLabels: { type: 'object', additionalProperties: { type: 'string' } },
  },
};

/** `spec.match` of every constraint (Gatekeeper's `embeddedMatch`). */
export const CONSTRAINT_MATCH_SCHEMA = {
  type: 'object',
  properties: {
    kinds: { type: 'array', items: { type: 'object', properties: { apiGroups: { type: 'array', items: { type: 'string' } }, kinds: { type: 'array', items: { type: 'string' } } } } },
    scope: { type: 'string' },
    namespaces: { type: 'array', items: { type: 'string', pattern: NAME_PATTERN } },
    excludedNamespaces: { type: 'array', items: { type: 'string', pattern: NAME_PATTERN } },
    labelSelector: SELECTOR,
    namespaceSelector: SELECTOR,
    name: { type: 'string', pattern: NAME_PATTERN },
    source: { type: 'string', enum: ['All', 'Generated', 'Original'] },
  },
};

/** The CRD Gatekeeper would create for a `templates.gatekeeper.sh` ConstraintTemplate, or undefined when it names no kind. */
export function constraintCrdOf(template: Record<string, unknown>): Record<string, unknown> | undefined {
  const crdSpec = ((template['spec'] as Record<string, unknown> | undefined)?.['crd'] as Record<string, unknown> | undefined)?.['spec'] as Record<string, unknown> | undefined;
  const kind = (crdSpec?.['names'] as Record<string, unknown> | undefined)?.['kind'];
  if (typeof kind !== 'string' || kind === '') return undefined;
  const parameters = ((crdSpec?.['validation'] as Record<string, unknown> | undefined)?.['openAPIV3Schema'] as Record<string, unknown> | undefined) ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  const schema = {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      spec: {
        type: 'object',
        properties: {
          match: CONSTRAINT_MATCH_SCHEMA,
          enforcementAction: { type: 'string' },
          scopedEnforcementActions: {
            type: 'array',
            items: {
              type: 'object',
              properties: { action: { type: 'string' }, enforcementPoints: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } } },
            },
          },
          parameters,
        },
      },
      status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
  };
  const plural = kind.toLowerCase();
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${CONSTRAINTS_GROUP}` },
    spec: {
      group: CONSTRAINTS_GROUP,
      names: { kind, plural, singular: plural, listKind: `${kind}List`, categories: ['constraint', 'constraints'] },
      scope: 'Cluster',
      versions: ['v1beta1', 'v1alpha1', 'v1'].map((name) => ({ name, served: true, storage: name === 'v1beta1', schema: { openAPIV3Schema: schema } })),
    },
  };
}
