import { type EnvironmentConfig, GRAFANA } from '@platform/config';
import { Addon, ALB_INGRESS_CLASS, internetFacingAlbAnnotations, type ServiceEndpoint } from '@platform/k8s-core';
import type { ExternalSecretsAddon, PlatformExternalSecret } from '@platform/k8s-security';
import type { Construct } from 'constructs';
import { OBSERVABILITY_NAMESPACES, OBSERVABILITY_PRIORITY_CLASS } from '../namespaces';
import { dockerHubCache, dockerHubImage } from '../pull-through-image';
import type { DashboardSpec } from './dashboard';
import { grafanaDashboardsConfigMap } from './grafana-dashboards';
import { grafanaDatasources } from './grafana-datasources';
import type { GrafanaValues } from './grafana-values';

/** Grafana HTTP port. */
export const GRAFANA_PORT = 3000;

/** Secret (grafana namespace) with the admin user and password, keys `admin-user`/`admin-password`; delivered by the secrets layer. */
export const GRAFANA_ADMIN_SECRET = 'grafana-admin';
/** Keys of {@link GRAFANA_ADMIN_SECRET} (chart `admin.userKey`/`admin.passwordKey` defaults). @see values.yaml `admin` */
export const GRAFANA_ADMIN_SECRET_KEYS = { user: 'admin-user', password: 'admin-password' } as const;

/** ConfigMap of the platform dashboards and the file provider that reads it. */
export const GRAFANA_DASHBOARDS = { configMap: 'grafana-dashboards-platform', provider: 'platform', folder: 'Platform' } as const;

/** Selector labels of the chart's pods (release `grafana`). */
export const GRAFANA_POD_LABELS = { 'app.kubernetes.io/name': 'grafana', 'app.kubernetes.io/instance': 'grafana' } as const;

/**
 * ALB target group stickiness of replicated Grafana: each replica keeps its sessions in its own database, so a user
 * stays on one pod (and logs in again through SSO, without a prompt, when that pod goes away).
 * @see https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#target-group-attributes
 */
export const GRAFANA_STICKY_SESSIONS = 'stickiness.enabled=true,stickiness.type=lb_cookie,stickiness.lb_cookie.duration_seconds=86400';

/** Where the chart mounts `dashboardsConfigMaps.<provider>`. */
const DASHBOARDS_PATH = `/var/lib/grafana/dashboards/${GRAFANA_DASHBOARDS.provider}`;

export interface GrafanaAddonProps {
  readonly env: EnvironmentConfig;
  readonly dependsOn: readonly Addon[];
  /** Prometheus API of Mimir. */
  readonly mimir: ServiceEndpoint;
  /** Loki query API. */
  readonly loki: ServiceEndpoint;
  /** Tempo query API; omit while Tempo is off (no Tempo datasource, no trace links). */
  readonly tempo?: ServiceEndpoint;
  readonly alertmanager: ServiceEndpoint;
  /** Dashboards provisioned from code. */
  readonly dashboards: readonly DashboardSpec[];
  /**
   * External Secrets (ClusterSecretStore `openbao`): delivers the OIDC client secret (`observability.grafana.sso.clientSecret`)
   * and {@link GRAFANA_ADMIN_SECRET} from `kv/<env>/grafana/<name>`, and Grafana syncs after it (its pod cannot start
   * without them). Omit when the environment runs without External Secrets: both Secrets must then be created by hand.
   * @default none
   */
  readonly externalSecrets?: ExternalSecretsAddon;
}

/**
 * Grafana at `grafana.<dns.domain>` behind an internet-facing ALB open to `observability.grafana.sourceCidrs`
 * (HTTPS 443, the ACM certificate the controller discovers), OIDC login through generic OAuth with the same
 * provider as ArgoCD (members of `sso.adminGroup` are Admins, everyone else Viewers, no login form, no sign-up),
 * datasources and dashboards provisioned from code (not editable). `observability.grafana.replicas` 1: its database on
 * an encrypted gp3 volume; 2+: no volume (per-pod database of sessions and preferences), ALB sticky sessions, a
 * PodDisruptionBudget (one pod down at a time) and one pod per zone.
 * @throws Error when replicas is 1 and `storageGiB` is missing (the schema refuses it first)
 * The OIDC client secret (`sso.clientSecret`) and the admin Secret (`GRAFANA_ADMIN_SECRET`) are delivered by
 * `externalSecrets` from OpenBao (ExternalSecrets rendered in that add-on's manifests), never rendered as values.
 */
export class GrafanaAddon extends Addon<GrafanaValues> {
  /** The Grafana UI/API inside the cluster. */
  public readonly endpoint: ServiceEndpoint;
  /** Public URL. */
  public readonly url: string;
  /** The ExternalSecrets delivering the OIDC client and admin Secrets (empty without `externalSecrets`). */
  public readonly secrets: readonly PlatformExternalSecret[];

  constructor(scope: Construct, id: string, props: GrafanaAddonProps) {
    const { env } = props;
    const dockerHub = dockerHubCache(env);
    const cfg = env.observability.grafana;
    const ns = OBSERVABILITY_NAMESPACES;
    const host = `grafana.${env.dns.domain}`;
    const url = `https://${host}`;
    const ha = cfg.replicas > 1;
    if (!ha && cfg.storageGiB === undefined) throw new Error(`${env.name}: observability.grafana.storageGiB is required with replicas 1`);
    const albAnnotations = internetFacingAlbAnnotations({ sourceCidrs: cfg.sourceCidrs, backendProtocol: 'HTTP', healthcheckPath: '/api/health' });
    const peers = [props.mimir, props.loki, props.alertmanager, ...(props.tempo ? [props.tempo] : [])];
    super(scope, id, {
      env,
      declaration: GRAFANA,
      dependsOn: [...props.dependsOn, ...(props.externalSecrets ? [props.externalSecrets] : [])],
      namespace: {
        name: ns.grafana,
        ingress: [{ description: 'ALB (ip targets) forwards HTTPS-terminated requests', peer: 'vpc', ports: [{ port: GRAFANA_PORT }] }],
        egress: [
          ...peers.map((p) => ({ description: `queries ${p.service}.${p.namespace}`, peer: { namespace: p.namespace }, ports: [{ port: p.port }] })),
          { description: 'OIDC provider (token and userinfo endpoints, HTTPS)', peer: 'anywhere' as const, ports: [{ port: 443 }] },
        ],
      },
      chart: {
        values: {
          fullnameOverride: 'grafana',
          replicas: cfg.replicas,
          image: dockerHubImage(dockerHub, 'grafana/grafana'),
          priorityClassName: OBSERVABILITY_PRIORITY_CLASS,
          resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
          rbac: { create: false },
          serviceAccount: { create: true, automountServiceAccountToken: false },
          testFramework: { enabled: false },
          initChownData: { enabled: false },
          // one replica: its database on a volume; more: per pod (a gp3 volume is zonal and attaches to one pod)
          persistence: ha ? { enabled: false } : { enabled: true, type: 'pvc', size: `${cfg.storageGiB}Gi`, accessModes: ['ReadWriteOnce'] },
          ...(ha
            ? {
                podDisruptionBudget: { maxUnavailable: 1 },
                topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: GRAFANA_POD_LABELS } }],
              }
            : {}),
          admin: { existingSecret: GRAFANA_ADMIN_SECRET, userKey: GRAFANA_ADMIN_SECRET_KEYS.user, passwordKey: GRAFANA_ADMIN_SECRET_KEYS.password },
          envValueFrom: { GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET: { secretKeyRef: { name: cfg.sso.clientSecret.name, key: cfg.sso.clientSecret.key } } },
          'grafana.ini': {
            server: { root_url: url, domain: host },
            analytics: { check_for_updates: false, reporting_enabled: false },
            users: { allow_sign_up: false },
            auth: { disable_login_form: true, oauth_auto_login: true },
            'auth.anonymous': { enabled: false },
            'auth.generic_oauth': {
              enabled: true,
              name: 'SSO',
              client_id: cfg.sso.clientId,
              scopes: cfg.sso.scopes.join(' '),
              auth_url: cfg.sso.authUrl,
              token_url: cfg.sso.tokenUrl,
              api_url: cfg.sso.apiUrl,
              use_pkce: true,
              allow_sign_up: true,
              role_attribute_path: `contains(groups[*], '${cfg.sso.adminGroup}') && 'Admin' || 'Viewer'`,
              role_attribute_strict: false,
            },
            security: { cookie_secure: true, disable_gravatar: true },
          },
          datasources: { 'datasources.yaml': grafanaDatasources(props) },
          dashboardProviders: {
            'dashboardproviders.yaml': {
              apiVersion: 1,
              providers: [{ name: GRAFANA_DASHBOARDS.provider, folder: GRAFANA_DASHBOARDS.folder, type: 'file', disableDeletion: true, allowUiUpdates: false, options: { path: DASHBOARDS_PATH } }],
            },
          },
          dashboardsConfigMaps: { [GRAFANA_DASHBOARDS.provider]: GRAFANA_DASHBOARDS.configMap },
          sidecar: { dashboards: { enabled: false }, datasources: { enabled: false } },
          ingress: {
            enabled: true,
            ingressClassName: ALB_INGRESS_CLASS,
            annotations: ha ? { ...albAnnotations, 'alb.ingress.kubernetes.io/target-group-attributes': GRAFANA_STICKY_SESSIONS } : albAnnotations,
            hosts: [host],
            path: '/',
            pathType: 'Prefix',
          },
        },
      },
    });
    grafanaDashboardsConfigMap(this.manifestFile('dashboards'), 'dashboards', { name: GRAFANA_DASHBOARDS.configMap, namespace: ns.grafana, dashboards: props.dashboards });
    this.endpoint = { namespace: ns.grafana, service: 'grafana', port: 80 };
    this.url = url;
    const es = props.externalSecrets;
    this.secrets = es
      ? [
          es.deliver({ namespace: ns.grafana, name: cfg.sso.clientSecret.name, keys: [{ secretKey: cfg.sso.clientSecret.key }] }),
          es.deliver({ namespace: ns.grafana, name: GRAFANA_ADMIN_SECRET, keys: [{ secretKey: GRAFANA_ADMIN_SECRET_KEYS.user }, { secretKey: GRAFANA_ADMIN_SECRET_KEYS.password }] }),
        ]
      : [];
  }
}
