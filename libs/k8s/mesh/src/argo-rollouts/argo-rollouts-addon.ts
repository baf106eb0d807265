import { ARGO_ROLLOUTS, type EnvironmentConfig } from '@platform/config';
import type { PriorityClassName } from '@platform/k8s-baseline';
import { Addon, EGRESS_KUBE_API, type ServiceEndpoint } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import type { ArgoRolloutsValues } from './argo-rollouts-values';
import { CanaryAnalysisTemplate } from './canary-analysis-template';

/** Namespace of the Argo Rollouts controller. */
export const ARGO_ROLLOUTS_NAMESPACE = 'argo-rollouts';

/** PriorityClass of the controller: a stuck canary is an outage in slow motion, but tenants still run without it. */
export const ARGO_ROLLOUTS_PRIORITY_CLASS: PriorityClassName = 'platform-high';

/** Release of the Gateway API traffic router plugin (Renovate bumps it, see renovate.json). */
export const GATEWAY_API_PLUGIN_VERSION = 'v0.15.0';

/**
 * The Argo Rollouts Gateway API traffic router plugin, pinned by release: its signed container image
 * (ghcr.io, cosign) carries the binary, which an init container copies next to the controller, so
 * nothing is downloaded at run time and no unverifiable URL is trusted (ADR 0022).
 * @see https://rollouts-plugin-trafficrouter-gatewayapi.readthedocs.io/en/latest/installation/#installing-the-plugin-via-init-containers
 */
export const GATEWAY_API_PLUGIN = {
  name: 'argoproj-labs/gatewayAPI',
  version: GATEWAY_API_PLUGIN_VERSION,
  image: `ghcr.io/argoproj-labs/rollouts-plugin-trafficrouter-gatewayapi:${GATEWAY_API_PLUGIN_VERSION}`,
  /** Path of the binary in the image (upstream Dockerfile). */
  binary: '/bin/rollouts-plugin-trafficrouter-gatewayapi',
} as const;

/** Controller sizing (the chart sets no resources). */
export const ARGO_ROLLOUTS_RESOURCES = { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } } as const;

const PLUGIN_DIR = '/plugins';
const RESTRICTED_CONTAINER = {
  runAsNonRoot: true,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
} as const;

export interface ArgoRolloutsAddonProps {
  readonly env: EnvironmentConfig;
  /** The Gateway API CRDs (the plugin edits HTTPRoutes) and the baseline. */
  readonly dependsOn: readonly Addon[];
  /** Prometheus-API endpoint of the metrics backend; renders the canary ClusterAnalysisTemplate. @default none */
  readonly metricsQueryEndpoint?: ServiceEndpoint;
}

/**
 * Argo Rollouts 1.9 (chart 2.41.0): `mesh.rolloutsReplicas` controllers (leader election; PDB and zone
 * spreading from 2), dashboard off, RBAC only for the Gateway API provider, and the Gateway API traffic
 * router plugin from its pinned image. Canary Rollouts shift HTTPRoute backend weights (see `CanaryStrategy`).
 * With `metricsQueryEndpoint`, the cluster-wide `CanaryAnalysisTemplate` every canary runs.
 */
export class ArgoRolloutsAddon extends Addon<ArgoRolloutsValues> {
  /** The canary analysis, when a metrics backend is given. */
  public readonly analysisTemplate?: CanaryAnalysisTemplate;

  constructor(scope: Construct, id: string, props: ArgoRolloutsAddonProps) {
    const { env } = props;
    const replicas = env.mesh.rolloutsReplicas;
    const podLabels = { 'app.kubernetes.io/name': 'argo-rollouts', 'app.kubernetes.io/component': 'rollouts-controller' };
    super(scope, id, {
      env,
      declaration: ARGO_ROLLOUTS,
      dependsOn: props.dependsOn,
      namespace: {
        name: ARGO_ROLLOUTS_NAMESPACE,
        egress: [
          EGRESS_KUBE_API,
          ...(props.metricsQueryEndpoint ? [{ description: 'canary analysis queries the metrics backend', peer: { namespace: props.metricsQueryEndpoint.namespace }, ports: [{ port: props.metricsQueryEndpoint.port }] }] : []),
        ],
      },
      chart: {
        values: {
          controller: {
            replicas,
            priorityClassName: ARGO_ROLLOUTS_PRIORITY_CLASS,
            resources: ARGO_ROLLOUTS_RESOURCES,
            logging: { format: 'json', level: 'info' },
            pdb: replicas > 1 ? { enabled: true, minAvailable: 1 } : { enabled: false },
            topologySpreadConstraints: replicas > 1 ? [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: podLabels } }] : [],
            metrics: { enabled: true },
            initContainers: [
              {
                name: 'copy-gatewayapi-plugin',
                image: GATEWAY_API_PLUGIN.image,
                command: ['cp', GATEWAY_API_PLUGIN.binary, `${PLUGIN_DIR}/`],
                securityContext: RESTRICTED_CONTAINER,
                resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '64Mi' } },
                volumeMounts: [{ name: 'plugins', mountPath: PLUGIN_DIR }],
              },
            ],
            volumes: [{ name: 'plugins', emptyDir: { sizeLimit: '128Mi' } }],
            volumeMounts: [{ name: 'plugins', mountPath: PLUGIN_DIR, readOnly: true }],
            trafficRouterPlugins: [{ name: GATEWAY_API_PLUGIN.name, location: `file://${PLUGIN_DIR}/rollouts-plugin-trafficrouter-gatewayapi`, args: ['-logformat=json'] }],
          },
          providerRBAC: {
            enabled: true,
            providers: { istio: false, smi: false, ambassador: false, awsLoadBalancerController: false, awsAppMesh: false, traefik: false, apisix: false, contour: false, glooPlatform: false, gatewayAPI: true },
          },
          dashboard: { enabled: false },
        },
      },
    });
    if (props.metricsQueryEndpoint) this.analysisTemplate = new CanaryAnalysisTemplate(this.manifestFile('analysis'), 'canary-analysis', { metrics: props.metricsQueryEndpoint });
  }
}
