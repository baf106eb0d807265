import { alertsTopicArn, type EnvironmentConfig, KUBE_PROMETHEUS_STACK } from '@platform/config';
import { Addon, EGRESS_KUBE_API, EGRESS_POD_IDENTITY_AGENT, ingressWebhook, type ServiceEndpoint } from '@platform/k8s-core';
import type { ExternalSecretsAddon, PlatformExternalSecret } from '@platform/k8s-security';
import type { Construct } from 'constructs';
import { OBSERVABILITY_NAMESPACES, OBSERVABILITY_PRIORITY_CLASS } from '../namespaces';
import { ALERTMANAGER_SECRETS_DIR, alertmanagerConfig, alertmanagerSecrets } from './alertmanager-config';
import { deadMansSwitchAnnotations } from './dead-mans-switch';
import { defaultRulesToggles } from './default-rules';
import type { KubePrometheusStackValues } from './kube-prometheus-stack-values';

/** `fullnameOverride`: object names are `<this>-alertmanager`, `<this>-operator`, ... */
export const KUBE_PROMETHEUS_STACK_FULLNAME = 'kube-prometheus-stack';

/** Pod identity contract entry (and ServiceAccount) of Alertmanager: publishes to the alerts SNS topic. */
export const ALERTMANAGER_POD_IDENTITY = 'alertmanager';

/** Alertmanager web/API port. @see https://prometheus.io/docs/alerting/latest/alertmanager/ */
export const ALERTMANAGER_PORT = 9093;

/** Admission webhook port of the prometheus-operator (validates PrometheusRules). @see values.yaml `prometheusOperator.tls.internalPort` */
export const PROMETHEUS_OPERATOR_WEBHOOK_PORT = 10250;

/** kube-state-metrics HTTP port (scraped by Alloy). */
export const KUBE_STATE_METRICS_PORT = 8080;

export interface KubePrometheusStackAddonProps {
  readonly env: EnvironmentConfig;
  readonly dependsOn: readonly Addon[];
  /**
   * External Secrets (ClusterSecretStore `openbao`): delivers the receivers' Secrets (the Slack webhook URLs and the
   * dead man's switch heartbeat URL) from
   * `kv/<env>/monitoring/<name>`. No dependency on it: this add-on's CRDs come before every other layer's
   * monitors, so the Secrets are mounted optional and arrive after the Alertmanager starts. Omit when the
   * environment runs without External Secrets: the Secrets must then be created by hand.
   * @default none
   */
  readonly externalSecrets?: ExternalSecretsAddon;
}

/**
 * kube-prometheus-stack with its Prometheus server off (Alloy scrapes into Mimir, ADR 0030): the
 * prometheus-operator and its CRDs (server-side applied: several exceed the 256 KiB
 * last-applied annotation), kube-state-metrics, node-exporter (own privileged namespace) and
 * Alertmanager with typed routes and receivers from `observability.alertmanager` (zone anti-affinity
 * and a PodDisruptionBudget from 2 replicas) and the `Watchdog` heartbeat of its `deadMansSwitch`, or the
 * opt-out's reason as the pods' annotation `platform.io/dead-mans-switch` (ADR 0058). Add-ons rendering ServiceMonitors, PodMonitors or
 * PrometheusRules depend on it, so its CRDs exist before their dry run.
 * The receivers' Secrets are mounted as optional volumes (not `alertmanagerSpec.secrets`, whose volumes are
 * required): External Secrets syncs in a later wave, and a required volume would keep the Alertmanager, hence
 * this Application and every later wave, from becoming healthy. Until a Secret exists, notifications through
 * its receiver fail (`AlertmanagerFailedToSendAlerts`) while the other receivers work.
 */
export class KubePrometheusStackAddon extends Addon<KubePrometheusStackValues> {
  /** The Alertmanager API (Mimir ruler, Grafana). */
  public readonly alertmanagerEndpoint: ServiceEndpoint;
  /** The ExternalSecrets delivering the receivers' Secrets (empty without `externalSecrets`). */
  public readonly secrets: readonly PlatformExternalSecret[];

  constructor(scope: Construct, id: string, props: KubePrometheusStackAddonProps) {
    const { env } = props;
    const am = env.observability.alertmanager;
    const ns = OBSERVABILITY_NAMESPACES;
    const scrapedBy = { namespace: ns.alloy };
    const receiverSecrets = alertmanagerSecrets(am.receivers, am.deadMansSwitch);
    super(scope, id, {
      env,
      declaration: KUBE_PROMETHEUS_STACK,
      dependsOn: props.dependsOn,
      namespace: {
        name: ns.monitoring,
        ingress: [
          ingressWebhook(PROMETHEUS_OPERATOR_WEBHOOK_PORT),
          { description: 'Mimir ruler sends alerts', peer: { namespace: ns.mimir }, ports: [{ port: ALERTMANAGER_PORT }] },
          { description: 'Grafana reads alerts and silences', peer: { namespace: ns.grafana }, ports: [{ port: ALERTMANAGER_PORT }] },
          { description: 'Alloy scrapes kube-state-metrics, Alertmanager and the operator', peer: scrapedBy, ports: [{ port: KUBE_STATE_METRICS_PORT }, { port: ALERTMANAGER_PORT }, { port: PROMETHEUS_OPERATOR_WEBHOOK_PORT }] },
        ],
        egress: [
          EGRESS_KUBE_API,
          { description: 'Alertmanager notifications (Slack webhooks, SNS, the dead man\'s switch heartbeat; HTTPS)', peer: 'anywhere', ports: [{ port: 443 }] },
          // only the Alertmanager pods (labelled by the operator) get Pod Identity credentials, not the operator or kube-state-metrics
          { ...EGRESS_POD_IDENTITY_AGENT, pods: { name: 'alertmanager', labels: { 'app.kubernetes.io/name': 'alertmanager' } } },
        ],
      },
      extraNamespaces: [
        {
          name: ns.nodeExporter,
          podSecurity: { level: 'privileged', reason: 'node-exporter reads host metrics: hostNetwork, hostPID and read-only host paths (/proc, /sys, /)' },
        },
      ],
      chart: {
        serverSideApply: true,
        values: {
          fullnameOverride: KUBE_PROMETHEUS_STACK_FULLNAME,
          crds: { enabled: true, upgradeJob: { enabled: false } },
          defaultRules: { create: true, rules: defaultRulesToggles() },
          alertmanager: {
            enabled: true,
            // the contract ServiceAccount (baseline renders it): Pod Identity for the SNS receiver
            serviceAccount: { create: false, name: ALERTMANAGER_POD_IDENTITY },
            podDisruptionBudget: { enabled: am.replicas > 1, minAvailable: 1 },
            config: alertmanagerConfig({ ...am, alertsTopic: { topicArn: alertsTopicArn(env), region: env.aws.region } }),
            alertmanagerSpec: {
              replicas: am.replicas,
              retention: `${am.retentionHours}h`,
              podMetadata: { annotations: deadMansSwitchAnnotations(am.deadMansSwitch) },
              volumes: receiverSecrets.map((s) => ({ name: `secret-${s.name}`, secret: { secretName: s.name, optional: true } })),
              volumeMounts: receiverSecrets.map((s) => ({ name: `secret-${s.name}`, mountPath: `${ALERTMANAGER_SECRETS_DIR}/${s.name}`, readOnly: true })),
              podAntiAffinity: am.replicas > 1 ? 'hard' : '',
              podAntiAffinityTopologyKey: 'topology.kubernetes.io/zone',
              priorityClassName: OBSERVABILITY_PRIORITY_CLASS,
              resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '256Mi' } },
              storage: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: `${am.storageGiB}Gi` } } } } },
              logFormat: 'json',
            },
          },
          grafana: { enabled: false },
          prometheus: { enabled: false },
          kubeEtcd: { enabled: false },
          kubeControllerManager: { enabled: false },
          kubeScheduler: { enabled: false },
          kubeProxy: { enabled: false },
          windowsMonitoring: { enabled: false },
          prometheusOperator: {
            enabled: true,
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
          },
          'kube-state-metrics': {
            priorityClassName: OBSERVABILITY_PRIORITY_CLASS,
            resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '512Mi' } },
          },
          'prometheus-node-exporter': {
            namespaceOverride: ns.nodeExporter,
            priorityClassName: OBSERVABILITY_PRIORITY_CLASS,
            resources: { requests: { cpu: '20m', memory: '32Mi' }, limits: { memory: '64Mi' } },
          },
        },
      },
    });
    this.alertmanagerEndpoint = { namespace: ns.monitoring, service: `${KUBE_PROMETHEUS_STACK_FULLNAME}-alertmanager`, port: ALERTMANAGER_PORT };
    const es = props.externalSecrets;
    this.secrets = es ? receiverSecrets.map((s) => es.deliver({ namespace: ns.monitoring, name: s.name, keys: s.keys.map((secretKey) => ({ secretKey })) })) : [];
  }
}
