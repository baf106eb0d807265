import { z } from 'zod';
import { serviceDeclarationSchema } from './golden-path';
import { ADDONS, CHART_KEYS, type ChartKey, OPTIONAL_ADDON_NAMES, type OptionalAddonName } from '../addons/registry';
import { reservedNamespaces } from '../reserved-namespaces';
import { exactVersion, ipv4Cidr } from './primitives';

export const gitopsSchema = z.strictObject({
  /** GitOps repository URL ArgoCD pulls from (https or ssh). */
  repoUrl: z.string().regex(/^(https:\/\/|ssh:\/\/|git@)[^\s]+$/, { message: 'must be an https://, ssh:// or git@ URL' }),
  /** Branch ArgoCD tracks and publish pushes to. */
  targetRevision: z.string().regex(/^[A-Za-z0-9._/-]+$/, { message: 'must be a branch name' }),
  /** Folder inside the repo that holds `<env>/`; empty for the repo root. */
  basePath: z
    .string()
    .regex(/^([a-z0-9._-]+(\/[a-z0-9._-]+)*)?$/, { message: 'must be a relative path without leading or trailing slash, such as clusters' })
    .refine((p) => p.split('/').every((segment) => segment !== '.' && segment !== '..'), {
      message: 'must stay inside the GitOps repository: remove the "." and ".." segments (e.g. clusters or clusters/eu)',
    }),
});

/** ArgoCD settings. Its sync policy and sync windows follow `operations` (mode, windows, freeze; ADR 0038). */
export const argocdSchema = z
  .strictObject({
    /** Run ArgoCD highly available (replicas, redis-ha). */
    highAvailability: z.boolean(),
    /**
     * Single sign-on through an OIDC provider (the local admin user stays disabled). Rendered as
     * argocd-cm `oidc.config` and argocd-rbac-cm `policy.csv`.
     * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/user-management/#existing-oidc-provider
     */
    sso: z.strictObject({
      /** Issuer URL of the OIDC provider, e.g. `https://acme.okta.example/oauth2/default`. */
      issuerUrl: z.url({ protocol: /^https$/, message: 'must be an https:// URL' }),
      /** OAuth client id registered for ArgoCD at the provider. */
      clientId: z.string().min(1),
      /**
       * Reference to the client secret, never the secret itself: `$<key>` (a key of argocd-secret) or
       * `$<secret-name>:<key>` (a Secret labelled `app.kubernetes.io/part-of: argocd`), delivered by the secrets layer.
       */
      clientSecretRef: z.string().regex(/^\$([a-z0-9]([-a-z0-9]*[a-z0-9])?:)?[A-Za-z0-9._-]+$/, { message: 'must be a secret reference such as $oidc.clientSecret or $argocd-oidc:clientSecret' }),
      /** Scopes requested from the provider; must include `openid` and the one carrying groups. */
      requestedScopes: z.array(z.string().regex(/^[A-Za-z0-9._:/-]+$/)).min(1).refine((s) => s.includes('openid'), { message: 'must include openid' }),
      /** Group claim value whose members get `role:admin`. */
      adminGroup: z.string().min(1),
    }),
    /**
     * Source networks allowed to reach the ArgoCD UI/API (`argocd.<dns.domain>`, internet-facing ALB):
     * the organization's egress (office, VPN) ranges, rendered as the Ingress annotation
     * `alb.ingress.kubernetes.io/inbound-cidrs` (the ALB security group). IPv4, never 0.0.0.0/0.
     * @see https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#inbound-cidrs
     */
    uiSourceCidrs: z
      .array(ipv4Cidr)
      .min(1)
      .superRefine((cidrs, ctx) => {
        cidrs.forEach((c, i) => {
          if (c.endsWith('/0')) ctx.addIssue({ code: 'custom', path: [i], message: `"${c}" opens the ArgoCD UI to the internet; list the organization's egress ranges` });
        });
      }),
  });

const karpenterPoolSchema = z.strictObject({
  /** Hard cap of the pool, vCPU. */
  cpuLimit: z.number().int().positive(),
  /** Hard cap of the pool, GiB of memory. */
  memoryLimitGiB: z.number().int().positive(),
  /** EC2 instance categories allowed (c, m, r, ...). */
  instanceCategories: z.array(z.enum(['c', 'm', 'r', 't', 'i'])).min(1),
  architectures: z.array(z.enum(['amd64', 'arm64'])).min(1),
  /** Consolidation delay, e.g. `1m`, `30m`. */
  consolidateAfter: z.string().regex(/^\d+(s|m|h)$/, { message: 'must be a duration such as 30s, 5m or 1h' }),
});

/**
 * The `builds` pool of the CI build pods (rootless buildah): its own EC2NodeClass (Bottlerocket
 * with user namespaces enabled), tainted for the builds only, amd64 only (the images are amd64).
 */
const karpenterBuildsPoolSchema = z.strictObject({
  /** Capacity type of the build nodes: `spot` is cheaper; a reclaimed node fails the running build, which is retried by the next push. */
  capacityType: z.enum(['on-demand', 'spot']),
  /** Hard cap of the pool, vCPU. */
  cpuLimit: z.number().int().positive(),
  /** Hard cap of the pool, GiB of memory. */
  memoryLimitGiB: z.number().int().positive(),
  /** EC2 instance categories allowed (c, m, r, ...). */
  instanceCategories: z.array(z.enum(['c', 'm', 'r', 't', 'i'])).min(1),
  /** Delay before an empty build node is removed, e.g. `5m` (busy build nodes are never consolidated). */
  consolidateAfter: z.string().regex(/^\d+(s|m|h)$/, { message: 'must be a duration such as 30s, 5m or 1h' }),
});

export const karpenterSchema = z.strictObject({
  /** On-demand pool for general workloads. */
  onDemand: karpenterPoolSchema,
  /** Spot pool; omit to run no spot capacity. */
  spot: karpenterPoolSchema.optional(),
  /** Pool of the CI build pods (`platform.io/node-pool: builds`, tainted `platform.io/builds=true:NoSchedule`). */
  builds: karpenterBuildsPoolSchema,
  /** Max node lifetime before Karpenter replaces it, e.g. `720h`. */
  expireAfter: z.string().regex(/^\d+h$/, { message: 'must be hours such as 720h' }),
  /**
   * Prefer spot capacity: the spot pool gets the higher NodePool weight, so Karpenter launches spot
   * first and falls back to on-demand. False: on-demand is preferred and spot is used only for pods
   * that require it (`karpenter.sh/capacity-type: spot`) or when on-demand hits its limits.
   */
  preferSpot: z.boolean(),
  /** Karpenter controller replicas (leader election; 2 for HA). */
  controllerReplicas: z.number().int().min(1).max(3),
  /** EC2NodeClass AMI alias, pinned (no `@latest`): staged per environment like a chart version. @see https://karpenter.sh/docs/concepts/nodeclasses/#specamiselectorterms */
  amiAlias: z.string().regex(/^(bottlerocket|al2023)@v\d+(\.\d+)*$/, { message: 'must be a pinned alias such as bottlerocket@v1.48.0 (no @latest)' }),
  /**
   * Availability Zones (names such as `eu-west-1a`) Karpenter must not launch nodes into: every NodePool gets a
   * `topology.kubernetes.io/zone NotIn` requirement. For an impaired zone during an incident (runbook
   * dr-lose-an-az); empty otherwise. Checked against `aws.region` and `network.azCount` (karpenterZoneIssues).
   * @default []
   */
  excludedZones: z.array(z.string()).default([]),
});

/** `addons.enabled`: one required boolean per optional add-on, so a new optional add-on is a type error in every environment until it decides. */
const enabledSchema = z.strictObject(Object.fromEntries(OPTIONAL_ADDON_NAMES.map((n) => [n, z.boolean()])) as Record<OptionalAddonName, z.ZodBoolean>);

export const addonsSchema = z
  .strictObject({
    /**
     * Which optional add-ons run in this environment (`true`) or not (`false`). A disabled add-on has no
     * Application, namespace, ServiceAccount, IAM role or Pod Identity association on either side.
     * Required add-ons (the baseline, Karpenter, ingress, ArgoCD) always run and have no key here.
     */
    enabled: enabledSchema,
    /**
     * Per-environment chart version overrides, keyed by chart key (see `CHART_CATALOG`).
     * Used to stage an upgrade in dev before the catalog moves.
     */
    chartVersions: z.partialRecord(z.enum(CHART_KEYS as [ChartKey, ...ChartKey[]]), exactVersion),
    /** external-dns record ownership: `sync` also deletes records it owns, `upsert-only` never deletes. */
    externalDnsPolicy: z.enum(['sync', 'upsert-only']),
  })
  .superRefine((a, ctx) => {
    const enabled = (name: string): boolean => {
      const declaration = ADDONS.find((d) => d.name === name);
      return declaration !== undefined && (!declaration.optional || (a.enabled as Record<string, boolean | undefined>)[name] === true);
    };
    for (const declaration of ADDONS) {
      if (!enabled(declaration.name)) continue;
      for (const required of ('requires' in declaration ? declaration.requires : []) as readonly string[]) {
        if (!enabled(required)) {
          ctx.addIssue({ code: 'custom', path: ['enabled', declaration.name], message: `${declaration.name} requires ${required}; set addons.enabled.${required}: true or addons.enabled.${declaration.name}: false` });
        }
      }
    }
  }, { when: (p) => typeof (p.value as { enabled?: unknown } | undefined)?.enabled === 'object' });

/**
 * GitHub's webhook source ranges: the IPv4 `hooks` entries of https://api.github.com/meta, a fact about
 * GitHub rather than about an environment. Re-check when GitHub announces changes to its hook addresses.
 * @see https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-githubs-ip-addresses
 */
export const GITHUB_HOOK_CIDRS = ['192.30.252.0/22', '185.199.108.0/22', '140.82.112.0/20', '143.55.64.0/20'] as const;

export const tektonSchema = z.strictObject({
  /**
   * Source CIDRs allowed to reach the build webhook (ALB `inbound-cidrs`), IPv4, never 0.0.0.0/0.
   * @default GITHUB_HOOK_CIDRS (GitHub's published hook ranges); set it only for GitHub Enterprise Server or a proxy
   */
  webhookSourceCidrs: z
    .array(ipv4Cidr)
    .min(1)
    .superRefine((cidrs, ctx) => {
      cidrs.forEach((c, i) => {
        if (c.endsWith('/0')) ctx.addIssue({ code: 'custom', path: [i], message: `"${c}" opens the webhook to the internet; list the GitHub hook ranges` });
      });
    })
    .default([...GITHUB_HOOK_CIDRS]),
  /**
   * Per-service test step of the reference build, keyed by service (an `ecr.repositories` entry).
   * A repository not listed gets the test step of the golden-path profile of the services built from
   * it (`tenants[].services[].profile`, e.g. spring-boot: JDK image and the Maven wrapper), else the
   * Pipeline defaults (node image, `npm ci && npm test`). Empty for none.
   */
  testOverrides: z.record(
    z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { message: 'must be a service name (DNS-1123 label)' }),
    z.strictObject({
      /**
       * Toolchain image, pinned to a tag or digest (never `latest`), from an allowed registry: the
       * registry and pinning rules of every image named in an environment are checked by the
       * environment schema (`environmentImages`), since this one ends up inside a CEL expression.
       */
      image: z
        .string()
        .regex(/^[a-z0-9][a-z0-9._/:-]*(:[A-Za-z0-9_][A-Za-z0-9._-]{0,127}|@sha256:[a-f0-9]{64})$/, { message: 'must be an image reference with a tag or digest' }),
      /** Shell command run in the repository root, e.g. `make test`. */
      command: z.string().min(1),
    }),
  ),
});

const tenantSchema = z.strictObject({
  /** Namespace of the team; also the tenant id. */
  namespace: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, { message: 'must be a DNS-1123 label' })
    .refine((ns) => !reservedNamespaces().includes(ns), {
      error: (issue) => `"${String(issue.input)}" is a Kubernetes or platform namespace (reserved: ${reservedNamespaces().join(', ')}); name the tenant namespace after the team, e.g. team-${String(issue.input)}`,
    }),
  /** Team contact, recorded as an annotation. */
  owner: z.string().min(2),
  /**
   * The team's group: a Kubernetes group (the cluster OIDC provider's groups claim, or an EKS access entry's
   * Kubernetes group) and the SSO group ArgoCD sees. It gets edit rights in the tenant namespace only and the
   * `team` role of the tenant's AppProject (add-on `tenant-access`). Absent: no team access is rendered.
   */
  group: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._@:=-]{0,127}$/, { message: 'must be a group name (letters, digits and . _ @ : = -, at most 128 characters), e.g. team-orders-developers' })
    .refine((g) => !g.startsWith('system:'), { message: 'must not be a Kubernetes system: group (those are the API server\'s own)' })
    .optional(),
  /** Git repositories (https) the tenant's Applications may use besides the GitOps repo (its AppProject `sourceRepos`). */
  sourceRepos: z.array(z.url({ protocol: /^https$/, message: 'must be an https:// Git repository URL' })).default([]),
  /** ResourceQuota of the namespace. */
  quota: z.strictObject({
    /** Sum of CPU requests, in cores. */
    requestsCpu: z.number().positive(),
    /** Sum of memory requests, GiB. */
    requestsMemoryGiB: z.number().positive(),
    /** Sum of memory limits, GiB. */
    limitsMemoryGiB: z.number().positive(),
    pods: z.number().int().positive(),
    persistentVolumeClaims: z.number().int().min(0),
    /** Sum of PVC storage requests, GiB. */
    requestsStorageGiB: z.number().int().min(0),
  }),
  /**
   * Host labels below the ingress Gateway's wildcard `*.apps.<dns.domain>` that the team's own HTTPRoutes and
   * GRPCRoutes (from its `sourceRepos`) may claim, e.g. `['orders']` -> `orders.apps.<domain>`. The hosts of its
   * services' routes (`services[].route.host`) are the tenant's as well. A host belongs to one tenant: the ingress
   * Gateway's admission policy denies a route whose hostnames are outside its namespace's set (ADR 0056).
   * @default [] (only the hosts of its services' routes)
   */
  routeHosts: z.array(z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, { message: 'must be a DNS-1123 label (lower-case letters, digits, -), the host below *.apps.<dns.domain>' })).default([]),
  /** The tenant's services (golden path), each rendered by the `Microservice` construct. @default [] (none) */
  services: z.array(serviceDeclarationSchema).default([]),
});

/** Team namespaces with quotas (cluster baseline); empty for none. */
export const tenantsSchema = z.array(tenantSchema).superRefine((ts, ctx) => {
  const seen = new Set<string>();
  ts.forEach((t, i) => {
    if (seen.has(t.namespace)) ctx.addIssue({ code: 'custom', path: [i, 'namespace'], message: `duplicate tenant namespace "${t.namespace}"` });
    seen.add(t.namespace);
    if (t.quota.limitsMemoryGiB < t.quota.requestsMemoryGiB) {
      ctx.addIssue({ code: 'custom', path: [i, 'quota', 'limitsMemoryGiB'], message: 'must be >= requestsMemoryGiB' });
    }
  });
  routeHostOwnershipIssues(ts, ctx);
});

/**
 * A route host belongs to one tenant: a label claimed (in `routeHosts` or a service's `route.host`) by a second
 * tenant is refused there, naming the owner; a label twice in one tenant's `routeHosts` is refused as a duplicate.
 * Two services of one tenant may share a host (different path prefixes).
 */
function routeHostOwnershipIssues(ts: readonly z.infer<typeof tenantSchema>[], ctx: z.RefinementCtx): void {
  const owners = new Map<string, { tenant: string; at: string }>();
  ts.forEach((t, i) => {
    const claims: { host: string; path: (string | number)[]; at: string; who: string }[] = [
      ...t.routeHosts.map((host, j) => ({ host, path: [i, 'routeHosts', j], at: `tenants[${i}].routeHosts[${j}]`, who: `tenant "${t.namespace}" routeHosts` })),
      ...t.services.flatMap((s, k) =>
        s.route ? [{ host: s.route.host, path: [i, 'services', k, 'route', 'host'], at: `tenants[${i}].services[${k}].route.host`, who: `tenant "${t.namespace}" service "${s.name}" route.host` }] : [],
      ),
    ];
    t.routeHosts.forEach((host, j) => {
      const first = t.routeHosts.indexOf(host);
      if (first !== j) ctx.addIssue({ code: 'custom', path: [i, 'routeHosts', j], message: `duplicate route host "${host}" (also routeHosts[${first}])` });
    });
    for (const c of claims) {
      const owner = owners.get(c.host);
      if (owner && owner.tenant !== t.namespace) {
        ctx.addIssue({
          code: 'custom',
          path: c.path,
          message: `${c.who}: "${c.host}" is a route host of tenant "${owner.tenant}" (${owner.at}); a host belongs to one tenant on the shared ingress Gateway: pick another label`,
        });
      } else if (!owner) owners.set(c.host, { tenant: t.namespace, at: c.at });
    }
  });
}
