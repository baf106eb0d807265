import { type EnvironmentConfig, isAddonEnabled, STRIMZI_KAFKA_OPERATOR } from '@platform/config';
import type { PriorityClassName } from '@platform/k8s-baseline';
import { Addon, EGRESS_KUBE_API } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import { KAFKA_AGENT_PORT, KAFKA_CONTROL_PLANE_PORT, KAFKA_REPLICATION_PORT } from '../kafka-clusters/kafka-versions';
import { KAFKA_NAMESPACE, TRACES_KAFKA_NAMESPACE } from '../common/namespaces';
import type { StrimziKafkaOperatorValues } from './strimzi-kafka-operator-values';

/** Namespace of the Strimzi cluster operator (it watches `kafka`, and `traces-kafka` when that add-on runs). */
export const STRIMZI_NAMESPACE = 'strimzi';
/** Strimzi release: chart version, operator image tag and the topic/user operator images. */
export const STRIMZI_VERSION = '1.2.0';
/** Pod labels of the cluster operator (chart selector labels). */
export const STRIMZI_OPERATOR_POD_LABELS = { name: 'strimzi-cluster-operator', 'strimzi.io/kind': 'cluster-operator' } as const;
const PRIORITY: PriorityClassName = 'platform-high';

export interface StrimziKafkaOperatorAddonProps {
  readonly env: EnvironmentConfig;
  readonly dependsOn: readonly Addon[];
}

/**
 * The Strimzi cluster operator in `strimzi`, watching only `kafka` (KRaft clusters, node pools,
 * topics, users) and, when the `traces-kafka` add-on runs, `traces-kafka` (Tempo's queue), images from quay.io at the pinned release. Its own NetworkPolicy generation is off:
 * Strimzi's policies open the listeners to every namespace, the platform's admit only declared
 * consumers. Egress: the API server, and the Kafka nodes' control plane, replication and agent ports.
 * No cascade delete: deleting the CRDs deletes every Kafka cluster.
 */
export class StrimziKafkaOperatorAddon extends Addon<StrimziKafkaOperatorValues> {
  constructor(scope: Construct, id: string, props: StrimziKafkaOperatorAddonProps) {
    const { env } = props;
    const watched = [KAFKA_NAMESPACE, ...(isAddonEnabled(env, 'traces-kafka') ? [TRACES_KAFKA_NAMESPACE] : [])];
    super(scope, id, {
      env,
      declaration: STRIMZI_KAFKA_OPERATOR,
      dependsOn: props.dependsOn,
      cascadeDelete: false,
      namespace: {
        name: STRIMZI_NAMESPACE,
        podSelector: STRIMZI_OPERATOR_POD_LABELS,
        egress: [
          EGRESS_KUBE_API,
          ...watched.map((namespace) => ({
            description: `operator to the Kafka nodes in ${namespace} (KRaft control plane, replication listener for its admin client, Kafka agent) and Cruise Control`,
            peer: { namespace },
            ports: [{ port: KAFKA_CONTROL_PLANE_PORT }, { port: KAFKA_REPLICATION_PORT }, { port: KAFKA_AGENT_PORT }],
          })),
        ],
      },
      chart: {
        serverSideApply: true,
        values: {
          replicas: 1,
          watchNamespaces: watched,
          defaultImageRegistry: 'quay.io',
          defaultImageRepository: 'strimzi',
          defaultImageTag: STRIMZI_VERSION,
          generateNetworkPolicy: false,
          priorityClassName: PRIORITY,
          resources: { requests: { cpu: '200m', memory: '384Mi' }, limits: { memory: '384Mi' } },
        },
      },
    });
  }
}
