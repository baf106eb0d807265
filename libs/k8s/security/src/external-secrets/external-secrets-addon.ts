import { type EnvironmentConfig, EXTERNAL_SECRETS } from '@platform/config';
import type { PriorityClassName } from '@platform/k8s-baseline';
import { Addon, EGRESS_KUBE_API, ingressWebhook, type ServiceEndpoint } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import type { CertManagerAddon } from '../cert-manager/cert-manager-addon';
import { PLATFORM_CA_BUNDLE, PLATFORM_CA_ISSUER } from '../cert-manager/cluster-issuer-ref';
import { DEFAULT_CERTIFICATE_DURATION, DEFAULT_CERTIFICATE_RENEW_BEFORE } from '../cert-manager/platform-certificate';
import type { OpenBaoAddon } from '../openbao/openbao-addon';
import { OPENBAO_SERVER_POD_LABELS } from '../openbao/openbao-endpoint';
import { zoneSpread } from '../zone-spread';
import type { ExternalSecretsValues } from './external-secrets-values';
import { OpenBaoClusterSecretStore } from './openbao-cluster-secret-store';
import { PlatformExternalSecret, type PlatformExternalSecretProps } from './platform-external-secret';
import { SecretConsumerAccess } from './secret-consumer-access';

/** Namespace of the External Secrets Operator. */
export const EXTERNAL_SECRETS_NAMESPACE = 'external-secrets';
/** ServiceAccount of the controller (named, so consumer namespaces can bind it). */
export const EXTERNAL_SECRETS_SERVICE_ACCOUNT = 'external-secrets';
/** Webhook port. @see values.yaml `webhook.port` */
export const EXTERNAL_SECRETS_WEBHOOK_PORT = 10250;
/** Metrics port of the controller and the webhook. @see values.yaml `metrics.listen.port` */
export const EXTERNAL_SECRETS_METRICS_PORT = 8080;
/** A Secret that cannot be refreshed stops rotations, not running pods; still above ordinary workloads. */
export const EXTERNAL_SECRETS_PRIORITY_CLASS: PriorityClassName = 'platform-critical';
/** Pod labels of the webhook (chart `external-secrets-webhook.selectorLabels`). */
export const EXTERNAL_SECRETS_WEBHOOK_LABELS = { 'app.kubernetes.io/name': 'external-secrets-webhook', 'app.kubernetes.io/instance': EXTERNAL_SECRETS.name } as const;
/** Pod labels of the controller (chart `external-secrets.selectorLabels`). */
export const EXTERNAL_SECRETS_CONTROLLER_LABELS = { 'app.kubernetes.io/name': 'external-secrets', 'app.kubernetes.io/instance': EXTERNAL_SECRETS.name } as const;

const CONTROLLER_RESOURCES = { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '512Mi' } };
const WEBHOOK_RESOURCES = { requests: { cpu: '20m', memory: '64Mi' }, limits: { memory: '256Mi' } };

export interface ExternalSecretsAddonProps {
  readonly env: EnvironmentConfig;
  /** The cert-manager add-on: its CRDs (the webhook Certificate) and the `platform-ca` issuer. */
  readonly certManager: CertManagerAddon;
  /**
   * OpenBao: synced first (the store must find it), its endpoint, and the login role for the consumer
   * namespaces this add-on registers.
   */
  readonly openbao: OpenBaoAddon;
  /** Further add-ons that must be synced first (the baseline). @default [] */
  readonly dependsOn?: readonly Addon[];
  /**
   * Namespace of the agent that scrapes ServiceMonitors: renders the chart's ServiceMonitors (controller and
   * webhook, only once the ServiceMonitor CRD exists: `renderMode: skipIfMissing`) and admits the scrape.
   * @default none (no ServiceMonitor)
   */
  readonly metricsScraperNamespace?: string;
}

/**
 * External Secrets Operator 2.9.0 with its CRDs, `security.externalSecrets.replicas` per component spread
 * across zones, webhook TLS from `platform-ca`, no cluster-wide token permission, and in
 * `kubernetes/addons/external-secrets/` the ClusterSecretStore `openbao` plus every ExternalSecret
 * delivered through {@link ExternalSecretsAddon.deliver} with each consumer namespace's access objects.
 */
export class ExternalSecretsAddon extends Addon<ExternalSecretsValues> {
  private readonly consumers = new Set<string>();
  private readonly secrets: PlatformExternalSecret[] = [];

  constructor(scope: Construct, id: string, props: ExternalSecretsAddonProps) {
    const { env } = props;
    const { replicas } = env.security.externalSecrets;
    const openbao: ServiceEndpoint = props.openbao.endpoint;
    const component = (labels: Readonly<Record<string, string>>, resources: typeof CONTROLLER_RESOURCES) => ({
      replicaCount: replicas,
      podDisruptionBudget: replicas > 1 ? { enabled: true, minAvailable: 1 } : { enabled: false },
      priorityClassName: EXTERNAL_SECRETS_PRIORITY_CLASS,
      resources,
      topologySpreadConstraints: zoneSpread(labels, replicas),
      log: { level: 'info' as const, timeEncoding: 'iso8601' as const },
    });
    super(scope, id, {
      env,
      declaration: EXTERNAL_SECRETS,
      dependsOn: [...(props.dependsOn ?? []), props.certManager, props.openbao],
      // the chart installs the CRDs: deleting the Application must not delete every ExternalSecret (and its Secret)
      cascadeDelete: false,
      namespace: {
        name: EXTERNAL_SECRETS_NAMESPACE,
        ingress: [
          { ...ingressWebhook(EXTERNAL_SECRETS_WEBHOOK_PORT), pods: { name: 'webhook', labels: EXTERNAL_SECRETS_WEBHOOK_LABELS } },
          ...(props.metricsScraperNamespace
            ? [{ description: 'metrics scrape of the controller and the webhook (ServiceMonitor)', peer: { namespace: props.metricsScraperNamespace }, ports: [{ port: EXTERNAL_SECRETS_METRICS_PORT }] }]
            : []),
        ],
        egress: [
          EGRESS_KUBE_API,
          {
            description: 'OpenBao API (Kubernetes-auth login and KV reads)',
            peer: { namespace: openbao.namespace, podLabels: OPENBAO_SERVER_POD_LABELS },
            ports: [{ port: openbao.port }],
            pods: { name: 'controller', labels: EXTERNAL_SECRETS_CONTROLLER_LABELS },
          },
        ],
      },
      chart: {
        values: {
          installCRDs: true,
          leaderElect: true,
          ...component(EXTERNAL_SECRETS_CONTROLLER_LABELS, CONTROLLER_RESOURCES),
          serviceAccount: { create: true, name: EXTERNAL_SECRETS_SERVICE_ACCOUNT },
          rbac: { serviceAccountTokenCreate: false },
          processClusterExternalSecret: false,
          processClusterPushSecret: false,
          processPushSecret: false,
          webhook: {
            ...component(EXTERNAL_SECRETS_WEBHOOK_LABELS, WEBHOOK_RESOURCES),
            certManager: { enabled: true, cert: { create: true, issuerRef: PLATFORM_CA_ISSUER, duration: DEFAULT_CERTIFICATE_DURATION, renewBefore: DEFAULT_CERTIFICATE_RENEW_BEFORE } },
          },
          certController: { create: false },
          serviceMonitor: { enabled: props.metricsScraperNamespace !== undefined, renderMode: 'skipIfMissing' },
        },
      },
    });
    new OpenBaoClusterSecretStore(this.manifestFile('cluster-secret-store'), 'openbao', {
      server: openbao,
      caBundle: PLATFORM_CA_BUNDLE,
      consumerNamespaces: () => [...this.consumers],
    });
    props.openbao.allowExternalSecrets({ namespace: EXTERNAL_SECRETS_NAMESPACE, podLabels: EXTERNAL_SECRETS_CONTROLLER_LABELS, consumerNamespaces: () => this.consumerNamespaces });
  }

  /**
   * Delivers one Secret from OpenBao: an ExternalSecret (`PlatformExternalSecret`) in the consumer
   * namespace, reading `kv/<env>/<namespace>/<name>`, and the namespace's access objects on first use.
   * Rendered in this add-on's manifests (synced after the CRDs), so consumers that sync earlier, like
   * ArgoCD itself, need no dependency on it.
   * @throws Error from PlatformExternalSecret on an empty key list or a bad name; on a second delivery of the same Secret
   */
  public deliver(props: Omit<PlatformExternalSecretProps, 'environment'>): PlatformExternalSecret {
    if (this.secrets.some((s) => s.namespace === props.namespace && s.secretName === props.name)) {
      throw new Error(`${this.env.name}: external-secrets: Secret ${props.namespace}/${props.name} is delivered twice`);
    }
    this.registerConsumer(props.namespace);
    const secret = new PlatformExternalSecret(this.manifestFile('external-secrets'), `${props.namespace}-${props.name}`, { ...props, environment: this.env.name });
    this.secrets.push(secret);
    return secret;
  }

  /**
   * Lets ExternalSecrets of `namespace` read `<env>/<namespace>/*` (idempotent): the store's conditions
   * admit the namespace and its `openbao-secrets-reader` ServiceAccount and token Role are rendered.
   */
  public registerConsumer(namespace: string): void {
    if (this.consumers.has(namespace)) return;
    this.consumers.add(namespace);
    new SecretConsumerAccess(this.manifestFile('consumers'), namespace, {
      namespace,
      controllerServiceAccount: { namespace: EXTERNAL_SECRETS_NAMESPACE, name: EXTERNAL_SECRETS_SERVICE_ACCOUNT },
    });
  }

  /** Registered consumer namespaces, sorted (OpenBao binds its External Secrets role to them). */
  public get consumerNamespaces(): readonly string[] {
    return [...this.consumers].sort();
  }

  /** Every delivered Secret, in delivery order (what the seeding runbook lists). */
  public get deliveredSecrets(): readonly PlatformExternalSecret[] {
    return [...this.secrets];
  }
}

