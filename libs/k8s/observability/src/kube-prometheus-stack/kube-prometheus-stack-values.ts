/** Kubernetes resource requests/limits as the charts take them. */
export interface ResourceValues {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly memory: string };
}

/**
 * Typed subset of the kube-prometheus-stack chart 88.5.3 values the platform sets (keys as in values.yaml).
 * @see ../shared/upstream/charts/kube-prometheus-stack/88.5.3/values.yaml
 */
export interface KubePrometheusStackValues {
  /** Pins every object name prefix (`<fullname>-alertmanager`, `<fullname>-operator`). @see values.yaml `fullnameOverride` */
  readonly fullnameOverride: string;
  /** The prometheus-operator CRDs subchart (templates, so upgraded with the chart). @see values.yaml `crds` */
  readonly crds: { readonly enabled: true; readonly upgradeJob: { readonly enabled: false } };
  /** Default PrometheusRules, evaluated by the Mimir ruler (Alloy syncs PrometheusRules to it). @see values.yaml `defaultRules` */
  readonly defaultRules: {
    readonly create: true;
    readonly rules: Readonly<Record<string, boolean>>;
  };
  readonly alertmanager: {
    readonly enabled: true;
    readonly serviceAccount: { readonly create: boolean; readonly name: string };
    readonly podDisruptionBudget: { readonly enabled: boolean; readonly minAvailable: number };
    /** alertmanager.yaml, rendered into the Alertmanager's config Secret. @see values.yaml `alertmanager.config` */
    readonly config: object;
    /** The Alertmanager CR spec (monitoring.coreos.com/v1). @see values.yaml `alertmanager.alertmanagerSpec` */
    readonly alertmanagerSpec: {
      readonly replicas: number;
      readonly retention: string;
      /** Annotations of the Alertmanager pods: the dead man's switch or the reason it is off. @see values.yaml `alertmanager.alertmanagerSpec.podMetadata` */
      readonly podMetadata: { readonly annotations: Readonly<Record<string, string>> };
      /** The receivers' Secrets as optional volumes (the add-on explains why not `secrets`). @see values.yaml `alertmanager.alertmanagerSpec.volumes` */
      readonly volumes: readonly { readonly name: string; readonly secret: { readonly secretName: string; readonly optional: true } }[];
      readonly volumeMounts: readonly { readonly name: string; readonly mountPath: string; readonly readOnly: true }[];
      readonly podAntiAffinity: 'hard' | 'soft' | '';
      readonly podAntiAffinityTopologyKey: string;
      readonly priorityClassName: string;
      readonly resources: ResourceValues;
      readonly storage: { readonly volumeClaimTemplate: { readonly spec: { readonly accessModes: readonly ['ReadWriteOnce']; readonly resources: { readonly requests: { readonly storage: string } } } } };
      readonly logFormat: 'logfmt' | 'json';
    };
  };
  /** Grafana runs from its own chart (Application `grafana`). @see values.yaml `grafana.enabled` */
  readonly grafana: { readonly enabled: false };
  /** Off: Alloy scrapes and remote-writes to Mimir (ADR 0030). @see values.yaml `prometheus.enabled` */
  readonly prometheus: { readonly enabled: false };
  /** EKS runs the control plane: etcd, controller manager and scheduler are not scrapeable; kube-proxy binds metrics to 127.0.0.1. */
  readonly kubeEtcd: { readonly enabled: false };
  readonly kubeControllerManager: { readonly enabled: false };
  readonly kubeScheduler: { readonly enabled: false };
  readonly kubeProxy: { readonly enabled: false };
  readonly windowsMonitoring: { readonly enabled: false };
  readonly prometheusOperator: {
    readonly enabled: true;
    readonly resources: ResourceValues;
  };
  readonly 'kube-state-metrics': {
    readonly priorityClassName: string;
    readonly resources: ResourceValues;
  };
  /** node-exporter runs in its own privileged namespace (hostNetwork, hostPID, host paths). */
  readonly 'prometheus-node-exporter': { readonly namespaceOverride: string; readonly priorityClassName: string; readonly resources: ResourceValues };
}
