import { GATEKEEPER_ADMISSION_TARGET, K8S_NATIVE_VALIDATION_ENGINE, type PolicyConstraintTemplate } from '@platform/validation/render';
import { ConstraintTemplate } from '@platform/k8s-imports/templates.gatekeeper.sh';
import { Construct } from 'constructs';

export interface PolicyConstraintTemplatesProps {
  /** The policy library in its Gatekeeper form (`policyConstraintTemplates()` of `@platform/validation`). */
  readonly templates: readonly PolicyConstraintTemplate[];
}

/**
 * One `templates.gatekeeper.sh/v1` ConstraintTemplate per policy: the constraint kind (no parameters) and the
 * policy's CEL as a `K8sNativeValidation` code block (variables, the exemption `matchCondition`, one validation
 * per pod family), with `generateVAP: false` (ADR 0017). No Rego: the CEL engine is the only engine.
 * @see https://open-policy-agent.github.io/gatekeeper/website/docs/validating-admission-policy
 */
export class PolicyConstraintTemplates extends Construct {
  public readonly templates: readonly ConstraintTemplate[];

  constructor(scope: Construct, id: string, props: PolicyConstraintTemplatesProps) {
    super(scope, id);
    this.templates = props.templates.map(
      (t) =>
        new ConstraintTemplate(this, t.templateName, {
          metadata: {
            name: t.templateName,
            labels: { 'app.kubernetes.io/part-of': 'platform', 'platform.io/policy-id': t.policyId },
          },
          spec: {
            crd: { spec: { names: { kind: t.kind } } },
            targets: [{ target: GATEKEEPER_ADMISSION_TARGET, code: [{ engine: K8S_NATIVE_VALIDATION_ENGINE, source: t.source }] }],
          },
        }),
    );
  }
}
