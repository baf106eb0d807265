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

/** The security layer (cert-manager, OpenBao, External Secrets, Gatekeeper, Falco); which add-ons run is `addons.enabled`. */
export const securitySchema = z.strictObject({
  certManager: certManagerSchema,
  externalSecrets: externalSecretsSchema,
});
export type SecurityConfig = z.infer<typeof securitySchema>;
