import { bucketName, type EnvironmentConfig, kmsAliasArn, OPENBAO, OPENBAO_UNSEAL_KMS_KEY_PURPOSE, podIdentityEntry, podIdentityObjectPrefix } from '@platform/config';
import type { PriorityClassName } from '@platform/k8s-baseline';
import { Addon, EGRESS_AWS_APIS, EGRESS_KUBE_API, type NetworkRule, type ServiceEndpoint } from '@platform/k8s-core';
import { KubeServiceAccount } from '@platform/k8s-imports/k8s';
import type { Construct } from 'constructs';
import type { CertManagerAddon } from '../cert-manager/cert-manager-addon';
import { PLATFORM_CA_ISSUER } from '../cert-manager/cluster-issuer-ref';
import { zoneSpread } from '../zone-spread';
import { openBaoConsumer, type OpenBaoConsumer, type OpenBaoConsumerProps } from './openbao-consumer';
import { OPENBAO_API_PORT, OPENBAO_ENDPOINT, OPENBAO_NAMESPACE, OPENBAO_SERVER_POD_LABELS } from './openbao-endpoint';
import { OPENBAO_IMAGE, OPENBAO_IMAGE_REF, RESTRICTED_CONTAINER } from './openbao-images';
import { externalSecretsPolicy, externalSecretsRole, type OpenBaoPolicy, type OpenBaoRole } from './openbao-policies';
import { OpenBaoReconcilerJob } from './openbao-reconciler-job';
import { OPENBAO_METRICS_PATH, OPENBAO_PEER_SERVICE, OPENBAO_TLS_DIR, openBaoServerConfig, RECOVERY_CEREMONY_ROLE, SECRET_SEEDER_ROLE } from './openbao-server-config';
import { OpenBaoServiceMonitor } from './openbao-service-monitor';
import { OpenBaoSnapshotCronJob } from './openbao-snapshot-cronjob';
import type { OpenBaoValues, PassThrough } from './openbao-values';

/** Pod identity contract entry of the servers (`kms-unseal`: the storage stack's unseal key). */
export const OPENBAO_POD_IDENTITY = 'openbao';
/** Pod identity contract entry of the snapshot CronJob (`s3-bucket` backups, own prefix). */
export const OPENBAO_SNAPSHOT_POD_IDENTITY = 'openbao-snapshot';
/** Secret the `platform-ca` certificate of the servers is written to. */
export const OPENBAO_TLS_SECRET = 'openbao-tls';
/** Every secret read in the cluster depends on it. */
export const OPENBAO_PRIORITY_CLASS: PriorityClassName = 'platform-critical';
/** How often the sidecar compares the mounted certificate with the last one it signalled (seconds). */
export const TLS_RELOAD_INTERVAL_SECONDS = 60;

const SERVER_RESOURCES = { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } };

/**
 * `bao` reads its certificate once: cert-manager renews it every 60 days into the mounted Secret, so a
 * sidecar in the shared PID namespace sends SIGHUP (OpenBao reloads listener certificates) when it changes.
 */
function tlsReloader(): PassThrough {
  const script = [
    `last="$(cksum < ${OPENBAO_TLS_DIR}/tls.crt)"`,
    `while sleep ${TLS_RELOAD_INTERVAL_SECONDS}; do`,
    `  now="$(cksum < ${OPENBAO_TLS_DIR}/tls.crt)"`,
    '  if [ "$now" != "$last" ]; then pid="$(pidof bao || true)"; if [ -n "$pid" ]; then kill -HUP $pid && echo "certificate renewed: SIGHUP sent to bao"; fi; last="$now"; fi',
    'done',
  ].join('\n');
  return {
    name: 'tls-reloader',
    image: OPENBAO_IMAGE_REF,
    command: ['/bin/sh', '-c', script],
    resources: { requests: { cpu: '5m', memory: '8Mi' }, limits: { memory: '32Mi' } },
    securityContext: RESTRICTED_CONTAINER,
    volumeMounts: [{ name: 'tls', mountPath: OPENBAO_TLS_DIR, readOnly: true }],
  };
}

export interface OpenBaoAddonProps {
  readonly env: EnvironmentConfig;
  /** cert-manager: issues the servers' certificate from `platform-ca` before OpenBao syncs. */
  readonly certManager: CertManagerAddon;
  /** Further add-ons that must be synced first (the baseline). @default [] */
  readonly dependsOn?: readonly Addon[];
}

/** The agent that scrapes ServiceMonitors, and the add-on installing the ServiceMonitor CRD. */
export interface OpenBaoMetricsScraper {
  /** Namespace of the scraper's pods. */
  readonly namespace: string;
  /** Labels of the scraper's pods: only they are admitted to the API port for the scrape. */
  readonly podLabels: Readonly<Record<string, string>>;
  /** Installs the prometheus-operator CRDs: OpenBao syncs after it (its ServiceMonitor needs the CRD). */
  readonly monitoringCrds: Addon;
}

/** What a scrape of the servers yields, for the alert rules: the series carry `namespace`, `pod` and `job`. */
export interface OpenBaoMetricsTarget {
  readonly namespace: string;
  /** `job` label of the series (the scraped Service's name, the prometheus-operator convention). */
  readonly job: string;
}

/** Labels of the chart's headless Service of every server pod (`<release>-internal`). @see chart templates/server-headless-service.yaml */
const PEER_SERVICE_LABELS = { 'app.kubernetes.io/name': 'openbao', 'app.kubernetes.io/instance': 'openbao', 'openbao-internal': 'true' } as const;
/** Name of the API port of the chart's Services (`openbao.scheme`: https with TLS on). */
const API_PORT_NAME = 'https';

/** External Secrets as an OpenBao client: where its controller runs and which namespaces it serves. */
export interface OpenBaoExternalSecretsClient {
  readonly namespace: string;
  readonly podLabels: Readonly<Record<string, string>>;
  /** Consumer namespaces, read at synth time (deliveries continue after this call). */
  readonly consumerNamespaces: () => readonly string[];
}

/**
 * OpenBao 2.6.2 (chart 0.29.2): `security.openbao.replicas` servers on integrated Raft spread across zones
 * (one per node), `awskms` auto-unseal with the storage stack's unseal key through Pod Identity, TLS from
 * `platform-ca` (reloaded on renewal), the stdout audit device (collected with the pod logs), and
 * configuration as code: the `initialize` stanza bootstraps auth, audit, KV v2 and the reconciler,
 * seeder and snapshot identities once; the PostSync reconciler converges `managed-*` policies and roles
 * on every sync. Consumers register through {@link OpenBaoAddon.registerConsumer} (direct logins) or
 * External Secrets ({@link OpenBaoAddon.allowExternalSecrets}). Raft snapshots go to the backups bucket.
 * Prometheus metrics on the listener without a token; {@link OpenBaoAddon.scrapeMetrics} admits the collector.
 */
export class OpenBaoAddon extends Addon<OpenBaoValues> {
  /** The active node's API (HTTPS, `platform-ca`). */
  public readonly endpoint: ServiceEndpoint = OPENBAO_ENDPOINT;
  private readonly consumers = new Map<string, OpenBaoConsumer>();
  private readonly ingress: NetworkRule[];
  private externalSecrets?: OpenBaoExternalSecretsClient;
  private readonly dependencies: Addon[];
  private metrics?: OpenBaoMetricsTarget;

  constructor(scope: Construct, id: string, props: OpenBaoAddonProps) {
    const { env } = props;
    const { replicas, storageSizeGiB } = env.security.openbao;
    const server = podIdentityEntry(env, OPENBAO_POD_IDENTITY);
    // filled by registerConsumer/allowExternalSecrets; the baseline renders the policies at the end of the composition
    const ingress: NetworkRule[] = [];
    // grows with scrapeMetrics (the CRD add-on is composed later); read when the Applications render
    const dependencies: Addon[] = [...(props.dependsOn ?? []), props.certManager];
    super(scope, id, {
      env,
      declaration: OPENBAO,
      dependsOn: dependencies,
      namespace: {
        name: OPENBAO_NAMESPACE,
        ingress,
        egress: [
          { ...EGRESS_KUBE_API, description: 'Kubernetes API: TokenReview (Kubernetes auth) and service registration (active/standby labels)' },
          { ...EGRESS_AWS_APIS, description: 'AWS KMS (awskms seal), STS, and S3 for the Raft snapshots' },
        ],
      },
      chart: {
        values: {
          global: { tlsDisable: false },
          injector: { enabled: false },
          ui: { enabled: false },
          server: {
            image: { ...OPENBAO_IMAGE },
            logLevel: 'info',
            logFormat: 'json',
            resources: SERVER_RESOURCES,
            priorityClassName: OPENBAO_PRIORITY_CLASS,
            topologySpreadConstraints: zoneSpread(OPENBAO_SERVER_POD_LABELS, replicas),
            updateStrategyType: 'RollingUpdate',
            shareProcessNamespace: true,
            extraContainers: [tlsReloader()],
            extraEnvironmentVars: { BAO_CACERT: `${OPENBAO_TLS_DIR}/ca.crt` },
            volumes: [{ name: 'tls', secret: { secretName: OPENBAO_TLS_SECRET } }],
            volumeMounts: [{ name: 'tls', mountPath: OPENBAO_TLS_DIR, readOnly: true }],
            statefulSet: { securityContext: { container: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } } },
            authDelegator: { enabled: true },
            serviceAccount: { create: false, name: server.serviceAccount, serviceDiscovery: { enabled: true } },
            dataStorage: { enabled: true, size: `${storageSizeGiB}Gi` },
            standalone: { enabled: false },
            ha: {
              enabled: true,
              replicas,
              // a name the certificate covers (the chart's default is the pod IP, which it does not)
              apiAddr: `https://$(BAO_K8S_POD_NAME).${OPENBAO_PEER_SERVICE}:${OPENBAO_API_PORT}`,
              raft: {
                enabled: true,
                setNodeId: true,
                // JSON text: the chart passes a string through `tpl`, harmless here (no `{{` in the configuration)
                config: JSON.stringify(openBaoServerConfig({ environment: env.name, replicas, region: env.aws.region, unsealKeyId: kmsAliasArn(env, OPENBAO_UNSEAL_KMS_KEY_PURPOSE) }), null, 2),
              },
              // a Raft quorum survives one voluntary disruption at 3 voters (two at 5); a single dev node gets no PDB
              disruptionBudget: replicas > 1 ? { enabled: true, maxUnavailable: Math.floor((replicas - 1) / 2) } : { enabled: false },
            },
          },
        },
      },
    });
    this.ingress = ingress;
    this.dependencies = dependencies;
    const snapshotEntry = this.podIdentity(OPENBAO_SNAPSHOT_POD_IDENTITY);
    // identities for people (runbooks mint short tokens with `kubectl create token`): no pod mounts them
    for (const name of [SECRET_SEEDER_ROLE, RECOVERY_CEREMONY_ROLE]) {
      new KubeServiceAccount(this.manifestFile('identities'), name, {
        metadata: { name, namespace: OPENBAO_NAMESPACE, labels: { 'app.kubernetes.io/part-of': 'openbao', 'app.kubernetes.io/component': name } },
        automountServiceAccountToken: false,
      });
    }
    props.certManager.issueCertificate(OPENBAO_TLS_SECRET, {
      name: OPENBAO_TLS_SECRET,
      namespace: OPENBAO_NAMESPACE,
      issuer: PLATFORM_CA_ISSUER,
      dnsNames: [
        ...['openbao-active', 'openbao'].flatMap((s) => [`${s}.${OPENBAO_NAMESPACE}.svc`, `${s}.${OPENBAO_NAMESPACE}.svc.cluster.local`]),
        `*.${OPENBAO_PEER_SERVICE}`,
        `*.${OPENBAO_PEER_SERVICE}.${OPENBAO_NAMESPACE}.svc`,
        `*.${OPENBAO_PEER_SERVICE}.${OPENBAO_NAMESPACE}.svc.cluster.local`,
        'localhost',
      ],
      ipAddresses: ['127.0.0.1'],
    });
    new OpenBaoReconcilerJob(this.manifestFile('reconciler'), 'reconciler', { tlsSecretName: OPENBAO_TLS_SECRET, declaration: () => this.reconciledState() });
    new OpenBaoSnapshotCronJob(this.manifestFile('snapshots'), 'snapshots', {
      schedule: env.security.openbao.snapshotSchedule,
      serviceAccount: snapshotEntry.serviceAccount,
      region: env.aws.region,
      bucket: bucketName(env, 'backups'),
      prefix: podIdentityObjectPrefix(snapshotEntry),
      tlsSecretName: OPENBAO_TLS_SECRET,
    });
  }

  /**
   * Registers a workload that logs in to OpenBao itself: policy and Kubernetes-auth role
   * `managed-<namespace>` reading `kv/<env>/<namespace>/*` only, bound to the listed ServiceAccounts, applied
   * by the reconciler at the next sync; its pods may reach the API port. No manual step.
   * @throws Error when the namespace is already registered, or from openBaoConsumer on bad names
   */
  public registerConsumer(props: OpenBaoConsumerProps): OpenBaoConsumer {
    if (this.consumers.has(props.namespace)) throw new Error(`${this.env.name}: openbao: consumer ${props.namespace} is registered twice`);
    const consumer = openBaoConsumer(this.env.name, props);
    this.consumers.set(props.namespace, consumer);
    this.ingress.push({ description: `${props.namespace}: ${props.description}`, peer: { namespace: props.namespace }, ports: [{ port: OPENBAO_API_PORT }], pods: { name: 'server', labels: OPENBAO_SERVER_POD_LABELS } });
    return consumer;
  }

  /**
   * Lets External Secrets log in as `openbao-secrets-reader` of each of its consumer namespaces (role
   * `managed-external-secrets`, templated policy: each namespace reads only its own path), and its
   * controller reach the API port.
   * @throws Error when called twice
   */
  public allowExternalSecrets(client: OpenBaoExternalSecretsClient): void {
    if (this.externalSecrets) throw new Error(`${this.env.name}: openbao: External Secrets is already allowed`);
    this.externalSecrets = client;
    this.ingress.push({ description: 'External Secrets controller: Kubernetes-auth login and KV reads', peer: { namespace: client.namespace, podLabels: client.podLabels }, ports: [{ port: OPENBAO_API_PORT }], pods: { name: 'server', labels: OPENBAO_SERVER_POD_LABELS } });
  }

  /**
   * Lets the metrics agent scrape every server's `/v1/sys/metrics` (Prometheus format, no token): renders the
   * ServiceMonitor on the headless Service of all server pods, admits the agent's pods (and only them, besides
   * the API clients) to port 8200, and syncs OpenBao after the add-on installing the ServiceMonitor CRD.
   * @returns the namespace and `job` label of the scraped series, for the alert rules
   * @throws Error when called twice
   */
  public scrapeMetrics(scraper: OpenBaoMetricsScraper): OpenBaoMetricsTarget {
    if (this.metrics) throw new Error(`${this.env.name}: openbao: the metrics scrape is already enabled`);
    this.dependencies.push(scraper.monitoringCrds);
    this.ingress.push({ description: 'metrics scrape of every server (ServiceMonitor, /v1/sys/metrics without a token)', peer: { namespace: scraper.namespace, podLabels: scraper.podLabels }, ports: [{ port: OPENBAO_API_PORT }], pods: { name: 'server', labels: OPENBAO_SERVER_POD_LABELS } });
    new OpenBaoServiceMonitor(this.manifestFile('monitoring'), 'metrics', {
      namespace: OPENBAO_NAMESPACE,
      service: { name: OPENBAO_PEER_SERVICE, labels: PEER_SERVICE_LABELS },
      port: API_PORT_NAME,
      path: OPENBAO_METRICS_PATH,
    });
    this.metrics = { namespace: OPENBAO_NAMESPACE, job: OPENBAO_PEER_SERVICE };
    return this.metrics;
  }

  /** The consumers registered for direct logins, by namespace. */
  public get registeredConsumers(): readonly OpenBaoConsumer[] {
    return [...this.consumers.values()].sort((a, b) => a.namespace.localeCompare(b.namespace));
  }

  /** What the reconciler converges to: one policy and role per consumer, plus External Secrets' when allowed. */
  public reconciledState(): { readonly policies: readonly OpenBaoPolicy[]; readonly roles: readonly OpenBaoRole[] } {
    const consumers = this.registeredConsumers;
    const eso = this.externalSecrets?.consumerNamespaces() ?? [];
    return {
      policies: [...consumers.map((c) => c.policy), ...(eso.length > 0 ? [externalSecretsPolicy(this.env.name)] : [])],
      roles: [...consumers.map((c) => c.kubernetesRole), ...(eso.length > 0 ? [externalSecretsRole(eso)] : [])],
    };
  }
}
