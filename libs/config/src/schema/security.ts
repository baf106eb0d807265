import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';

/**
 * ACME directories cert-manager's `letsencrypt` ClusterIssuer can use. `staging` issues untrusted
 * certificates under generous rate limits (dev); `production` issues browser-trusted ones.
 * @see https://letsencrypt.org/docs/staging-environment/
 */
export const ACME_SERVERS = {
  staging: 'https://acme-staging-v02.api.letsencrypt.org/directory',
  production: 'https://acme-v02.api.letsencrypt.org/directory',
} as const;
export type AcmeServer = keyof typeof ACME_SERVERS;

/** cert-manager: the ACME account and the controller/webhook/cainjector replicas. */
export const certManagerSchema = z.strictObject({
  /** Let's Encrypt directory of the `letsencrypt` ClusterIssuer (ACME_SERVERS). */
  acmeServer: z.enum(Object.keys(ACME_SERVERS) as [AcmeServer, ...AcmeServer[]], { message: `must be one of ${Object.keys(ACME_SERVERS).join(', ')} (the Let's Encrypt directory)` }),
  /** Contact address of the ACME account (expiry and incident mail from Let's Encrypt). */
  acmeEmail: z.email({ message: 'must be an e-mail address such as platform-team@example.com (the ACME account contact)' }),
  /**
   * Replicas of the controller, webhook and cainjector; 2+ spread across zones with a PodDisruptionBudget.
   * The controller and cainjector elect a leader, so extra replicas are warm standbys.
   */
  replicas: z.number().int().min(1, { message: 'must be at least 1' }).max(3, { message: 'must be at most 3 (leader election: more replicas only add standbys)' }),
});

/** External Secrets Operator: controller and webhook replicas. */
export const externalSecretsSchema = z.strictObject({
  /**
   * Replicas of the controller and of the webhook; 2+ spread across zones with a PodDisruptionBudget.
   * The controller elects a leader (extra replicas are warm standbys); the webhook serves from every replica.
   */
  replicas: z.number().int().min(1, { message: 'must be at least 1' }).max(3, { message: 'must be at most 3 (leader election: more controller replicas only add standbys)' }),
});

/** A 5-field cron schedule as a Kubernetes CronJob accepts it (UTC). */
const cronSchedule = z.string().refine(
  (s) => {
    if (s.trim().split(/\s+/).length !== 5) return false;
    try {
      CronExpressionParser.parse(s);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be a 5-field cron schedule (minute hour day-of-month month day-of-week), e.g. "0 * * * *" for hourly' },
);

/** OpenBao: Raft voters, their volume and the snapshot schedule. */
export const openbaoSchema = z.strictObject({
  /** Raft voters: 1 (dev, no HA) or an odd 3/5 spread across zones (a quorum survives 1/2 lost voters). */
  replicas: z.number().int().refine((n) => n === 1 || n === 3 || n === 5, { message: 'must be 1, 3 or 5 (Raft needs an odd number of voters; 3 survives one lost zone)' }),
  /** Size of each server's Raft volume (PersistentVolumeClaim), GiB. */
  storageSizeGiB: z.number().int().min(1, { message: 'must be at least 1' }).max(100, { message: 'must be at most 100 (Raft keeps the whole data set in memory too; larger needs a redesign)' }),
  /** Schedule of the Raft snapshot CronJob (UTC); the RPO of OpenBao. */
  snapshotSchedule: cronSchedule,
});

/** The security layer (cert-manager, OpenBao, External Secrets, Gatekeeper, Falco); which add-ons run is `addons.enabled`. */
export const securitySchema = z.strictObject({
  certManager: certManagerSchema,
  externalSecrets: externalSecretsSchema,
  openbao: openbaoSchema,
});
export type SecurityConfig = z.infer<typeof securitySchema>;
