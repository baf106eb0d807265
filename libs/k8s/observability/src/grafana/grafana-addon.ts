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
 * datasources and dashboards provisioned from code (not editable), one replica on an encrypted gp3 volume.
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
          replicas: 1,
          image: dockerHubImage(dockerHub, 'grafana/grafana'),
          priorityClassName: OBSERVABILITY_PRIORITY_CLASS,
          resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
          rbac: { create: false },
          serviceAccount: { create: true, automountServiceAccountToken: false },
          testFramework: { enabled: false },
          initChownData: { enabled: false },
          persistence: { enabled: true, type: 'pvc', size: `${cfg.storageGiB}Gi`, accessModes: ['ReadWriteOnce'] },
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
            annotations: internetFacingAlbAnnotations({ sourceCidrs: cfg.sourceCidrs, backendProtocol: 'HTTP', healthcheckPath: '/api/health' }),
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
