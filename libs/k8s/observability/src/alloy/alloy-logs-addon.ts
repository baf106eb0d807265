import { ALLOY_LOGS, clusterName, type EnvironmentConfig } from '@platform/config';
import { Addon, EGRESS_KUBE_API, type ServiceEndpoint } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import { OBSERVABILITY_NAMESPACES } from '../namespaces';
import { podLogsPipeline } from './alloy-pipelines';
import { dockerHubCache } from '../pull-through-image';
import { alloyReleaseValues } from './alloy-release';
import type { AlloyValues } from './alloy-values';

export interface AlloyLogsAddonProps {
  readonly env: EnvironmentConfig;
  readonly dependsOn: readonly Addon[];
  /** Loki push (`LokiAddon.pushEndpoint`). */
  readonly lokiPush: ServiceEndpoint;
}

/**
 * The Alloy DaemonSet (every node, tainted ones included): container log files of the node's pods to
 * Loki. Reads `/var/log` from the host, so it runs in its own namespace with a privileged
 * Pod Security exception; nothing else runs there.
 */
export class AlloyLogsAddon extends Addon<AlloyValues> {
  constructor(scope: Construct, id: string, props: AlloyLogsAddonProps) {
    const { env } = props;
    const ns = OBSERVABILITY_NAMESPACES;
    super(scope, id, {
      env,
      declaration: ALLOY_LOGS,
      dependsOn: props.dependsOn,
      namespace: {
        name: ns.alloyLogs,
        podSecurity: { level: 'privileged', reason: 'reads container log files from the host (hostPath /var/log, read-only) as their owner root' },
        egress: [EGRESS_KUBE_API, { description: 'push logs to Loki', peer: { namespace: props.lokiPush.namespace }, ports: [{ port: props.lokiPush.port }] }],
      },
      chart: {
        values: alloyReleaseValues({
          dockerHub: dockerHubCache(env),
          name: ALLOY_LOGS.name,
          pipeline: podLogsPipeline({ cluster: clusterName(env), lokiPush: props.lokiPush }),
          controller: 'daemonset',
          replicas: 1,
          clustering: false,
          hostLogs: true,
          rbacRules: [],
          clusterRules: [{ apiGroups: [''], resources: ['pods', 'namespaces'], verbs: ['get', 'list', 'watch'] }],
          resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '512Mi' } },
        }),
      },
    });
  }
}
