import { type EnvironmentConfig, REDIS_OPERATOR } from '@platform/config';
import type { PriorityClassName } from '@platform/k8s-baseline';
import { Addon, EGRESS_KUBE_API } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import { REDIS_NAMESPACE } from '../common/namespaces';
import { REDIS_PORT, REDIS_SENTINEL_PORT } from '../redis-caches/redis-images';
import type { RedisOperatorValues } from './redis-operator-values';

/** Namespace of the redis-operator. */
export const REDIS_OPERATOR_NAMESPACE = 'redis-operator';
/** Operator image tag: the chart's appVersion, pinned explicitly. @see charts/redis-operator/0.26.1/Chart.yaml */
export const REDIS_OPERATOR_VERSION = 'v0.26.0';
/** Pod labels of the operator (chart selector labels). */
export const REDIS_OPERATOR_POD_LABELS = { name: 'redis-operator' } as const;
const PRIORITY: PriorityClassName = 'platform-high';

export interface RedisOperatorAddonProps {
  readonly env: EnvironmentConfig;
  readonly dependsOn: readonly Addon[];
}

/**
 * The OT-CONTAINER-KIT redis-operator, watching only the `caches` namespace, without its admission
 * webhook (only needed for master/replica anti-affinity, which the caches get from topology spread).
 * Egress: the API server, and Redis and Sentinel of the caches (the operator checks roles and
 * configures replication over the Redis protocol). No cascade delete: deleting the CRDs deletes every cache.
 */
export class RedisOperatorAddon extends Addon<RedisOperatorValues> {
  constructor(scope: Construct, id: string, props: RedisOperatorAddonProps) {
    const { env } = props;
    super(scope, id, {
      env,
      declaration: REDIS_OPERATOR,
      dependsOn: props.dependsOn,
      cascadeDelete: false,
      namespace: {
        name: REDIS_OPERATOR_NAMESPACE,
        podSelector: REDIS_OPERATOR_POD_LABELS,
        egress: [EGRESS_KUBE_API, { description: 'operator to Redis and Sentinel of every cache', peer: { namespace: REDIS_NAMESPACE }, ports: [{ port: REDIS_PORT }, { port: REDIS_SENTINEL_PORT }] }],
      },
      chart: {
        serverSideApply: true,
        values: {
          redisOperator: {
            imageName: 'quay.io/opstree/redis-operator',
            imageTag: REDIS_OPERATOR_VERSION,
            imagePullPolicy: 'IfNotPresent',
            watchNamespace: REDIS_NAMESPACE,
            webhook: false,
            metrics: { enabled: true, bindAddress: ':8080' },
          },
          replicas: 1,
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
          priorityClassName: PRIORITY,
          podSecurityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
        },
      },
    });
  }
}
