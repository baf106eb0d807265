import type { GatekeeperEnforcementAction } from '@platform/config';
import type { PolicyConstraintTemplate } from '@platform/validation/render';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

/** API version of the constraint kinds Gatekeeper creates. */
export const CONSTRAINTS_API_VERSION = 'constraints.gatekeeper.sh/v1beta1';

export interface PolicyConstraintsProps {
  readonly templates: readonly PolicyConstraintTemplate[];
  /** `spec.enforcementAction` of every Constraint. */
  readonly enforcementAction: GatekeeperEnforcementAction;
}

/**
 * One Constraint per template, matching the kinds the policy applies to. Namespace exclusions live in the
 * Gatekeeper `Config`, not in the Constraints, so every policy excludes the same namespaces. Rendered as plain
 * `ApiObject`s: the kinds have no generated binding (their CRDs exist only once Gatekeeper reads the templates);
 * `nx validate` checks them against the CRD derived from each template.
 */
export class PolicyConstraints extends Construct {
  public readonly constraints: readonly ApiObject[];

  constructor(scope: Construct, id: string, props: PolicyConstraintsProps) {
    super(scope, id);
    this.constraints = props.templates.map(
      (t) =>
        new ApiObject(this, t.constraintName, {
          apiVersion: CONSTRAINTS_API_VERSION,
          kind: t.kind,
          metadata: { name: t.constraintName, labels: { 'app.kubernetes.io/part-of': 'platform', 'platform.io/policy-id': t.policyId } },
          spec: {
            enforcementAction: props.enforcementAction,
            match: { kinds: t.match.map((m) => ({ apiGroups: [...m.apiGroups], kinds: [...m.kinds] })) },
          },
        }),
    );
  }
}
