import { KafkaTopic as KafkaTopicCr } from '@platform/k8s-imports/kafka.strimzi.io';
import { Construct } from 'constructs';

export interface KafkaTopicProps {
  /** Kafka cluster (label `strimzi.io/cluster`). */
  readonly cluster: string;
  readonly namespace: string;
  /** Topic name (also the resource name). */
  readonly name: string;
  readonly partitions: number;
  /** Copies of each partition; at most the cluster's brokers. */
  readonly replicationFactor: number;
  /** `min.insync.replicas`; at most `replicationFactor`. */
  readonly minInsyncReplicas: number;
  /** `retention.ms`, hours. */
  readonly retentionHours: number;
  /** Brokers of the cluster (bound of the replication factor). */
  readonly brokers: number;
}

/**
 * A `KafkaTopic` managed by the cluster's topic operator.
 * @throws Error naming the topic when the replication factor exceeds the brokers or `min.insync.replicas` exceeds it
 * @see https://strimzi.io/docs/operators/latest/deploying#ref-operator-topic-str
 */
export class KafkaTopic extends Construct {
  public readonly topicName: string;
  public readonly replicationFactor: number;

  constructor(scope: Construct, id: string, props: KafkaTopicProps) {
    super(scope, id);
    const fail = (message: string): never => {
      throw new Error(`KafkaTopic ${props.cluster}/${props.name}: ${message}`);
    };
    if (props.replicationFactor > props.brokers) fail(`replicationFactor ${props.replicationFactor} exceeds the ${props.brokers} brokers`);
    if (props.minInsyncReplicas > props.replicationFactor) fail(`minInsyncReplicas ${props.minInsyncReplicas} exceeds replicationFactor ${props.replicationFactor}`);
    this.topicName = props.name;
    this.replicationFactor = props.replicationFactor;
    new KafkaTopicCr(this, 'topic', {
      metadata: { name: props.name, namespace: props.namespace, labels: { 'strimzi.io/cluster': props.cluster } },
      spec: {
        topicName: props.name,
        partitions: props.partitions,
        replicas: props.replicationFactor,
        config: { 'min.insync.replicas': props.minInsyncReplicas, 'retention.ms': props.retentionHours * 3_600_000 },
      },
    });
  }
}
