import { ecrRegistry, type EnvironmentConfig, FALCOSIDEKICK, pullThroughRepositoryPrefix } from '@platform/config';
import type { PriorityClassName } from '@platform/k8s-baseline';
import { Addon, type ServiceEndpoint, serviceUrl } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import type { ComponentResources } from '../cert-manager/cert-manager-values';
import { FALCO_NAMESPACE } from '../falco/falco-addon';
import type { FalcosidekickValues } from './falcosidekick-values';
import { IngressGrant } from './ingress-grant';

/** falcosidekick's namespace. */
export const FALCOSIDEKICK_NAMESPACE = 'falcosidekick';
/** Its HTTP port (values.yaml `service.port`). */
export const FALCOSIDEKICK_PORT = 2801;
/** falcosidekick of chart 0.14.0 (values.yaml `image.tag`). */
export const FALCOSIDEKICK_VERSION = '2.32.0';
/** Alertmanager's v2 API (v1 is gone since Alertmanager 0.27). @see https://prometheus.io/docs/alerting/latest/clients/ */
export const ALERTMANAGER_ALERTS_PATH = '/api/v2/alerts';
/** Security events must reach Loki and Alertmanager even when tenants are evicted. */
export const FALCOSIDEKICK_PRIORITY_CLASS: PriorityClassName = 'platform-high';
/** Falco fields turned into Loki labels (besides rule, source, priority and tags). */
export const LOKI_EXTRA_LABELS = ['k8s_ns_name', 'k8s_pod_name'];

const RESOURCES: ComponentResources = { requests: { cpu: '20m', memory: '64Mi' }, limits: { memory: '128Mi' } };
const POD_LABELS = { 'app.kubernetes.io/name': 'falcosidekick', 'app.kubernetes.io/instance': 'falcosidekick' };

export interface FalcosidekickAddonProps {
  readonly env: EnvironmentConfig;
  readonly dependsOn: readonly Addon[];
  /** Loki push (`LokiAddon.pushEndpoint`). */
  readonly lokiPush: ServiceEndpoint;
  /** Alertmanager (`KubePrometheusStackAddon.alertmanagerEndpoint`). */
  readonly alertmanager: ServiceEndpoint;
  /**
   * Namespace of the agent that scrapes ServiceMonitors: renders the chart's ServiceMonitor (`/metrics` on the HTTP
   * port; `dependsOn` must hold the add-on installing the CRD) and admits the scrape. @default none (no ServiceMonitor)
   */
  readonly metricsScraperNamespace?: string;
}

/** `<scheme>://<host>:<port>` of an endpoint (falcosidekick takes the path separately). */
const hostport = (e: ServiceEndpoint): string => serviceUrl({ ...e, path: '' });

/**
 * falcosidekick 2.32.0 (chart 0.14.0): receives Falco's events and forwards them to Loki (from
 * `lokiMinimumPriority`, JSON, namespace and pod as labels) and to Alertmanager's v2 API (from
 * `alertmanagerMinimumPriority`), both addressed through the observability layer's ServiceEndpoints.
 * `sidekickReplicas` replicas spread across zones. The flows into Loki's and Alertmanager's namespaces are
 * granted by policies this add-on renders there ({@link IngressGrant}).
 */
export class FalcosidekickAddon extends Addon<FalcosidekickValues> {
  /** Where Falco posts events. */
  public readonly endpoint: ServiceEndpoint;

  constructor(scope: Construct, id: string, props: FalcosidekickAddonProps) {
    const { env, lokiPush, alertmanager } = props;
    const f = env.securityPolicy.falco;
    const replicas = f.sidekickReplicas;
    super(scope, id, {
      env,
      declaration: FALCOSIDEKICK,
      dependsOn: props.dependsOn,
      namespace: {
        name: FALCOSIDEKICK_NAMESPACE,
        ingress: [
          { description: 'Falco posts events', peer: { namespace: FALCO_NAMESPACE }, ports: [{ port: FALCOSIDEKICK_PORT }] },
          ...(props.metricsScraperNamespace ? [{ description: 'metrics scrape (ServiceMonitor)', peer: { namespace: props.metricsScraperNamespace }, ports: [{ port: FALCOSIDEKICK_PORT }] }] : []),
        ],
        egress: [
          { description: 'pushes events to Loki', peer: { namespace: lokiPush.namespace }, ports: [{ port: lokiPush.port }] },
          { description: 'raises alerts in Alertmanager', peer: { namespace: alertmanager.namespace }, ports: [{ port: alertmanager.port }] },
        ],
      },
      chart: {
        values: {
          replicaCount: replicas,
          image: { registry: ecrRegistry(env), repository: `${pullThroughRepositoryPrefix(env, 'docker-hub')}/falcosecurity/falcosidekick`, tag: FALCOSIDEKICK_VERSION },
          priorityClassName: FALCOSIDEKICK_PRIORITY_CLASS,
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          resources: RESOURCES,
          affinity:
            replicas > 1
              ? { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchLabels: POD_LABELS } } }] } }
              : {},
          config: {
            loki: { hostport: hostport(lokiPush), endpoint: lokiPush.path ?? '/loki/api/v1/push', minimumpriority: f.lokiMinimumPriority, format: 'json', extralabels: LOKI_EXTRA_LABELS.join(',') },
            alertmanager: { hostport: hostport(alertmanager), endpoint: ALERTMANAGER_ALERTS_PATH, minimumpriority: f.alertmanagerMinimumPriority },
          },
          serviceMonitor: { enabled: props.metricsScraperNamespace !== undefined },
        },
      },
    });
    this.endpoint = { namespace: FALCOSIDEKICK_NAMESPACE, service: 'falcosidekick', port: FALCOSIDEKICK_PORT };
    const grants = this.manifestFile('ingress-grants');
    new IngressGrant(grants, 'loki', { endpoint: lokiPush, fromNamespace: FALCOSIDEKICK_NAMESPACE, reason: 'falcosidekick pushes Falco events to Loki' });
    new IngressGrant(grants, 'alertmanager', { endpoint: alertmanager, fromNamespace: FALCOSIDEKICK_NAMESPACE, reason: 'falcosidekick raises Falco alerts in Alertmanager' });
  }
}
