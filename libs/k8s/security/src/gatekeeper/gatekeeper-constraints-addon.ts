import { type EnvironmentConfig, GATEKEEPER_CONSTRAINTS } from '@platform/config';
import { Addon } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import { GATEKEEPER_IGNORE_LABEL, GATEKEEPER_NAMESPACE, type GatekeeperAddon } from './gatekeeper-addon';
import { PolicyConstraints } from './policy-constraints';

export interface GatekeeperConstraintsAddonProps {
  readonly env: EnvironmentConfig;
  /** The Gatekeeper add-on whose templates the Constraints instantiate (also the dependency). */
  readonly gatekeeper: GatekeeperAddon;
}

/**
 * One Constraint per ConstraintTemplate of {@link GatekeeperAddon}, with `security.gatekeeper.enforcementAction`.
 * Its own Application in a later sync wave than Gatekeeper: the constraint kinds are CRDs Gatekeeper creates
 * from the templates at runtime, so the Application carries `SkipDryRunOnMissingResource=true` and the long
 * retry of Applications holding custom resources.
 */
export class GatekeeperConstraintsAddon extends Addon {
  constructor(scope: Construct, id: string, props: GatekeeperConstraintsAddonProps) {
    const { env, gatekeeper } = props;
    super(scope, id, {
      env,
      declaration: GATEKEEPER_CONSTRAINTS,
      dependsOn: [gatekeeper],
      // cluster-scoped Constraints only; the namespace is Gatekeeper's (no pods of its own here)
      namespace: { name: GATEKEEPER_NAMESPACE, labels: GATEKEEPER_IGNORE_LABEL, workloads: false },
    });
    new PolicyConstraints(this.manifestFile('constraints'), 'constraints', { templates: gatekeeper.policyTemplates, enforcementAction: env.securityPolicy.gatekeeper.enforcementAction });
  }
}
