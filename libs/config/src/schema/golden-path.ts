import { z } from 'zod';
import { BUCKET_PURPOSES } from '../naming';

const dnsLabel = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, { message: 'must be a DNS-1123 label' });

/** Longest service name: Rollout/ReplicaSet pod names append `-<hash>-<hash>` (up to 17 characters) to 63. */
export const SERVICE_NAME_MAX_LENGTH = 40;

/**
 * Lowest container port a service may listen on: the pods run as non-root (restricted Pod Security)
 * and cannot bind privileged ports below 1024.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export const MIN_SERVICE_PORT = 1024;

/** Ports the platform reserves in meshed pods (Istio HBONE 15008, ztunnel/sidecar 15000-15090). */
export const RESERVED_SERVICE_PORTS = { from: 15000, to: 15090 } as const;

/** The literal a service lists in `callers` to be reachable from the ingress gateway. */
export const GATEWAY_CALLER = 'gateway';

const servicePortSchema = z.strictObject({
  /** Port name (IANA service name): `http`, `grpc`, ... Prefixes the protocol for Istio (`http-*`, `grpc-*`). */
  name: z.string().regex(/^[a-z]([-a-z0-9]{0,13}[a-z0-9])?$/, { message: 'must be an IANA service name (1-15 lower-case letters, digits, dashes)' }),
  /** Container and Service port. */
  port: z
    .number()
    .int({ message: 'must be an integer' })
    .min(MIN_SERVICE_PORT, { message: `must be >= ${MIN_SERVICE_PORT} (pods run as non-root and cannot bind privileged ports)` })
    .max(65535, { message: 'must be <= 65535' })
    .refine((p) => p < RESERVED_SERVICE_PORTS.from || p > RESERVED_SERVICE_PORTS.to, {
      message: `must be outside ${RESERVED_SERVICE_PORTS.from}-${RESERVED_SERVICE_PORTS.to} (reserved by the mesh proxies)`,
    }),
  /** Application protocol (Service `appProtocol`): what the mesh parses at L7. */
  protocol: z.enum(['http', 'grpc', 'tcp']),
});

const routeSchema = z.strictObject({
  /** Host label below the gateway's wildcard `*.apps.<dns.domain>`, e.g. `ecotrack` -> `ecotrack.apps.<domain>`. */
  host: dnsLabel,
  /** Path prefix, e.g. `/` or `/api`. */
  pathPrefix: z.string().regex(/^\/[A-Za-z0-9._~/-]*$/, { message: 'must be a path prefix such as /api (starting with /)' }),
  /** Port name (`ports[].name`) the route sends to. */
  port: z.string(),
});

const secretSchema = z.strictObject({
  /** Secret name in OpenBao below the service's path `<env>/<tenant>/<service>/` and name of the Kubernetes Secret suffix. */
  name: dnsLabel,
  /** Keys of the OpenBao KV entry, each exposed as an environment variable (`env`). */
  keys: z
    .array(
      z.strictObject({
        key: z.string().regex(/^[A-Za-z0-9_.-]+$/, { message: 'must be a KV key (letters, digits, _ . -)' }),
        env: z.string().regex(/^[A-Z][A-Z0-9_]*$/, { message: 'must be an environment variable name (UPPER_SNAKE_CASE)' }),
      }),
    )
    .min(1, { message: 'must list at least one key' }),
});

/** An SLO objective: the share of good events over the window. */
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
  /** Runtime profile that sets the probe, metrics, tracing and JVM defaults. */
  profile: z.enum(['spring-boot']),
  /**
   * ECR repository of the image (an `ecr.repositories` entry). The tag comes from the build pipeline's
   * `images/<env>/<repository>.yaml`, never from here.
   */
  image: z.strictObject({ repository: dnsLabel }),
  /** Container ports; the first is the one the probes and the metrics use. */
  ports: z.array(servicePortSchema).min(1, { message: 'must list at least one port' }),
  /** Container resources (requests = what the scheduler reserves; memory limit = requests, no overcommit for the JVM). */
  resources: z.strictObject({
    /** CPU request, millicores. */
    cpuMillicores: z.number().int().min(10, { message: 'must be >= 10 (millicores)' }).max(16000, { message: 'must be <= 16000 (millicores)' }),
    /** Memory request and limit, MiB. */
    memoryMiB: z.number().int().min(128, { message: 'must be >= 128 (MiB)' }).max(65536, { message: 'must be <= 65536 (MiB)' }),
  }),
  /** JVM sizing (spring-boot profile). */
  jvm: z
    .strictObject({
      /** `-XX:MaxRAMPercentage`: heap share of the memory limit, percent. @default 75 */
      maxRamPercent: z.number().min(10, { message: 'must be >= 10 (percent)' }).max(100, { message: 'must be <= 100 (percent)' }).default(75),
      /** Memory outside the heap (metaspace, thread stacks, code cache, the OTel agent), MiB. @default 192 */
      nonHeapMiB: z.number().int().min(64, { message: 'must be >= 64 (MiB)' }).default(192),
    })
    .default({ maxRamPercent: 75, nonHeapMiB: 192 }),
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
    podsMetric: z.strictObject({ name: z.string().regex(/^[a-z_:][a-z0-9_:]*$/, { message: 'must be a metric name' }), averageValue: z.string().regex(/^\d+(\.\d+)?[m]?$/, { message: 'must be a quantity such as 100 or 500m' }) }).optional(),
  }),
  /** `rolling` (Deployment) or `canary` (Argo Rollout, traffic shifted by the mesh). */
  rollout: z.enum(['rolling', 'canary']),
  /** Who may call the service: other services of the tenant, or `gateway` (the ingress gateway, required by `routes`). */
  callers: z.array(z.string()).default([]),
  /** Public routes through the ingress gateway. */
  routes: z.array(routeSchema).default([]),
  /** OpenBao KV secrets at `<env>/<tenant>/<service>/<name>`, delivered by External Secrets. */
  secrets: z.array(secretSchema).default([]),
  /** A database of a data-layer Postgres cluster (`cluster`/`database`), `readWrite` or `readOnly`. */
  database: z.strictObject({ cluster: dnsLabel, database: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'must be a Postgres identifier' }), access: z.enum(['readWrite', 'readOnly']) }).optional(),
  /** A data-layer Redis instance by name. */
  cache: z.strictObject({ instance: dnsLabel }).optional(),
  /** Kafka topics of a data-layer Kafka cluster, with the access the service needs. */
  topics: z.array(z.strictObject({ cluster: dnsLabel, topic: z.string().regex(/^[a-zA-Z0-9._-]{1,249}$/, { message: 'must be a Kafka topic name' }), access: z.enum(['consume', 'produce']) })).default([]),
  /** AWS permissions through the Pod Identity contract (role + association for this service's ServiceAccount); S3 access is confined to the service's own prefix. */
  awsPermissions: z.array(z.strictObject({ kind: z.literal('s3-bucket'), bucket: z.enum(BUCKET_PURPOSES) })).default([]),
  /** Service level objectives over 28 days, evaluated on the mesh's request metrics. */
  slo: z.strictObject({
    /** Share of non-5xx responses, percent (e.g. 99.9). */
    availabilityPercent: objectivePercent,
    /** Latency objective: `percent` of requests faster than `thresholdMs`. */
    latency: z.strictObject({ thresholdMs: z.number().int().min(1, { message: 'must be >= 1 (ms)' }), percent: objectivePercent }),
  }),
});

export type ServiceDeclarationInput = z.input<typeof serviceDeclarationSchema>;

/** Heap in MiB the JVM takes from a memory limit with `-XX:MaxRAMPercentage` (what the JVM computes). */
export function jvmHeapMiB(memoryMiB: number, maxRamPercent: number): number {
  return Math.floor((memoryMiB * maxRamPercent) / 100);
}

interface ServiceForChecks {
  readonly name: string;
  readonly image: { readonly repository: string };
  readonly ports: readonly { readonly name: string }[];
  readonly resources: { readonly memoryMiB: number };
  readonly jvm: { readonly maxRamPercent: number; readonly nonHeapMiB: number };
  readonly replicas: { readonly min: number; readonly max: number };
  readonly callers: readonly string[];
  readonly routes: readonly { readonly port: string }[];
  readonly secrets: readonly { readonly name: string }[];
}

type Issue = { readonly path: (string | number)[]; readonly message: string };

/**
 * Checks of one tenant's services that need more than one field: unique names, callers that exist,
 * `gateway` exactly when the service has routes, routes on a declared port, replica bounds, the heap
 * plus non-heap within the memory limit, unique secret names, an image repository the build knows.
 * Messages name the tenant and the service; paths are relative to the tenant.
 */
export function serviceDeclarationIssues(tenant: string, services: readonly unknown[], ecrRepositories: readonly string[]): Issue[] {
  const issues: Issue[] = [];
  // the checks run even when other fields failed (RUN_ALWAYS): only services that parsed are checked
  const parsed = services.map((s) => serviceDeclarationSchema.safeParse(s));
  const names = services.map((s) => String((s as { name?: unknown } | undefined)?.name));
  parsed.forEach((result, i) => {
    if (!result.success) return;
    const s: ServiceForChecks = result.data;
    const at = (...rest: (string | number)[]): (string | number)[] => ['services', i, ...rest];
    const who = `tenant "${tenant}" service "${s.name}"`;
    if (names.indexOf(s.name) !== i) issues.push({ path: at('name'), message: `${who}: duplicate service name; service names are unique within a tenant` });
    s.callers.forEach((c, j) => {
      if (c === s.name) issues.push({ path: at('callers', j), message: `${who}: lists itself as a caller; remove it` });
      else if (c !== GATEWAY_CALLER && !names.includes(c)) {
        issues.push({ path: at('callers', j), message: `${who}: unknown caller "${c}"; callers are services of the tenant (${names.join(', ')}) or "${GATEWAY_CALLER}"` });
      }
    });
    if (s.routes.length > 0 && !s.callers.includes(GATEWAY_CALLER)) {
      issues.push({ path: at('callers'), message: `${who}: has routes but "${GATEWAY_CALLER}" is not a caller; add "${GATEWAY_CALLER}" to callers` });
    }
    s.routes.forEach((r, j) => {
      if (!s.ports.some((p) => p.name === r.port)) issues.push({ path: at('routes', j, 'port'), message: `${who}: route port "${r.port}" is not one of ports[].name (${s.ports.map((p) => p.name).join(', ')})` });
    });
    const portNames = s.ports.map((p) => p.name);
    s.ports.forEach((p, j) => {
      if (portNames.indexOf(p.name) !== j) issues.push({ path: at('ports', j, 'name'), message: `${who}: duplicate port name "${p.name}"` });
    });
    if (s.replicas.max < s.replicas.min) issues.push({ path: at('replicas', 'max'), message: `${who}: ${s.replicas.max} is below replicas.min ${s.replicas.min}` });
    const heap = jvmHeapMiB(s.resources.memoryMiB, s.jvm.maxRamPercent);
    if (heap + s.jvm.nonHeapMiB > s.resources.memoryMiB) {
      issues.push({
        path: at('jvm', 'maxRamPercent'),
        message: `${who}: heap ${heap} MiB (${s.jvm.maxRamPercent}% of ${s.resources.memoryMiB} MiB) + non-heap ${s.jvm.nonHeapMiB} MiB exceeds the memory limit ${s.resources.memoryMiB} MiB; lower jvm.maxRamPercent to at most ${Math.floor(((s.resources.memoryMiB - s.jvm.nonHeapMiB) * 100) / s.resources.memoryMiB)} or raise resources.memoryMiB`,
      });
    }
    const secretNames = s.secrets.map((x) => x.name);
    s.secrets.forEach((x, j) => {
      if (secretNames.indexOf(x.name) !== j) issues.push({ path: at('secrets', j, 'name'), message: `${who}: duplicate secret "${x.name}"` });
    });
    if (!ecrRepositories.includes(s.image.repository)) {
      issues.push({ path: at('image', 'repository'), message: `${who}: "${s.image.repository}" is not an ecr.repositories entry (${ecrRepositories.join(', ')}); add it there so the build pipeline can push it` });
    }
  });
  return issues;
}
