import type { ResourceValues } from '../kube-prometheus-stack/kube-prometheus-stack-values';
import type { TopologySpreadConstraint } from '../loki/loki-values';
import type { RegistryImage } from '../pull-through-image';

/**
 * Typed subset of the grafana chart 12.11.1 values the platform sets (keys as in values.yaml).
 * @see ../shared/upstream/charts/grafana/12.11.1/values.yaml
 */
export interface GrafanaValues {
  readonly fullnameOverride: string;
  readonly replicas: number;
  readonly image: RegistryImage;
  readonly priorityClassName: string;
  readonly resources: ResourceValues;
  readonly rbac: { readonly create: false };
  readonly serviceAccount: { readonly create: true; readonly automountServiceAccountToken: false };
  readonly testFramework: { readonly enabled: false };
  /** fsGroup handles the volume's ownership; no root init container. */
  readonly initChownData: { readonly enabled: false };
  readonly persistence: { readonly enabled: true; readonly type: 'pvc'; readonly size: string; readonly accessModes: readonly ['ReadWriteOnce'] } | { readonly enabled: false };
  readonly podDisruptionBudget?: { readonly maxUnavailable: number };
  readonly topologySpreadConstraints?: readonly TopologySpreadConstraint[];
  /** Admin credentials from an existing Secret (delivered by the secrets layer), never generated into the manifests. */
  readonly admin: { readonly existingSecret: string; readonly userKey: string; readonly passwordKey: string };
  /** Environment variables from Secrets (the OIDC client secret). */
  readonly envValueFrom: Readonly<Record<string, { readonly secretKeyRef: { readonly name: string; readonly key: string } }>>;
  readonly 'grafana.ini': Readonly<Record<string, Readonly<Record<string, string | number | boolean>>>>;
  readonly datasources: { readonly 'datasources.yaml': Record<string, unknown> };
  readonly dashboardProviders: { readonly 'dashboardproviders.yaml': Record<string, unknown> };
  /** Provider name -> ConfigMap mounted into the provider's folder. */
  readonly dashboardsConfigMaps: Readonly<Record<string, string>>;
  readonly sidecar: { readonly dashboards: { readonly enabled: false }; readonly datasources: { readonly enabled: false } };
  readonly ingress: {
    readonly enabled: true;
    readonly ingressClassName: string;
    readonly annotations: Readonly<Record<string, string>>;
    readonly hosts: readonly string[];
    readonly path: '/';
    readonly pathType: 'Prefix';
  };
}
