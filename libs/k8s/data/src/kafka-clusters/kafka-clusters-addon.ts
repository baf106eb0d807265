import { type EnvironmentConfig, KAFKA_CLUSTERS } from '@platform/config';
import { DEFAULT_STORAGE_CLASS, type PriorityClassName } from '@platform/k8s-baseline';
import { Addon, EGRESS_KUBE_API, type NetworkRule } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import type { KafkaConnection } from '../common/connections';
import { metricsScrapeRule } from '../common/metrics-scrape';
import { KAFKA_NAMESPACE } from '../common/namespaces';
import { STRIMZI_NAMESPACE, STRIMZI_OPERATOR_POD_LABELS, type StrimziKafkaOperatorAddon } from '../strimzi-kafka-operator/strimzi-kafka-operator-addon';
import { KafkaCluster } from './kafka-cluster';
import { ENTITY_OPERATOR_METRICS_PORTS, KAFKA_AGENT_PORT, KAFKA_CONTROL_PLANE_PORT, KAFKA_METRICS_PORT, KAFKA_REPLICATION_PORT, KAFKA_TLS_PORT } from './kafka-versions';

const PRIORITY: PriorityClassName = 'platform-high';

export interface KafkaClustersAddonProps {
  readonly env: EnvironmentConfig;
  readonly operator: StrimziKafkaOperatorAddon;
}

/**
 * The Kafka clusters of `data.kafka` in namespace `kafka` (manifests
 * `kubernetes/addons/kafka-clusters/<cluster>.yaml`), each a `KafkaCluster` with its topics and
 * users. NetworkPolicies admit the users' namespaces to the TLS listener of the brokers only, the
 * Strimzi operator to the control plane, replication and agent ports, and the metrics scrape (nodes,
 * Kafka Exporter, entity operator); the
 * pods reach the API server (entity operator, rack-awareness init container).
 */
export class KafkaClustersAddon extends Addon {
  public readonly clusters: readonly KafkaCluster[];

  constructor(scope: Construct, id: string, props: KafkaClustersAddonProps) {
    const { env } = props;
    const ingress: NetworkRule[] = [];
    super(scope, id, { env, declaration: KAFKA_CLUSTERS, dependsOn: [props.operator], namespace: { name: KAFKA_NAMESPACE, ingress, egress: [EGRESS_KUBE_API] } });
    this.clusters = env.data.kafka.map(
      (k) =>
        new KafkaCluster(this.manifestFile(k.name), k.name, {
          name: k.name,
          namespace: KAFKA_NAMESPACE,
          nodePools: k.nodePools,
          brokers: k.brokers,
          controllers: k.controllers,
          storageGiB: k.storageGiB,
          controllerStorageGiB: k.controllerStorageGiB,
          brokerResources: k.brokerResources,
          controllerResources: k.controllerResources,
          storageClass: DEFAULT_STORAGE_CLASS,
          cruiseControl: k.cruiseControl,
          priorityClassName: PRIORITY,
          topics: k.topics,
          users: k.users,
          runbookBaseUrl: env.observability.runbookBaseUrl,
        }),
    );
    // the namespace declaration is read when the baseline secures namespaces (after composition)
    for (const cluster of this.clusters) {
      const nodes = { name: `${cluster.clusterName}-nodes`, labels: cluster.nodePodLabels };
      ingress.push({
        description: `Strimzi operator to ${cluster.clusterName} (KRaft control plane, replication listener, Kafka agent)`,
        peer: { namespace: STRIMZI_NAMESPACE, podLabels: STRIMZI_OPERATOR_POD_LABELS },
        ports: [{ port: KAFKA_CONTROL_PLANE_PORT }, { port: KAFKA_REPLICATION_PORT }, { port: KAFKA_AGENT_PORT }],
        pods: nodes,
      });
      ingress.push({ ...metricsScrapeRule(`${cluster.clusterName} Kafka nodes`, [KAFKA_METRICS_PORT]), pods: nodes });
      ingress.push({ ...metricsScrapeRule(`the ${cluster.clusterName} Kafka Exporter (consumer-group lag)`, [KAFKA_METRICS_PORT]), pods: { name: `${cluster.clusterName}-kafka-exporter`, labels: cluster.kafkaExporterPodLabels } });
      ingress.push({
        ...metricsScrapeRule(`the ${cluster.clusterName} entity operator`, [ENTITY_OPERATOR_METRICS_PORTS.topic, ENTITY_OPERATOR_METRICS_PORTS.user]),
        pods: { name: `${cluster.clusterName}-entity-operator`, labels: cluster.entityOperatorPodLabels },
      });
      for (const consumer of cluster.consumers) {
        ingress.push({ description: `consumer ${consumer} to the ${cluster.clusterName} TLS listener`, peer: { namespace: consumer }, ports: [{ port: KAFKA_TLS_PORT }], pods: { name: `${cluster.clusterName}-brokers`, labels: cluster.brokerPodLabels } });
      }
    }
  }

  /** The cluster `name`. @throws Error naming the cluster and the declared ones when `data.kafka` has no such cluster */
  public cluster(name: string): KafkaCluster {
    const found = this.clusters.find((c) => c.clusterName === name);
    if (!found) throw new Error(`${this.env.name}: no Kafka cluster "${name}" in data.kafka (declared: ${this.clusters.map((c) => c.clusterName).join(', ') || 'none'})`);
    return found;
  }

  /** The connection of `user` to `topic` of cluster `cluster`. @throws Error naming the missing cluster, topic or user */
  public connection(cluster: string, topic: string, user: string): KafkaConnection {
    try {
      return this.cluster(cluster).connection(topic, user);
    } catch (e) {
      const message = (e as Error).message;
      throw new Error(message.startsWith(`${this.env.name}:`) ? message : `${this.env.name}: ${message}`, { cause: e });
    }
  }
}
