import { z } from 'zod';
import { cidrsOverlap } from './cidr';
import { environmentImages, imagePolicyViolation } from './image-policy';
import {
  auditSchema,
  awsSchema,
  budgetSchema,
  clusterSchema,
  dnsSchema,
  ecrSchema,
  networkSchema,
  storageSchema,
  tagsSchema,
  RUN_ALWAYS,
} from './schema/foundation';
import { accountAndRegionIssues } from './schema/account-and-region';
import { karpenterZoneIssues } from './schema/karpenter-zones';
import { tektonOverrideIssues } from './schema/tekton-overrides';
import { addonsSchema, argocdSchema, gitopsSchema, karpenterSchema, tektonSchema, tenantsSchema } from './schema/platform';
// security layer
import { securityPolicySchema } from './schema/security-policy';
import { securitySchema } from './schema/security';
// mesh layer
import { meshSchema, meshTenantIssues, tenantRouteHostIssues } from './schema/mesh';
// data layer
import { checkDataAgainstEnvironment, dataSchema } from './schema/data';
// observability layer
import { observabilitySchema, tracesSamplingIssues, zoneAwareIssues } from './schema/observability';
// backup, DR and operations
import { drSchema, operationsSchema } from './schema/dr';
// golden path
import { type DataReferences, type ServiceCheckContext, serviceDeclarationIssues } from './schema/golden-path';
import { tenantQuotaIssues } from './schema/tenant-quota';

/** Lower-case environment name, also the `dist/<env>` folder and the Nx project name. */
/**
 * Names an environment may not take: `images` is the GitOps-repo folder the build pipeline bumps
 * image tags in (`<basePath>/images/<env>/`), next to the environment folders.
 */
export const RESERVED_ENVIRONMENT_NAMES = ['images'] as const;

export const environmentNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,19}$/, { message: 'must be 2-20 lower-case letters, digits or dashes, starting with a letter' })
  .refine((name) => !(RESERVED_ENVIRONMENT_NAMES as readonly string[]).includes(name), {
    message: `is reserved (${RESERVED_ENVIRONMENT_NAMES.join(', ')}); pick another name`,
  });

/**
 * One environment, validated before anything is built (ADR 0007). Libraries never branch on `name`:
 * environments differ only in these values.
 */
export const environmentSchema = z.strictObject({
  name: environmentNameSchema,
  aws: awsSchema,
  tags: tagsSchema,
  network: networkSchema,
  cluster: clusterSchema,
  karpenter: karpenterSchema,
  dns: dnsSchema,
  storage: storageSchema,
  audit: auditSchema,
  ecr: ecrSchema,
  budget: budgetSchema,
  gitops: gitopsSchema,
  argocd: argocdSchema,
  addons: addonsSchema,
  tekton: tektonSchema,
  tenants: tenantsSchema,
  // security layer
  securityPolicy: securityPolicySchema,
  security: securitySchema,
  // mesh layer
  mesh: meshSchema,
  // data layer
  data: dataSchema,
  // observability layer
  observability: observabilitySchema,
  // backup, DR and operations
  dr: drSchema,
  operations: operationsSchema,
}).superRefine((env, ctx) => {
  accountAndRegionIssues(env, ctx);
  karpenterZoneIssues(env, ctx);
  tektonOverrideIssues(env, ctx);
  // Images named in the environment (tekton.testOverrides.<svc>.image, ...) follow the same registry
  // and pinning rules as rendered ones: some end up where nx validate cannot see them (a CEL expression).
  for (const { path, image } of environmentImages(env)) {
    const violation = imagePolicyViolation(image);
    if (violation) ctx.addIssue({ code: 'custom', path, message: violation });
  }
  // RUN_ALWAYS: reported together with the other fields' issues; cidrsOverlap ignores invalid CIDRs.
  if (cidrsOverlap(String(env.cluster?.serviceIpv4Cidr), String(env.network?.vpcCidr))) {
    ctx.addIssue({
      code: 'custom',
      path: ['cluster', 'serviceIpv4Cidr'],
      message: `${env.cluster.serviceIpv4Cidr} overlaps network.vpcCidr ${env.network.vpcCidr}; Service IPs must not be routable in the VPC (e.g. 172.20.0.0/16)`,
    });
  }
  // golden path: cross-field checks of the tenants' services (callers, routes, heap vs limit, image repositories, data references)
  const enabled: unknown = env.addons?.enabled;
  const flows: unknown = env.mesh?.flows;
  const context: ServiceCheckContext = {
    ecrRepositories: Array.isArray(env.ecr?.repositories) ? env.ecr.repositories : [],
    enabled: typeof enabled === 'object' && enabled !== null ? (enabled as Record<string, boolean>) : {},
    gatewayFlows: (Array.isArray(flows) ? (flows as unknown[]) : []).filter(
      (f): f is ServiceCheckContext['gatewayFlows'][number] => (f as { from?: { namespace?: unknown } })?.from?.namespace === 'istio-ingress' && Array.isArray((f as { to?: { ports?: unknown } })?.to?.ports),
    ),
    data: (env as { data?: DataReferences }).data,
  };
  (Array.isArray(env.tenants) ? env.tenants : []).forEach((tenant, i) => {
    const services: unknown = tenant?.services;
    for (const issue of serviceDeclarationIssues(String(tenant?.namespace), Array.isArray(services) ? services : [], context)) {
      ctx.addIssue({ code: 'custom', path: ['tenants', i, ...issue.path], message: issue.message });
    }
    // the quota holds the services at replicas.max plus one rollout's surge
    for (const issue of tenantQuotaIssues(String(tenant?.namespace), tenant?.quota, Array.isArray(services) ? services : [])) {
      ctx.addIssue({ code: 'custom', path: ['tenants', i, ...issue.path], message: issue.message });
    }
  });
  // mesh layer
  meshTenantIssues(env, ctx);
  tenantRouteHostIssues(env, ctx);
  // data layer
  if (env.data && env.storage && env.addons) checkDataAgainstEnvironment(env, ctx);
  // observability layer
  tracesSamplingIssues(env, ctx);
  zoneAwareIssues(env, ctx);
  // backup, DR and operations: S3 must not expire a backup Velero still lists
  const retentionDays = env.storage?.backupsRetentionDays;
  (Array.isArray(env.dr?.velero?.schedules) ? env.dr.velero.schedules : []).forEach((s, i) => {
    if (typeof retentionDays === 'number' && typeof s.ttlHours === 'number' && s.ttlHours > retentionDays * 24) {
      ctx.addIssue({
        code: 'custom',
        path: ['dr', 'velero', 'schedules', i, 'ttlHours'],
        message: `${s.ttlHours} h outlives storage.backupsRetentionDays (${retentionDays} d = ${retentionDays * 24} h): the bucket would expire backups Velero still lists; lower ttlHours or raise storage.backupsRetentionDays`,
      });
    }
  });
}, RUN_ALWAYS);

/** The validated, immutable environment model. */
export type EnvironmentConfig = DeepReadonly<z.output<typeof environmentSchema>>;
/** What an `environments/<env>/env.ts` file declares (same shape, before validation). */
export type EnvironmentInput = z.input<typeof environmentSchema>;

type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;
