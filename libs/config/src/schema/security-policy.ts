import { z } from 'zod';

/**
 * What Gatekeeper does with a violation at admission (`spec.enforcementAction` of every Constraint):
 * `deny` rejects the request, `warn` admits it with a warning to the client, `dryrun` only records it
 * (audit results). Audit reports violations in every mode.
 * @see https://open-policy-agent.github.io/gatekeeper/website/docs/violations
 */
export const GATEKEEPER_ENFORCEMENT_ACTIONS = ['deny', 'warn', 'dryrun'] as const;
export type GatekeeperEnforcementAction = (typeof GATEKEEPER_ENFORCEMENT_ACTIONS)[number];

const replicas = (field: string, max: number) =>
  z
    .number({ message: `${field} must be a number` })
    .int({ message: `${field} must be a whole number` })
    .min(1, { message: `${field} must be at least 1` })
    .max(max, { message: `${field} must be at most ${max}` });

/** Gatekeeper: enforcement mode, webhook replicas and audit cadence. */
export const gatekeeperSchema = z.strictObject({
  /** `enforcementAction` of every platform Constraint (GATEKEEPER_ENFORCEMENT_ACTIONS). */
  enforcementAction: z.enum(GATEKEEPER_ENFORCEMENT_ACTIONS, { message: `must be one of ${GATEKEEPER_ENFORCEMENT_ACTIONS.join(', ')} (deny rejects, warn admits with a warning, dryrun only audits)` }),
  /**
   * Replicas of the validating webhook (controller-manager); 2+ spread across zones with a PodDisruptionBudget.
   * The audit controller is a singleton.
   */
  webhookReplicas: replicas('webhookReplicas', 5),
  /** Seconds between two audit runs over every object in the cluster (chart `auditInterval`). */
  auditIntervalSeconds: z
    .number()
    .int({ message: 'must be a whole number of seconds' })
    .min(30, { message: 'must be at least 30 seconds (a full audit lists every object the Constraints match)' })
    .max(3600, { message: 'must be at most 3600 seconds (violations of objects admitted while the webhook was down surface within one interval)' }),
});

/** The policy half of the security layer: admission policy (Gatekeeper). */
export const securityPolicySchema = z.strictObject({
  gatekeeper: gatekeeperSchema,
});
export type SecurityPolicyConfig = z.infer<typeof securityPolicySchema>;
