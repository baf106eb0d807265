import { type GeneratorCallback, logger, type Tree } from '@nx/devkit';
import { environmentFile, type EnvironmentConfig, GATEWAY_CALLER, parseEnvironment, pullThroughImagePrefix, SERVICE_QUOTA_FIELDS, type ServiceDeclarationInput, tenantQuotaRequirements } from '@platform/config';
import { evaluateEnvironment } from '../environment/env-file';
import { addProperty, appendToArray, hasLiteral, type LiteralPath, numberArray, removeLiteralProperty, replaceLiteral, stringArray } from './env-edit';
import { serviceSpecTest } from './service-spec';
import { tsLiteral } from './ts-literal';

/** Options of `nx g @platform/tools:service --tenant <t> --name <svc> [--database] [--cache] [--topics a,b] [--canary]` (schema.json). */
export interface ServiceGeneratorOptions {
  /** Tenant namespace (`tenants[].namespace`) the service belongs to. */
  readonly tenant: string;
  /** Service name (DNS label): workload, Service, ServiceAccount, ECR repository and catalog Component. */
  readonly name: string;
  /** Use a database `<service>` of the tenant's Postgres cluster `<tenant>-pg`. @default false */
  readonly database?: boolean;
  /** Use the tenant's Redis cache `<tenant>-cache`. @default false */
  readonly cache?: boolean;
  /** Comma-separated Kafka topics of the tenant's cluster `<tenant>-events`, produced and consumed. @default none */
  readonly topics?: string;
  /** Public route `<service>.apps.<domain>` through the ingress gateway, released as a canary, with an SLO. @default false */
  readonly canary?: boolean;
}

/** Spring Boot's default `server.port`, the port a generated service listens on. @see https://docs.spring.io/spring-boot/appendix/application-properties/index.html#application-properties.server.server.port */
export const GENERATED_HTTP_PORT = 8080;
/** Sizing of a generated service in an environment whose tenant declares no service yet to copy it from. */
export const GENERATED_DEFAULT_SIZING = { resources: { cpuMillicores: 250, memoryMiB: 1024 }, replicas: { min: 1, max: 2 }, autoscaling: { targetCpuPercent: 70 } } as const;
/** Objectives of a generated public service: 99.5 % non-5xx and 95 % under 500 ms over 28 days (edit them to the service's real promise). */
export const GENERATED_SLO = { availabilityPercent: 99.5, latency: { thresholdMs: 500, percent: 95 } } as const;
/** Data resources of a tenant by convention: `<tenant>-pg`, `<tenant>-cache`, `<tenant>-events`. */
export const TENANT_DATA_NAMES = { postgres: (t: string) => `${t}-pg`, redis: (t: string) => `${t}-cache`, kafka: (t: string) => `${t}-events` } as const;
/**
 * Initial image of a generated service until its first build: a published Spring Boot application
 * with actuator (the Spring PetClinic API gateway) through the environment's Docker Hub pull-through
 * cache. The build pipeline's gitops-bump-image task replaces it with the service's own image.
 */
export const INITIAL_IMAGE_STAND_IN = { repository: 'springcommunity/spring-petclinic-api-gateway', tag: '3.2.0' } as const;
/** ServiceAccount of the ingress gateway pods (mesh layer `INGRESS_GATEWAY_SERVICE_ACCOUNT`). */
const GATEWAY_SERVICE_ACCOUNT = { namespace: 'istio-ingress', name: 'platform-gateway-istio' } as const;

const ENVIRONMENTS_DIR = 'environments';
const NAME = /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/;

/** Where the generator writes the service's spec test. */
export function serviceSpecPath(tenant: string, name: string): string {
  return `tools/src/service-specs/${tenant}/${name}.test.ts`;
}

/** The declaration of the service in one environment (sizing copied from the tenant's first service there). */
export function serviceDeclaration(options: ServiceGeneratorOptions, env: EnvironmentConfig): ServiceDeclarationInput {
  const { tenant, name } = options;
  const sibling = env.tenants.find((t) => t.namespace === tenant)?.services[0];
  const sizing = sibling ? { resources: { ...sibling.resources }, replicas: { ...sibling.replicas }, autoscaling: { targetCpuPercent: sibling.autoscaling.targetCpuPercent } } : GENERATED_DEFAULT_SIZING;
  const topics = (options.topics ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  return {
    name,
    description: `Spring Boot service ${name} of tenant ${tenant}, declared by nx g @platform/tools:service.`,
    profile: 'spring-boot',
    image: { repository: name },
    ports: [{ name: 'http', port: GENERATED_HTTP_PORT, protocol: 'http' }],
    resources: { ...sizing.resources },
    replicas: { ...sizing.replicas },
    autoscaling: { ...sizing.autoscaling },
    rollout: options.canary ? 'canary' : 'rolling',
    callers: options.canary ? [GATEWAY_CALLER] : [],
    ...(options.canary ? { route: { host: name, pathPrefixes: ['/'], port: 'http' }, slo: { availabilityPercent: GENERATED_SLO.availabilityPercent, latency: { ...GENERATED_SLO.latency } } } : {}),
    ...(options.database ? { database: { cluster: TENANT_DATA_NAMES.postgres(tenant), database: name.replace(/-/g, '_'), access: 'readWrite' as const } } : {}),
    ...(options.cache ? { cache: { instance: TENANT_DATA_NAMES.redis(tenant) } } : {}),
    ...(topics.length > 0 ? { topics: topics.map((topic) => ({ cluster: TENANT_DATA_NAMES.kafka(tenant), topic, access: 'produce-consume' as const })) } : {}),
  };
}

/**
 * The data layer's side of the claims: the database (owner = database name) in `<tenant>-pg`, the
 * topics in `<tenant>-events` (sized like the cluster's first topic) with a produce-consume ACL for
 * the tenant's first KafkaUser there; the cache must list the tenant already.
 * @throws Error naming the environment and the missing data declaration
 */
function declareDataResources(text: string, envName: string, env: EnvironmentConfig, options: ServiceGeneratorOptions): string {
  const { tenant, name } = options;
  let out = text;
  if (options.database) {
    const cluster = TENANT_DATA_NAMES.postgres(tenant);
    if (!env.data.postgres.some((c) => c.name === cluster)) throw new Error(`${envName}: --database: no Postgres cluster "${cluster}" in data.postgres; declare the tenant's cluster first`);
    const db = name.replace(/-/g, '_');
    out = appendToArray(out, ['data', 'postgres', { where: { name: cluster } }, 'databases'], tsLiteral({ name: db, owner: db, consumers: [tenant] }, { inline: true }));
  }
  if (options.cache) {
    const cache = env.data.redis.find((c) => c.name === TENANT_DATA_NAMES.redis(tenant));
    if (!cache?.consumers.includes(tenant)) throw new Error(`${envName}: --cache: no Redis cache "${TENANT_DATA_NAMES.redis(tenant)}" with consumer "${tenant}" in data.redis; declare it first`);
  }
  const topics = (options.topics ?? '').split(',').map((t) => t.trim()).filter((t) => t !== '');
  if (topics.length > 0) {
    const clusterName = TENANT_DATA_NAMES.kafka(tenant);
    const cluster = env.data.kafka.find((c) => c.name === clusterName);
    const user = cluster?.users.find((u) => u.consumer === tenant);
    const sizing = cluster?.topics[0];
    if (!cluster || !user || !sizing) throw new Error(`${envName}: --topics: data.kafka needs cluster "${clusterName}" with a topic and a KafkaUser of consumer "${tenant}"; declare them first`);
    for (const topic of topics) {
      const clusterPath: LiteralPath = ['data', 'kafka', { where: { name: clusterName } }];
      if (!cluster.topics.some((t) => t.name === topic)) out = appendToArray(out, [...clusterPath, 'topics'], tsLiteral({ ...sizing, name: topic }, { inline: true }));
      if (!user.topics.some((t) => t.topic === topic && t.access === 'produce-consume')) out = appendToArray(out, [...clusterPath, 'users', { where: { name: user.name } }, 'topics'], tsLiteral({ topic, access: 'produce-consume' }, { inline: true }));
    }
  }
  return out;
}

/** The image reference file of a generated service before its first build. */
export function initialImageFile(env: EnvironmentConfig, name: string): string {
  return [
    `# Initial reference until the first ${name} build (docs/golden-path.md#images): a published Spring Boot`,
    `# application with actuator through this environment's Docker Hub pull-through cache. The build`,
    `# pipeline's gitops-bump-image task replaces this file with the built image and its digest.`,
    `image: ${pullThroughImagePrefix(env, 'docker-hub')}/${INITIAL_IMAGE_STAND_IN.repository}:${INITIAL_IMAGE_STAND_IN.tag}`,
    '',
  ].join('\n');
}

/**
 * `nx g @platform/tools:service`: in every environment whose tenants include `--tenant`, appends the
 * service's declaration to `tenants[<tenant>].services` (sizing from the tenant's first service
 * there), its ECR repository to `ecr.repositories` and, for `--canary`, the mesh flow that lets the
 * ingress gateway reach it (a new flow to its pods, or the tenant's existing gateway flow widened to
 * the namespace: the mesh admits one flow per caller and namespace), and raises the tenant's `quota` fields that
 * could not hold the services at `replicas.max` plus the largest rollout; writes `images/<env>/<name>.yaml` (initial reference) and the service's
 * spec test. Every changed environment is validated before anything is written.
 * @throws Error naming the option or the environment, tenant, service and field that fail
 */
export default async function serviceGenerator(tree: Tree, options: ServiceGeneratorOptions): Promise<GeneratorCallback> {
  const { tenant, name } = options;
  if (!NAME.test(name)) throw new Error(`--name "${name}": must be a DNS-1123 label of at most 40 characters starting with a letter`);
  const changes: { readonly env: string; readonly text: string; readonly config: EnvironmentConfig }[] = [];
  const raised: string[] = [];
  for (const envName of tree.children(ENVIRONMENTS_DIR).sort()) {
    const file = environmentFile(envName);
    if (!tree.exists(file)) continue;
    let text = tree.read(file, 'utf8') ?? '';
    const before = parseEnvironment(envName, evaluateEnvironment(text));
    const t = before.tenants.find((x) => x.namespace === tenant);
    if (!t) continue;
    if (t.services.some((s) => s.name === name)) throw new Error(`${envName}: tenant "${tenant}" already declares service "${name}" (${file}); pick another --name`);
    const tenantPath: LiteralPath = ['tenants', { where: { namespace: tenant } }];
    const declared = serviceDeclaration(options, before);
    const declaration = tsLiteral(declared);
    text = hasLiteral(text, [...tenantPath, 'services']) ? appendToArray(text, [...tenantPath, 'services'], declaration) : addProperty(text, tenantPath, 'services', `[\n  ${declaration.split('\n').join('\n  ')},\n]`);
    if (!stringArray(text, ['ecr', 'repositories']).includes(name)) text = appendToArray(text, ['ecr', 'repositories'], `'${name}'`);
    text = declareDataResources(text, envName, before, options);
    if (options.canary) {
      if (!before.mesh.namespaces.includes(tenant)) throw new Error(`${envName}: --canary: tenant "${tenant}" is not in mesh.namespaces; the route and the canary need the mesh (add it there first)`);
      // the mesh admits one flow per (caller, namespace): a second public service widens the tenant's gateway flow to the namespace
      const existing: LiteralPath = ['mesh', 'flows', { where: { 'from.namespace': GATEWAY_SERVICE_ACCOUNT.namespace, 'from.serviceAccount': GATEWAY_SERVICE_ACCOUNT.name, 'to.namespace': tenant } }];
      if (hasLiteral(text, existing)) {
        text = removeLiteralProperty(text, [...existing, 'to'], 'podLabels');
        const ports = numberArray(text, [...existing, 'to', 'ports']);
        if (!ports.includes(GENERATED_HTTP_PORT)) text = replaceLiteral(text, [...existing, 'to', 'ports'], tsLiteral([...ports, GENERATED_HTTP_PORT].sort((a, b) => a - b)));
        text = replaceLiteral(text, [...existing, 'description'], tsLiteral(`ingress gateway to the ${tenant} public services (golden path routes)`));
      } else {
        const flow = {
          description: `ingress gateway to ${tenant}/${name} (golden path route)`,
          from: { namespace: GATEWAY_SERVICE_ACCOUNT.namespace, serviceAccount: GATEWAY_SERVICE_ACCOUNT.name },
          to: { namespace: tenant, podLabels: { 'app.kubernetes.io/name': name }, ports: [GENERATED_HTTP_PORT] },
        };
        text = appendToArray(text, ['mesh', 'flows'], tsLiteral(flow, { inline: true }));
      }
    }
    // the quota must hold every service at replicas.max plus the largest rollout (schema rule): raise what the new service needs
    const requirements = tenantQuotaRequirements([...t.services, declared]);
    for (const field of SERVICE_QUOTA_FIELDS) {
      const required = requirements?.[field].required ?? 0;
      if (t.quota[field] < required) {
        text = replaceLiteral(text, [...tenantPath, 'quota', field], String(Math.ceil(required)));
        raised.push(`${envName}: tenant "${tenant}" quota.${field} ${t.quota[field]} -> ${Math.ceil(required)}`);
      }
    }
    changes.push({ env: envName, text, config: parseEnvironment(envName, evaluateEnvironment(text)) });
  }
  if (changes.length === 0) throw new Error(`--tenant "${tenant}": no environment declares this tenant (tenants[].namespace); add the tenant first`);
  for (const c of changes) {
    tree.write(environmentFile(c.env), c.text);
    const image = `images/${c.env}/${name}.yaml`;
    if (!tree.exists(image)) tree.write(image, initialImageFile(c.config, name));
  }
  tree.write(serviceSpecPath(tenant, name), serviceSpecTest(tenant, name, options));
  return () => {
    if (raised.length > 0) logger.info(`Raised to hold the services at replicas.max plus the largest rollout: ${raised.join('; ')}.`);
    logger.info(`${tenant}/${name}: declared in ${changes.map((c) => environmentFile(c.env)).join(', ')}; initial images in images/<env>/${name}.yaml; spec test ${serviceSpecPath(tenant, name)}.`);
    logger.info('Next: describe the service, adjust its sizing per environment, push its repository so the build pipeline replaces the initial image, then `npx nx synth <env> && npx nx validate <env>`.');
  };
}
