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

/** Falcosidekick output priorities (lower case, as its `minimumpriority`). @see https://github.com/falcosecurity/falcosidekick/blob/master/docs/outputs/loki.md */
export const FALCO_OUTPUT_PRIORITIES = ['emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'informational', 'debug'] as const;
export type FalcoOutputPriority = (typeof FALCO_OUTPUT_PRIORITIES)[number];

const dnsLabel = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, { message: 'must be a Kubernetes namespace name (DNS-1123 label)' });
const priority = (field: string) =>
  z.enum(FALCO_OUTPUT_PRIORITIES, { message: `${field} must be one of ${FALCO_OUTPUT_PRIORITIES.join(', ')}` });

/** Falco (one pod per node, modern eBPF probe) and falcosidekick (forwards events to Loki and Alertmanager). */
export const falcoSchema = z
  .strictObject({
    /** CPU request of each Falco pod, millicores. */
    cpuRequestMillicores: z.number().int({ message: 'must be a whole number of millicores' }).min(50, { message: 'must be at least 50 (Falco parses every syscall of the node)' }).max(4000, { message: 'must be at most 4000' }),
    /** CPU limit of each Falco pod, millicores; at least the request (a throttled Falco drops events: keep headroom). */
    cpuLimitMillicores: z.number().int({ message: 'must be a whole number of millicores' }).min(100, { message: 'must be at least 100' }).max(8000, { message: 'must be at most 8000' }),
    /** Memory request of each Falco pod, MiB. */
    memoryRequestMiB: z.number().int({ message: 'must be a whole number of MiB' }).min(256, { message: 'must be at least 256 MiB (rules engine and thread table)' }).max(8192, { message: 'must be at most 8192' }),
    /** Memory limit of each Falco pod, MiB; at least the request. */
    memoryLimitMiB: z.number().int({ message: 'must be a whole number of MiB' }).min(256, { message: 'must be at least 256 MiB' }).max(16384, { message: 'must be at most 16384' }),
    /**
     * Ring buffer size preset of the modern eBPF probe (chart `driver.modernEbpf.bufSizePreset`): 4 = 8 MiB per
     * buffer (default), each step doubles; larger buffers drop fewer events on busy nodes.
     * @see https://falco.org/docs/reference/daemon/config-options/ (`engine.modern_ebpf.buf_size_preset`)
     */
    bufSizePreset: z.number().int({ message: 'must be a whole number' }).min(1, { message: 'must be between 1 and 10' }).max(10, { message: 'must be between 1 and 10' }),
    /** falcosidekick replicas; 2+ spread across zones. */
    sidekickReplicas: z.number().int({ message: 'must be a whole number' }).min(1, { message: 'must be at least 1' }).max(5, { message: 'must be at most 5' }),
    /** Least priority forwarded to Loki (the searchable record). */
    lokiMinimumPriority: priority('lokiMinimumPriority'),
    /** Least priority raised as an Alertmanager alert (pages someone). */
    alertmanagerMinimumPriority: priority('alertmanagerMinimumPriority'),
    /** Namespaces whose database pods must not reach outside the cluster and the VPC (rule "unexpected egress"). */
    databaseNamespaces: z.array(dnsLabel),
  })
  .superRefine((f, ctx) => {
    if (f.cpuLimitMillicores < f.cpuRequestMillicores) {
      ctx.addIssue({ code: 'custom', path: ['cpuLimitMillicores'], message: `${f.cpuLimitMillicores} is below cpuRequestMillicores ${f.cpuRequestMillicores}; the limit must be at least the request` });
    }
    if (f.memoryLimitMiB < f.memoryRequestMiB) {
      ctx.addIssue({ code: 'custom', path: ['memoryLimitMiB'], message: `${f.memoryLimitMiB} is below memoryRequestMiB ${f.memoryRequestMiB}; the limit must be at least the request` });
    }
    if (FALCO_OUTPUT_PRIORITIES.indexOf(f.alertmanagerMinimumPriority) > FALCO_OUTPUT_PRIORITIES.indexOf(f.lokiMinimumPriority)) {
      ctx.addIssue({ code: 'custom', path: ['alertmanagerMinimumPriority'], message: `${f.alertmanagerMinimumPriority} is less severe than lokiMinimumPriority ${f.lokiMinimumPriority}; every alert must also be in Loki` });
    }
  });

/** The policy half of the security layer: admission policy (Gatekeeper) and runtime detection (Falco). */
export const securityPolicySchema = z.strictObject({
  gatekeeper: gatekeeperSchema,
  falco: falcoSchema,
});
export type SecurityPolicyConfig = z.infer<typeof securityPolicySchema>;
