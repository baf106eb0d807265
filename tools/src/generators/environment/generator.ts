import { type GeneratorCallback, logger, type Tree, updateJson } from '@nx/devkit';
import {
  type EnvironmentConfig,
  environmentFile,
  environmentNameSchema,
  nextFreeCidr,
  parseEnvironment,
  suggestDomain,
  validateEnvironmentSet,
} from '@platform/config';
import { evaluateEnvironment, removeProperty, setHeaderComment, setProperty } from './env-file';

/** Options of `nx g @platform/tools:environment <name> --from <env>` (schema.json). */
export interface EnvironmentGeneratorOptions {
  /** Name of the new environment: folder, Nx project and `dist/<name>`. */
  readonly name: string;
  /** Environment to copy. @default 'staging' */
  readonly from?: string;
}

/** What the generator decided, for its summary and for tests. */
export interface EnvironmentPlan {
  readonly name: string;
  readonly from: string;
  readonly domain: string;
  readonly clientId: string;
  /** OIDC client id of Grafana (`observability.grafana.sso.clientId`). */
  readonly grafanaClientId: string;
  readonly vpcCidr: string;
  readonly accountIamResources: 'create' | 'existing';
  readonly guardDutyDetector: 'create' | 'existing';
  /** Whether the source's `dns.hostedZoneId` (a zone of the source's domain) was dropped. */
  readonly droppedHostedZone: boolean;
  /** The remaining manual steps, printed after the files are written. */
  readonly nextSteps: readonly string[];
}

const ENVIRONMENTS_DIR = 'environments';
/** Image references of the tenants' services, `images/<env>/<repository>.yaml` (written by the build pipeline). */
const IMAGES_DIR = 'images';

/** Every environment of the tree, validated one by one (the set is checked with the new one later). */
function readEnvironments(tree: Tree): Map<string, { readonly text: string; readonly config: EnvironmentConfig }> {
  const envs = new Map<string, { text: string; config: EnvironmentConfig }>();
  for (const name of tree.children(ENVIRONMENTS_DIR).sort()) {
    const file = environmentFile(name);
    if (!tree.exists(file)) continue;
    const text = tree.read(file, 'utf8') ?? '';
    envs.set(name, { text, config: parseEnvironment(name, evaluateEnvironment(text)) });
  }
  return envs;
}

/** `argocd-staging` -> `argocd-qa`; a client id without the source's name gets `<app>-<name>`. */
function clientIdFor(app: 'argocd' | 'grafana', id: string, name: string, source: EnvironmentConfig): string {
  return id.includes(source.name) ? id.split(source.name).join(name) : `${app}-${name}`;
}

/** Alertmanager Slack channels whose name contains the source's name: the copy would page the source's channel. */
function sourceChannels(source: EnvironmentConfig): string[] {
  return source.observability.alertmanager.receivers.flatMap((r) => ('channel' in r && typeof r.channel === 'string' && r.channel.includes(source.name) ? [r.channel] : []));
}

/** The dead man's switch of a heartbeat source: the copy needs its own check at the heartbeat service and its own ping URL (ADR 0058). */
function heartbeatStep(source: EnvironmentConfig, name: string): string[] {
  const dms = source.observability.alertmanager.deadMansSwitch;
  if (dms.kind !== 'heartbeat') return [];
  const where = source.addons.enabled['external-secrets']
    ? `seed its ping URL into OpenBao at kv/${name}/monitoring/${dms.urlSecret.name} (property ${dms.urlSecret.key})`
    : `create the Secret ${dms.urlSecret.name} (key ${dms.urlSecret.key}) with its ping URL in namespace monitoring`;
  return [`Heartbeat: create ${name}'s check at the heartbeat service (period ${dms.heartbeatPeriodMinutes} min) and ${where} (docs/runbooks/observability-dead-mans-switch.md); until then the Watchdog of ${name} reaches nobody.`];
}

/**
 * Plans the copy: a new name, a domain and an OIDC client of its own, the next VPC block that
 * overlaps no environment, and the account-wide creators (IAM, GuardDuty) left to the environment
 * that already creates them in the shared account and region.
 * @throws Error naming the problem (bad name, existing environment, unknown source)
 */
export function planEnvironment(tree: Tree, options: EnvironmentGeneratorOptions): EnvironmentPlan {
  const from = options.from ?? 'staging';
  const name = options.name;
  const valid = environmentNameSchema.safeParse(name);
  if (!valid.success) throw new Error(`${name}: name ${valid.error.issues[0]?.message ?? 'is invalid'}`);
  if (tree.exists(environmentFile(name))) throw new Error(`${name}: ${environmentFile(name)} already exists; pick another name or edit that file`);
  const envs = readEnvironments(tree);
  const source = envs.get(from)?.config;
  if (!source) throw new Error(`${from}: no ${environmentFile(from)} to copy; known environments: ${[...envs.keys()].join(', ') || '(none)'}`);
  const all = [...envs.values()].map((e) => e.config);
  const sameAccount = all.filter((e) => e.aws.accountId === source.aws.accountId);
  const sameRegion = sameAccount.filter((e) => e.aws.region === source.aws.region);
  const vpcCidr = nextFreeCidr(source.network.vpcCidr, all.map((e) => e.network.vpcCidr));
  if (!vpcCidr) throw new Error(`${name}: no free ${source.network.vpcCidr.split('/')[1]}-bit block left next to ${source.network.vpcCidr}; set network.vpcCidr by hand`);
  let domain = suggestDomain(name, source);
  if (sameAccount.some((e) => e.dns.domain === domain)) domain = `${name}.${source.dns.domain}`;
  const clientId = clientIdFor('argocd', source.argocd.sso.clientId, name, source);
  const grafanaClientId = clientIdFor('grafana', source.observability.grafana.sso.clientId, name, source);
  const channels = sourceChannels(source);
  const plan = {
    name,
    from,
    domain,
    clientId,
    grafanaClientId,
    vpcCidr,
    accountIamResources: sameAccount.some((e) => e.aws.accountIamResources === 'create') ? 'existing' : source.aws.accountIamResources,
    guardDutyDetector: sameRegion.some((e) => e.audit.guardDutyDetector === 'create') ? 'existing' : source.audit.guardDutyDetector,
    droppedHostedZone: source.dns.hostedZoneId !== undefined,
  } as const;
  const nextSteps = [
    `AWS: apply the state bucket first, \`bash tools/scripts/bootstrap-state.sh ${name}\`, then each stack in order with \`tools/scripts/terraform.sh ${name} <stack> init|plan|apply\` (README "Terraform stacks and apply order").`,
    `AWS: check cluster.adminPrincipalArns (copied from ${from}) are the roles that should administer ${name} in account ${source.aws.accountId}.`,
    `DNS: after the dns stack, delegate ${domain} from its parent zone to the name_servers output${plan.droppedHostedZone ? ` (${from}'s dns.hostedZoneId was dropped: it is the zone of ${source.dns.domain})` : ''}.`,
    `OIDC: register the client "${clientId}" at ${source.argocd.sso.issuerUrl} with redirect URI https://argocd.${domain}/auth/callback, then ${
      source.addons.enabled['external-secrets']
        ? `seed the client secret once into OpenBao at kv/${name}/argocd/argocd-oidc (property clientSecret); External Secrets creates the Secret argocd-oidc (docs/runbooks/security-seed-secrets.md).`
        : 'create the Secret argocd-oidc (key clientSecret, label app.kubernetes.io/part-of=argocd) in namespace argocd.'
    }`,
    `OIDC: register the client "${grafanaClientId}" for Grafana at the same provider with redirect URI https://grafana.${domain}/login/generic_oauth, then ${
      source.addons.enabled['external-secrets']
        ? `seed its client secret into OpenBao at kv/${name}/grafana/${source.observability.grafana.sso.clientSecret.name} (property ${source.observability.grafana.sso.clientSecret.key}).`
        : `create the Secret ${source.observability.grafana.sso.clientSecret.name} (key ${source.observability.grafana.sso.clientSecret.key}) in namespace grafana.`
    }`,
    ...(channels.length > 0 ? [`Alerts: observability.alertmanager.receivers still post to ${from}'s Slack channel${channels.length > 1 ? 's' : ''} ${channels.join(', ')}: point them at ${name}'s.`] : []),
    ...heartbeatStep(source, name),
    `ArgoCD: create the repository Secret in namespace argocd with read access to ${source.gitops.repoUrl} (README "Bootstrapping a cluster", step 2).`,
    `Review the values copied from ${from}: budget (monthlyLimitUsd ${source.budget.monthlyLimitUsd}, recipients), sizes, tenants and tags.`,
    // golden path: a new environment starts with the images its source runs
    `Images: images/${name}/ is a copy of images/${from}/ (the tenants' services run ${from}'s images until their first ${name} builds); nodes of ${name} must be able to pull them.`,
    `Check: \`npx nx synth ${name} && npx nx validate ${name}\`.`,
    `Docs: \`npx nx run cluster-addons:docs-waves\` adds ${name} to the deployed-today table of docs/operations.md (a test fails until then).`,
  ];
  return { ...plan, nextSteps };
}

/**
 * `nx g @platform/tools:environment <name> --from <env>`: writes `environments/<name>/env.ts` and
 * `project.json` as a copy of `<env>` with its own name, domain, OIDC client id, VPC CIDR (the next
 * free block) and header comment, copies `images/<env>/` (the services' image references), checks
 * the result against the schema and every sibling, and prints the steps that remain manual.
 * @throws Error when the name is invalid or taken, the source is unknown, or the result does not validate
 */
export default async function environmentGenerator(tree: Tree, options: EnvironmentGeneratorOptions): Promise<GeneratorCallback> {
  const plan = planEnvironment(tree, options);
  const sourceText = tree.read(environmentFile(plan.from), 'utf8') ?? '';
  const source = parseEnvironment(plan.from, evaluateEnvironment(sourceText));
  const sharing = [...readEnvironments(tree).values()]
    .map((e) => e.config)
    .filter((e) => e.aws.accountId === source.aws.accountId)
    .map((e) => e.name);
  let text = sourceText;
  text = setHeaderComment(
    text,
    `${plan.name}: copied from ${plan.from} (sizes, budget and tenants as ${plan.from}: review them). ` +
      `Account ${source.aws.accountId} ${source.aws.region}, shared with ${sharing.join(', ')}; own VPC ${plan.vpcCidr}, domain ${plan.domain} and OIDC clients ${plan.clientId} and ${plan.grafanaClientId}.`,
  );
  text = setProperty(text, ['name'], plan.name);
  text = setProperty(text, ['network', 'vpcCidr'], plan.vpcCidr);
  text = setProperty(text, ['dns', 'domain'], plan.domain);
  text = removeProperty(text, ['dns', 'hostedZoneId']);
  text = setProperty(text, ['argocd', 'sso', 'clientId'], plan.clientId);
  text = setProperty(text, ['observability', 'grafana', 'sso', 'clientId'], plan.grafanaClientId);
  text = setProperty(text, ['aws', 'accountIamResources'], plan.accountIamResources);
  text = setProperty(text, ['audit', 'guardDutyDetector'], plan.guardDutyDetector);

  const created = parseEnvironment(plan.name, evaluateEnvironment(text));
  validateEnvironmentSet([...[...readEnvironments(tree).values()].map((e) => e.config), created], { focus: plan.name });
  tree.write(environmentFile(plan.name), text);

  const sourceProject = `${ENVIRONMENTS_DIR}/${plan.from}/project.json`;
  const project = `${ENVIRONMENTS_DIR}/${plan.name}/project.json`;
  tree.write(project, tree.read(sourceProject, 'utf8') ?? '{}');
  updateJson(tree, project, (json: Record<string, unknown>) => ({
    ...json,
    name: plan.name,
    $schema: json['$schema'] ?? '../../node_modules/nx/schemas/project-schema.json',
    sourceRoot: `${ENVIRONMENTS_DIR}/${plan.name}`,
  }));

  // golden path: the image references of the tenants' services (images/<env>/<repository>.yaml), as the source runs them
  const imagesFrom = `${IMAGES_DIR}/${plan.from}`;
  for (const file of tree.exists(imagesFrom) ? tree.children(imagesFrom).sort() : []) {
    tree.write(`${IMAGES_DIR}/${plan.name}/${file}`, tree.read(`${imagesFrom}/${file}`, 'utf8') ?? '');
  }

  return () => {
    logger.info(`${plan.name}: created ${environmentFile(plan.name)} and ${project} from ${plan.from} (VPC ${plan.vpcCidr}, domain ${plan.domain}, OIDC clients ${plan.clientId} and ${plan.grafanaClientId}).`);
    logger.info('Remaining manual steps:');
    plan.nextSteps.forEach((step, i) => logger.info(`  ${i + 1}. ${step}`));
  };
}
