import { ecrRegistry, type EnvironmentConfig, FALCO, pullThroughRepositoryPrefix } from '@platform/config';
import type { PriorityClassName } from '@platform/k8s-baseline';
import { Addon, type ServiceEndpoint, serviceUrl } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import { renderFalcoRules, platformFalcoRules } from './falco-rules';
import type { FalcoImage, FalcoValues } from './falco-values';

/** Falco's namespace. */
export const FALCO_NAMESPACE = 'falco';
/** Falco release of chart 9.1.0 (its appVersion). */
export const FALCO_VERSION = '0.44.1';
/** falcoctl of chart 9.1.0 (values.yaml `falcoctl.image.tag`). */
export const FALCOCTL_VERSION = '0.13.0';
/**
 * The default ruleset falcoctl installs, pinned to a release (the chart follows `falco-rules:5`).
 * @see https://github.com/falcosecurity/rules/releases/tag/falco-rules-5.1.0
 */
export const FALCO_RULES_REF = 'falco-rules:5.1.0';
/** A node agent must be scheduled on every node, before tenants: it preempts them if needed. */
export const FALCO_PRIORITY_CLASS: PriorityClassName = 'platform-critical';
/**
 * Namespaces allowed to read OpenBao client tokens: External Secrets Operator (the one consumer of OpenBao's
 * API) and OpenBao itself (its reconciler logs in with `bao`).
 */
export const OPENBAO_TOKEN_READER_NAMESPACES: readonly string[] = ['external-secrets', 'openbao'];
/**
 * Platform namespaces whose pods run shell scripts by design, left out of the shell rule: the Tekton build
 * pipelines (every Task step is a script).
 */
export const SCRIPTED_NAMESPACES: readonly string[] = ['tekton-builds', 'tekton-pipelines'];
/** Name of the platform rules file in `/etc/falco/rules.d`. */
export const PLATFORM_RULES_FILE = 'platform-rules.yaml';

export interface FalcoAddonProps {
  readonly env: EnvironmentConfig;
  readonly dependsOn: readonly Addon[];
  /** Where Falco posts its events (`FalcosidekickAddon.endpoint`). */
  readonly sidekick: ServiceEndpoint;
  /** Namespaces of the platform add-ons (rule "shell in a platform namespace", without `SCRIPTED_NAMESPACES`). */
  readonly platformNamespaces: readonly string[];
  /** Namespaces allowed to read OpenBao tokens. @default OPENBAO_TOKEN_READER_NAMESPACES */
  readonly openbaoTokenReaders?: readonly string[];
}

/** A Docker Hub image of the falcosecurity org through the environment's pull-through cache. */
function falcosecurityImage(env: EnvironmentConfig, name: string, tag: string): FalcoImage {
  return { registry: ecrRegistry(env), repository: `${pullThroughRepositoryPrefix(env, 'docker-hub')}/falcosecurity/${name}`, tag };
}

/**
 * Falco 0.44.1 (chart 9.1.0) on every node with the modern eBPF probe in least-privileged mode, sized by
 * `securityPolicy.falco`, the default ruleset pinned and the typed platform rules (`platformFalcoRules`) in
 * `/etc/falco/rules.d`, every event as JSON over HTTP to falcosidekick. Its namespace is `privileged` (host
 * paths and eBPF capabilities), with the reason recorded.
 */
export class FalcoAddon extends Addon<FalcoValues> {
  public readonly rules: string;

  constructor(scope: Construct, id: string, props: FalcoAddonProps) {
    const { env } = props;
    const f = env.securityPolicy.falco;
    const rules = renderFalcoRules(
      platformFalcoRules({
        platformNamespaces: props.platformNamespaces.filter((n) => !SCRIPTED_NAMESPACES.includes(n)),
        databaseNamespaces: f.databaseNamespaces,
        internalCidrs: [env.network.vpcCidr, env.cluster.serviceIpv4Cidr],
        openbaoTokenReaders: props.openbaoTokenReaders ?? OPENBAO_TOKEN_READER_NAMESPACES,
      }),
    );
    super(scope, id, {
      env,
      declaration: FALCO,
      dependsOn: props.dependsOn,
      namespace: {
        name: FALCO_NAMESPACE,
        podSecurity: {
          level: 'privileged',
          reason: 'node agent: the eBPF probe needs BPF, PERFMON, SYS_RESOURCE and SYS_PTRACE, an unconfined AppArmor profile and read-only host paths (/proc, /etc, /dev, /sys/kernel)',
        },
        egress: [
          { description: 'falcoctl installs the pinned ruleset and container plugin (falcosecurity index on GitHub Pages, OCI artifacts on ghcr.io)', peer: 'anywhere', ports: [{ port: 443 }] },
          { description: 'events to falcosidekick', peer: { namespace: props.sidekick.namespace }, ports: [{ port: props.sidekick.port }] },
        ],
      },
      chart: {
        values: {
          image: falcosecurityImage(env, 'falco', FALCO_VERSION),
          podPriorityClassName: FALCO_PRIORITY_CLASS,
          resources: { requests: { cpu: `${f.cpuRequestMillicores}m`, memory: `${f.memoryRequestMiB}Mi` }, limits: { cpu: `${f.cpuLimitMillicores}m`, memory: `${f.memoryLimitMiB}Mi` } },
          tolerations: [{ operator: 'Exists' }],
          driver: { enabled: true, kind: 'modern_ebpf', modernEbpf: { leastPrivileged: true, bufSizePreset: f.bufSizePreset }, loader: { enabled: false } },
          collectors: { kubernetes: { enabled: false } },
          falcoctl: {
            image: falcosecurityImage(env, 'falcoctl', FALCOCTL_VERSION),
            artifact: { install: { enabled: true }, follow: { enabled: false } },
            config: { artifact: { install: { refs: [FALCO_RULES_REF] } } },
          },
          customRules: { [PLATFORM_RULES_FILE]: rules },
          falco: {
            json_output: true,
            json_include_output_property: true,
            log_syslog: false,
            syslog_output: { enabled: false },
            http_output: { enabled: true, url: `${serviceUrl(props.sidekick)}/` },
          },
        },
      },
    });
    this.rules = rules;
  }
}
