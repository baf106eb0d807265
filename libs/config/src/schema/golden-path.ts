import { z } from 'zod';
import { BUCKET_PURPOSES } from '../bucket-purposes';

const dnsLabel = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, { message: 'must be a DNS-1123 label (lower-case letters, digits, -)' });

/** Longest service name: Rollout/ReplicaSet pod names append `-<hash>-<hash>` (up to 17 characters) to 63, and `<name>-canary` must stay a label. */
export const SERVICE_NAME_MAX_LENGTH = 40;

/**
 * Lowest container port a service may listen on: the pods run as non-root (restricted Pod Security)
 * and cannot bind privileged ports below 1024.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export const MIN_SERVICE_PORT = 1024;

/**
 * Ports the platform reserves in meshed pods: Istio's 15000-15090 (Envoy admin 15000, HBONE 15008,
 * merged metrics 15020, health 15021, Envoy metrics 15090).
 * @see https://istio.io/latest/docs/ops/deployment/application-requirements/#ports-used-by-istio
 */
export const RESERVED_SERVICE_PORTS = { from: 15000, to: 15090 } as const;

/**
 * Port of the Spring Boot actuator (management server), reserved: the profile listens there, so an
 * application port must differ from it.
 * @see https://docs.spring.io/spring-boot/reference/actuator/monitoring.html#actuator.monitoring.customizing-management-server-port
 */
export const ACTUATOR_PORT = 8081;

/** The literal a service lists in `callers` to be reachable from the ingress gateway (through its `route`). */
export const GATEWAY_CALLER = 'gateway';

/** Gateway deadline of one request on a public route, seconds, when the route does not set one (the Gateway API leaves it unset = unlimited). @see https://gateway-api.sigs.k8s.io/reference/spec/#httproutetimeouts */
export const DEFAULT_ROUTE_TIMEOUT_SECONDS = 30;

/**
 * Largest memory limit of one container in a tenant namespace, MiB: the tenant LimitRange's `max.memory`
 * (cluster baseline `TENANT_CONTAINER_DEFAULTS.max`). A bigger container is refused at pod admission.
 * @see https://kubernetes.io/docs/concepts/policy/limit-range/
 */
export const TENANT_CONTAINER_MAX_MEMORY_MIB = 8192;

/** Heap share of the memory limit (`-XX:MaxRAMPercentage`), percent: the JVM's own default is 25, far too low for a container that runs one JVM. @see https://docs.oracle.com/en/java/javase/21/docs/specs/man/java.html */
export const DEFAULT_MAX_RAM_PERCENT = 70;

/**
 * Memory a Spring Boot JVM needs outside the heap, MiB: metaspace (~100-150), code cache (up to 240
 * reserved, ~50 used), 200 threads x 1 MiB stacks at most, direct buffers and the OTel agent (~30).
 * The heap check (`jvm.nonHeapMiB`) keeps heap + this within the memory limit.
 * @see https://docs.spring.io/spring-boot/reference/packaging/container-images/efficient-images.html
 */
export const DEFAULT_NON_HEAP_MIB = 256;

/** Pod template annotation carrying the declared `jvm.nonHeapMiB` (MiB), read by the heap rule XL-GP-003 of `nx validate`. */
export const JVM_NON_HEAP_ANNOTATION = 'platform.io/jvm-non-heap-mib';

/** Runtime profiles of the golden path: each sets the probes, metrics, tracing, JVM defaults and the build's test step of its services. */
export const SERVICE_PROFILES = ['spring-boot'] as const;
export type ServiceProfile = (typeof SERVICE_PROFILES)[number];

/** Access a service needs on a Kafka topic; same vocabulary as the data layer's KafkaUser `topics[].access`. */
export const SERVICE_TOPIC_ACCESS = ['consume', 'produce', 'produce-consume'] as const;

const servicePortSchema = z.strictObject({
  /** Port name (IANA service name): `http`, `grpc`, ... */
  name: z.string().regex(/^[a-z]([-a-z0-9]{0,13}[a-z0-9])?$/, { message: 'must be an IANA service name (1-15 lower-case letters, digits, dashes, starting with a letter)' }),
  /** Container and Service port. */
  port: z
    .number()
    .int({ message: 'must be an integer' })
    .min(MIN_SERVICE_PORT, { message: `must be >= ${MIN_SERVICE_PORT} (pods run as non-root and cannot bind privileged ports)` })
    .max(65535, { message: 'must be <= 65535' })
    .refine((p) => p < RESERVED_SERVICE_PORTS.from || p > RESERVED_SERVICE_PORTS.to, {
      message: `must be outside ${RESERVED_SERVICE_PORTS.from}-${RESERVED_SERVICE_PORTS.to} (reserved by the mesh proxies)`,
    })
    .refine((p) => p !== ACTUATOR_PORT, { message: `must not be ${ACTUATOR_PORT} (the actuator port of the spring-boot profile)` }),
  /** Application protocol (Service `appProtocol`): what the mesh parses at L7. */
  protocol: z.enum(['http', 'grpc', 'tcp']),
});

const routeSchema = z.strictObject({
  /** Host label below the gateway's wildcard `*.apps.<dns.domain>`, e.g. `ecotrack` -> `ecotrack.apps.<domain>`. */
  host: dnsLabel,
  /** Path prefixes sent to the service, e.g. `['/']` or `['/api', '/v2']`. */
  pathPrefixes: z.array(z.string().regex(/^\/[A-Za-z0-9._~/-]*$/, { message: 'must be a path prefix such as /api (starting with /)' })).min(1, { message: 'must list at least one path prefix' }),
  /** Port name (`ports[].name`) the route sends to. */
  port: z.string(),
  /** Whole request deadline at the gateway, seconds. @default DEFAULT_ROUTE_TIMEOUT_SECONDS */
  timeoutSeconds: z.number().int().min(1, { message: 'must be >= 1 (seconds)' }).max(3600, { message: 'must be <= 3600 (seconds)' }).default(DEFAULT_ROUTE_TIMEOUT_SECONDS),
});

const secretSchema = z.strictObject({
  /** KV entry in OpenBao at `<env>/<tenant>/<service>-<name>` (the security layer's path convention `<env>/<namespace>/<name>`); the Kubernetes Secret is `<service>-<name>`. */
  name: dnsLabel,
  /** Keys of the KV entry, each exposed as an environment variable (`env`). */
  keys: z
    .array(
      z.strictObject({
        key: z.string().regex(/^[A-Za-z0-9_.-]+$/, { message: 'must be a KV key (letters, digits, _ . -)' }),
        env: z.string().regex(/^[A-Z][A-Z0-9_]*$/, { message: 'must be an environment variable name (UPPER_SNAKE_CASE)' }),
      }),
    )
    .min(1, { message: 'must list at least one key' }),
});

/** An SLO objective: the share of good events over the window, percent. */
const objectivePercent = z
  .number()
  .gt(0, { message: 'must be > 0 (percent)' })
  .lt(100, { message: 'must be < 100 (percent): a 100% objective leaves no error budget' });

/** A tenant service (golden path): declared once, rendered into every Kubernetes object it needs. */
export const serviceDeclarationSchema = z.strictObject({
  /** Service name: Deployment/Rollout, Service, ServiceAccount and Backstage Component name. */
  name: dnsLabel.refine((n) => n.length <= SERVICE_NAME_MAX_LENGTH, { message: `must be at most ${SERVICE_NAME_MAX_LENGTH} characters` }),
  /** One sentence for the catalog. */
  description: z.string().min(10, { message: 'must describe the service (at least 10 characters)' }),
  /** Runtime profile that sets the probe, metrics, tracing and JVM defaults, and the test step of its repository's build (unless `tekton.testOverrides` names the repository). */
  profile: z.enum(SERVICE_PROFILES),
  /**
   * ECR repository of the image (an `ecr.repositories` entry). The reference itself comes from the
   * build pipeline's `images/<env>/<repository>.yaml`, never from here.
   */
  image: z.strictObject({ repository: dnsLabel }),
  /** Container ports; the first is the one routes default to. */
  ports: z.array(servicePortSchema).min(1, { message: 'must list at least one port' }),
  /** Container resources (requests = what the scheduler reserves; memory limit = request: no overcommit for a JVM). */
  resources: z.strictObject({
    /** CPU request, millicores. */
    cpuMillicores: z.number().int().min(10, { message: 'must be >= 10 (millicores)' }).max(16000, { message: 'must be <= 16000 (millicores)' }),
    /** Memory request and limit, MiB. */
    memoryMiB: z.number().int().min(256, { message: 'must be >= 256 (MiB): a Spring Boot JVM does not start below' }).max(TENANT_CONTAINER_MAX_MEMORY_MIB, { message: `must be <= ${TENANT_CONTAINER_MAX_MEMORY_MIB} (MiB): the tenant LimitRange refuses a bigger container; split the service or scale out` }),
  }),
  /** JVM sizing (spring-boot profile). */
  jvm: z
    .strictObject({
      /** `-XX:MaxRAMPercentage`: heap share of the memory limit, percent. @default DEFAULT_MAX_RAM_PERCENT */
      maxRamPercent: z.number().int().min(10, { message: 'must be >= 10 (percent)' }).max(90, { message: 'must be <= 90 (percent)' }).default(DEFAULT_MAX_RAM_PERCENT),
      /** Memory outside the heap (metaspace, thread stacks, code cache, the OTel agent), MiB. @default DEFAULT_NON_HEAP_MIB */
      nonHeapMiB: z.number().int().min(64, { message: 'must be >= 64 (MiB)' }).default(DEFAULT_NON_HEAP_MIB),
    })
    .default({ maxRamPercent: DEFAULT_MAX_RAM_PERCENT, nonHeapMiB: DEFAULT_NON_HEAP_MIB }),
  /** Replica bounds; the HPA scales between them. `min` 2+ gets a PDB (maxUnavailable 1). */
  replicas: z.strictObject({
    min: z.number().int().min(1, { message: 'must be >= 1' }).max(100, { message: 'must be <= 100' }),
    max: z.number().int().min(1, { message: 'must be >= 1' }).max(100, { message: 'must be <= 100' }),
  }),
  /** HPA targets. */
  autoscaling: z.strictObject({
    /** Average CPU utilization of the requests, percent. */
    targetCpuPercent: z.number().int().min(20, { message: 'must be >= 20 (percent)' }).max(95, { message: 'must be <= 95 (percent)' }),
    /** Optional per-pod custom metric (served by a metrics adapter) with its average target. @default none */
    podsMetric: z
      .strictObject({
        name: z.string().regex(/^[a-z_:][a-z0-9_:]*$/, { message: 'must be a Prometheus metric name' }),
        averageValue: z.string().regex(/^\d+(\.\d+)?m?$/, { message: 'must be a quantity such as 100 or 500m' }),
      })
      .optional(),
  }),
  /** `rolling` (Deployment) or `canary` (Argo Rollout shifting the route's traffic, with analysis; needs a `route`). */
  rollout: z.enum(['rolling', 'canary']),
  /** Who may call the service: other services of the tenant, or `gateway` (the ingress gateway, exactly when it has a `route`). */
  callers: z.array(z.string()).default([]),
  /** Public route through the ingress gateway. @default none (internal service) */
  route: routeSchema.optional(),
  /** OpenBao KV secrets at `<env>/<tenant>/<service>-<name>`, delivered by External Secrets. */
  secrets: z.array(secretSchema).default([]),
  /** A database of a data-layer Postgres cluster (`data.postgres[].name` / `.databases[].name`). */
  database: z
    .strictObject({
      cluster: dnsLabel,
      database: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'must be a lower-case PostgreSQL identifier' }),
      access: z.enum(['readWrite', 'readOnly']),
    })
    .optional(),
  /** A data-layer Redis cache (`data.redis[].name`). */
  cache: z.strictObject({ instance: dnsLabel }).optional(),
  /** Kafka topics of a data-layer Kafka cluster (`data.kafka[].name` / `.topics[].name`), with the access the service needs. */
  topics: z
    .array(
      z.strictObject({
        cluster: dnsLabel,
        topic: z.string().regex(/^[a-z0-9]([-.a-z0-9]{0,61}[a-z0-9])?$/, { message: 'must be a lower-case Kafka topic name (letters, digits, . and -)' }),
        access: z.enum(SERVICE_TOPIC_ACCESS),
      }),
    )
    .default([]),
  /** AWS permissions through the Pod Identity contract (role + association for this service's ServiceAccount); S3 access is confined to the service's prefix. */
  awsPermissions: z.array(z.strictObject({ kind: z.literal('s3-bucket'), bucket: z.enum(BUCKET_PURPOSES) })).default([]),
  /** Service level objectives over 30 days (the observability layer's `ServiceLevelObjective`), on the service's own HTTP server metrics. Required for a service with a `route`. @default none */
  slo: z
    .strictObject({
      /** Share of non-5xx responses, percent (e.g. 99.9). */
      availabilityPercent: objectivePercent,
      /** Latency objective: `percent` of requests faster than `thresholdMs`. */
      latency: z.strictObject({ thresholdMs: z.number().int().min(1, { message: 'must be >= 1 (ms)' }).max(60000, { message: 'must be <= 60000 (ms)' }), percent: objectivePercent }),
    })
    .optional(),
});

export type ServiceDeclarationInput = z.input<typeof serviceDeclarationSchema>;

/** Heap in MiB the JVM takes from a memory limit with `-XX:MaxRAMPercentage` (what the JVM computes). */
export function jvmHeapMiB(memoryMiB: number, maxRamPercent: number): number {
  return Math.floor((memoryMiB * maxRamPercent) / 100);
}

type Issue = { readonly path: (string | number)[]; readonly message: string };

/** What the checks read of the data layer's declarations (`data` section); structural, so the check works before and after that layer lands. */
export interface DataReferences {
  readonly postgres?: readonly { readonly name: string; readonly databases: readonly { readonly name: string; readonly consumers: readonly string[] }[] }[];
  readonly redis?: readonly { readonly name: string; readonly consumers: readonly string[] }[];
  readonly kafka?: readonly { readonly name: string; readonly topics: readonly { readonly name: string }[]; readonly users: readonly { readonly name: string; readonly consumer: string; readonly topics: readonly { readonly topic: string; readonly access: string }[] }[] }[];
}

/** What the checks read of the rest of the environment. */
export interface ServiceCheckContext {
  /** `ecr.repositories`. */
  readonly ecrRepositories: readonly string[];
  /** `addons.enabled` of the optional add-ons the golden path needs (`istio-ingress`, `argo-rollouts`, `external-secrets`). */
  readonly enabled: Readonly<Record<string, boolean | undefined>>;
  /** `mesh.flows` from the ingress gateway namespace: the gateway may only reach what a flow allows. */
  readonly gatewayFlows: readonly { readonly to: { readonly namespace: string; readonly podLabels?: Readonly<Record<string, string>>; readonly ports: readonly number[] } }[];
  /** The data layer's declarations, when that layer is on main. @default none (references are not checked) */
  readonly data?: DataReferences;
}

/** Namespace of the ingress gateway pods (mesh layer `INGRESS_GATEWAY_NAMESPACE`). */
const GATEWAY_NAMESPACE = 'istio-ingress';

/**
 * Checks of one tenant's services that need more than one field: unique names, callers that exist,
 * `gateway` exactly when the service has a route, a route on a declared port and allowed by a mesh
 * flow, a canary only with a route and Argo Rollouts, an SLO for every public route, replica bounds,
 * heap plus non-heap within the memory limit, unique secret names, an image repository the build
 * knows, and database/cache/topic references the data layer declares for this tenant.
 * Messages name the tenant, the service and the field; paths are relative to the tenant.
 */
export function serviceDeclarationIssues(tenant: string, services: readonly unknown[], context: ServiceCheckContext): Issue[] {
  const issues: Issue[] = [];
  // the checks run even when other fields failed (RUN_ALWAYS): only services that parsed are checked
  const parsed = services.map((s) => serviceDeclarationSchema.safeParse(s));
  const names = services.map((s) => String((s as { name?: unknown } | undefined)?.name));
  parsed.forEach((result, i) => {
    if (!result.success) return;
    const s = result.data;
    const at = (...rest: (string | number)[]): (string | number)[] => ['services', i, ...rest];
    const who = (field: string): string => `tenant "${tenant}" service "${s.name}" ${field}`;
    if (names.indexOf(s.name) !== i) issues.push({ path: at('name'), message: `${who('name')}: duplicate service name (also services[${names.indexOf(s.name)}]); service names are unique within a tenant` });
    s.callers.forEach((c, j) => {
      if (c === s.name) issues.push({ path: at('callers', j), message: `${who('callers')}: lists itself as a caller; remove it` });
      else if (c !== GATEWAY_CALLER && !names.includes(c)) {
        issues.push({ path: at('callers', j), message: `${who('callers')}: unknown caller "${c}"; callers are services of tenant "${tenant}" (${names.join(', ')}) or "${GATEWAY_CALLER}"` });
      }
    });
    if (s.route && !s.callers.includes(GATEWAY_CALLER)) issues.push({ path: at('callers'), message: `${who('callers')}: has a route but "${GATEWAY_CALLER}" is not a caller; add "${GATEWAY_CALLER}" to callers` });
    if (!s.route && s.callers.includes(GATEWAY_CALLER)) issues.push({ path: at('route'), message: `${who('route')}: "${GATEWAY_CALLER}" is a caller but the service has no route; add a route or remove the caller` });
    if (s.route) {
      const port = s.ports.find((p) => p.name === s.route?.port);
      if (!port) issues.push({ path: at('route', 'port'), message: `${who('route.port')}: "${s.route.port}" is not one of ports[].name (${s.ports.map((p) => p.name).join(', ')})` });
      if (context.enabled['istio-ingress'] !== true) issues.push({ path: at('route'), message: `${who('route')}: needs the ingress gateway; set addons.enabled.istio-ingress to true or remove the route` });
      else if (port && !context.gatewayFlows.some((f) => f.to.namespace === tenant && f.to.ports.includes(port.port) && (!f.to.podLabels || Object.entries(f.to.podLabels).every(([k, v]) => k === 'app.kubernetes.io/name' && v === s.name)))) {
        issues.push({
          path: at('route'),
          message: `${who('route')}: no mesh.flows entry lets the ingress gateway (${GATEWAY_NAMESPACE}) reach port ${port.port} of the service; add { from: { namespace: '${GATEWAY_NAMESPACE}', serviceAccount: 'platform-gateway-istio' }, to: { namespace: '${tenant}', podLabels: { 'app.kubernetes.io/name': '${s.name}' }, ports: [${port.port}] } } to mesh.flows`,
        });
      }
      if (!s.slo) issues.push({ path: at('slo'), message: `${who('slo')}: a service with a public route needs an SLO (availabilityPercent and latency); add slo` });
    }
    if (s.rollout === 'canary') {
      if (!s.route) issues.push({ path: at('rollout'), message: `${who('rollout')}: "canary" shifts the traffic of the service's route and needs one; add a route or use "rolling"` });
      if (context.enabled['argo-rollouts'] !== true) issues.push({ path: at('rollout'), message: `${who('rollout')}: "canary" needs Argo Rollouts; set addons.enabled.argo-rollouts to true or use "rolling"` });
    }
    const portNames = s.ports.map((p) => p.name);
    const portNumbers = s.ports.map((p) => p.port);
    s.ports.forEach((p, j) => {
      if (portNames.indexOf(p.name) !== j) issues.push({ path: at('ports', j, 'name'), message: `${who(`ports[${j}].name`)}: duplicate port name "${p.name}"` });
      if (portNumbers.indexOf(p.port) !== j) issues.push({ path: at('ports', j, 'port'), message: `${who(`ports[${j}].port`)}: duplicate port ${p.port}` });
    });
    if (s.replicas.max < s.replicas.min) issues.push({ path: at('replicas', 'max'), message: `${who('replicas.max')}: ${s.replicas.max} is below replicas.min ${s.replicas.min}` });
    const heap = jvmHeapMiB(s.resources.memoryMiB, s.jvm.maxRamPercent);
    if (heap + s.jvm.nonHeapMiB > s.resources.memoryMiB) {
      issues.push({
        path: at('jvm', 'maxRamPercent'),
        message: `${who('jvm.maxRamPercent')}: heap ${heap} MiB (${s.jvm.maxRamPercent}% of ${s.resources.memoryMiB} MiB) + non-heap ${s.jvm.nonHeapMiB} MiB exceeds the memory limit ${s.resources.memoryMiB} MiB; lower jvm.maxRamPercent to at most ${Math.max(0, Math.floor(((s.resources.memoryMiB - s.jvm.nonHeapMiB) * 100) / s.resources.memoryMiB))} or raise resources.memoryMiB`,
      });
    }
    if (s.secrets.length > 0 && context.enabled['external-secrets'] !== true) {
      issues.push({ path: at('secrets'), message: `${who('secrets')}: delivered by External Secrets from OpenBao; set addons.enabled.external-secrets to true or remove the secrets` });
    }
    // a repeated secret is reported below as such, not once more per variable
    const secretEnv = s.secrets.flatMap((x, j) => (s.secrets.findIndex((y) => y.name === x.name) === j ? x.keys.map((k, m) => ({ env: k.env, path: at('secrets', j, 'keys', m, 'env') })) : []));
    secretEnv.forEach((e, j) => {
      const first = secretEnv.findIndex((x) => x.env === e.env);
      if (first !== j) issues.push({ path: e.path, message: `${who('secrets[].keys[].env')}: environment variable "${e.env}" is set by two secret keys; each key needs its own variable` });
    });
    const secretNames = s.secrets.map((x) => x.name);
    s.secrets.forEach((x, j) => {
      if (secretNames.indexOf(x.name) !== j) issues.push({ path: at('secrets', j, 'name'), message: `${who(`secrets[${j}].name`)}: duplicate secret "${x.name}"` });
      // the Secret and the last OpenBao path segment are `<service>-<name>`, a DNS-1123 label
      else if (s.name.length + 1 + x.name.length > 63) issues.push({ path: at('secrets', j, 'name'), message: `${who(`secrets[${j}].name`)}: "${s.name}-${x.name}" (the Secret and OpenBao path segment) is longer than 63 characters; shorten the secret name to at most ${62 - s.name.length}` });
    });
    if (!context.ecrRepositories.includes(s.image.repository)) {
      issues.push({ path: at('image', 'repository'), message: `${who('image.repository')}: "${s.image.repository}" is not an ecr.repositories entry (${context.ecrRepositories.join(', ')}); add it there so the build pipeline can push it` });
    }
    issues.push(...dataReferenceIssues(tenant, s, at, who, context.data));
  });
  return issues;
}

type ParsedService = z.output<typeof serviceDeclarationSchema>;

/** Database, cache and topics the service names must be declared by the data layer, for this tenant. */
function dataReferenceIssues(tenant: string, s: ParsedService, at: (...rest: (string | number)[]) => (string | number)[], who: (field: string) => string, data: DataReferences | undefined): Issue[] {
  if (!data) return [];
  const issues: Issue[] = [];
  if (s.database) {
    const cluster = (data.postgres ?? []).find((c) => c.name === s.database?.cluster);
    const db = cluster?.databases.find((d) => d.name === s.database?.database);
    if (!cluster) issues.push({ path: at('database', 'cluster'), message: `${who('database.cluster')}: unknown Postgres cluster "${s.database.cluster}"; declare it in data.postgres (${(data.postgres ?? []).map((c) => c.name).join(', ') || 'none'})` });
    else if (!db) issues.push({ path: at('database', 'database'), message: `${who('database.database')}: unknown database "${s.database.database}" in cluster "${cluster.name}" (${cluster.databases.map((d) => d.name).join(', ')}); declare it in data.postgres[].databases` });
    else if (!db.consumers.includes(tenant)) issues.push({ path: at('database', 'database'), message: `${who('database.database')}: database "${db.name}" of "${cluster.name}" does not list "${tenant}" in consumers; add it there` });
  }
  if (s.cache) {
    const cache = (data.redis ?? []).find((c) => c.name === s.cache?.instance);
    if (!cache) issues.push({ path: at('cache', 'instance'), message: `${who('cache.instance')}: unknown Redis cache "${s.cache.instance}"; declare it in data.redis (${(data.redis ?? []).map((c) => c.name).join(', ') || 'none'})` });
    else if (!cache.consumers.includes(tenant)) issues.push({ path: at('cache', 'instance'), message: `${who('cache.instance')}: cache "${cache.name}" does not list "${tenant}" in consumers; add it there` });
  }
  s.topics.forEach((t, j) => {
    const cluster = (data.kafka ?? []).find((c) => c.name === t.cluster);
    if (!cluster) {
      issues.push({ path: at('topics', j, 'cluster'), message: `${who(`topics[${j}].cluster`)}: unknown Kafka cluster "${t.cluster}"; declare it in data.kafka (${(data.kafka ?? []).map((c) => c.name).join(', ') || 'none'})` });
      return;
    }
    if (!cluster.topics.some((x) => x.name === t.topic)) {
      issues.push({ path: at('topics', j, 'topic'), message: `${who(`topics[${j}].topic`)}: unknown topic "${t.topic}" in Kafka cluster "${cluster.name}" (${cluster.topics.map((x) => x.name).join(', ') || 'none'}); declare it in data.kafka[].topics` });
      return;
    }
    // the service connects as a KafkaUser of its tenant: one of them needs an ACL covering the access
    const covers = (granted: string): boolean => granted === t.access || granted === 'produce-consume';
    if (!cluster.users.some((u) => u.consumer === tenant && u.topics.some((x) => x.topic === t.topic && covers(x.access)))) {
      issues.push({
        path: at('topics', j, 'access'),
        message: `${who(`topics[${j}].access`)}: no KafkaUser of tenant "${tenant}" in cluster "${cluster.name}" may ${t.access} topic "${t.topic}"; add { topic: '${t.topic}', access: '${t.access}' } to the topics of a data.kafka[].users entry with consumer '${tenant}'`,
      });
    }
  });
  return issues;
}

/**
 * ` (tenant "x", service "y")` for an issue under `tenants[i].services[j]` whose message does not
 * name them yet, so a field error of a declaration names the tenant and the service (the path alone
 * has indexes only); '' otherwise.
 */
export function serviceIssueContext(input: unknown, path: readonly PropertyKey[], message: string): string {
  if (path[0] !== 'tenants' || path[2] !== 'services' || typeof path[1] !== 'number' || typeof path[3] !== 'number' || message.includes('service "')) return '';
  const tenant = (input as { tenants?: { namespace?: unknown; services?: { name?: unknown }[] }[] } | undefined)?.tenants?.[path[1]];
  const service = tenant?.services?.[path[3]];
  return ` (tenant "${String(tenant?.namespace)}", service "${String(service?.name)}")`;
}
