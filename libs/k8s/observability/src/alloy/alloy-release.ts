import { OBSERVABILITY_PRIORITY_CLASS } from '../namespaces';
import { type DockerHubCache, dockerHubImage } from '../pull-through-image';
import { type AlloyBlock, renderAlloy } from './alloy-syntax';
import type { AlloyValues, RbacRule } from './alloy-values';

/**
 * UID/GID of the `alloy` user in the grafana/alloy image; non-root collectors run as it.
 * @see https://grafana.com/docs/alloy/latest/configure/nonroot/
 */
export const ALLOY_NONROOT_UID = 473;

/** Alloy's HTTP server (UI, /metrics, clustering). @see values.yaml `alloy.listenPort` */
export const ALLOY_HTTP_PORT = 12345;

const RESTRICTED_CONTAINER = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  runAsNonRoot: true,
  runAsUser: ALLOY_NONROOT_UID,
  runAsGroup: ALLOY_NONROOT_UID,
  seccompProfile: { type: 'RuntimeDefault' },
};

export interface AlloyReleaseInput {
  /** The environment's Docker Hub pull-through cache (the grafana/alloy image). */
  readonly dockerHub: DockerHubCache;
  /** Release and object name prefix. */
  readonly name: string;
  readonly pipeline: readonly AlloyBlock[];
  readonly controller: 'deployment' | 'daemonset';
  readonly replicas: number;
  readonly clustering: boolean;
  readonly rbacRules: readonly RbacRule[];
  readonly clusterRules?: readonly RbacRule[];
  /** Read `/var/log` from the host (pod log files): root with read-only mount, privileged namespace. @default false */
  readonly hostLogs?: boolean;
  readonly extraPorts?: AlloyValues['alloy']['extraPorts'];
  readonly resources: AlloyValues['alloy']['resources'];
}

/**
 * The values one Alloy release shares with the others: image through the ECR pull-through cache,
 * the generated configuration, least-privilege RBAC instead of the chart's (which reads every Secret),
 * restricted container security unless it reads host logs, and zone spread with a PDB for 2+ replicas.
 */
export function alloyReleaseValues(input: AlloyReleaseInput): AlloyValues {
  const hostLogs = input.hostLogs ?? false;
  const ha = input.controller === 'deployment' && input.replicas > 1;
  return {
    fullnameOverride: input.name,
    crds: { create: false },
    image: dockerHubImage(input.dockerHub, 'grafana/alloy'),
    global: { podSecurityContext: hostLogs ? {} : { runAsNonRoot: true, runAsUser: ALLOY_NONROOT_UID, fsGroup: ALLOY_NONROOT_UID, seccompProfile: { type: 'RuntimeDefault' } } },
    alloy: {
      configMap: { create: true, content: renderAlloy(input.pipeline) },
      clustering: { enabled: input.clustering },
      stabilityLevel: 'generally-available',
      enableReporting: false,
      extraEnv: hostLogs ? [{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }] : [],
      extraPorts: input.extraPorts ?? [],
      mounts: { varlog: hostLogs, dockercontainers: false },
      // pod log files are root-owned 0640: the reader runs as their owner (root) with every capability dropped
      securityContext: hostLogs ? { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } } : RESTRICTED_CONTAINER,
      resources: input.resources,
    },
    configReloader: { resources: { requests: { cpu: '10m', memory: '50Mi' }, limits: { memory: '64Mi' } } },
    controller: {
      type: input.controller,
      replicas: input.replicas,
      priorityClassName: OBSERVABILITY_PRIORITY_CLASS,
      // a node-level collector runs on every node, tainted ones included
      tolerations: input.controller === 'daemonset' ? [{ operator: 'Exists' }] : [],
      topologySpreadConstraints: ha
        ? [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { 'app.kubernetes.io/instance': input.name } } }]
        : [],
      podDisruptionBudget: { enabled: ha, maxUnavailable: ha ? 1 : null },
    },
    rbac: { create: true, rules: input.rbacRules, clusterRules: input.clusterRules ?? [] },
    service: { enabled: true },
  };
}
