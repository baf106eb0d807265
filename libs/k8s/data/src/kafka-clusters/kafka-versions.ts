/**
 * Kafka release run by the pinned Strimzi 1.2.0 (its default), and the ports of a Strimzi KRaft node.
 * @see https://github.com/strimzi/strimzi-kafka-operator/blob/1.2.0/kafka-versions.yaml
 */
export const KAFKA_VERSION = '4.3.1';
/** KRaft metadata version of `KAFKA_VERSION`. */
export const KAFKA_METADATA_VERSION = '4.3-IV0';

/** The plaintext internal listener of a cluster whose clients the mesh authenticates (`clientAuthentication: 'mesh'`). */
export const KAFKA_PLAINTEXT_PORT = 9092;
/** The TLS internal listener clients use (mTLS authentication). */
export const KAFKA_TLS_PORT = 9093;
/** KRaft controller quorum listener (nodes and the operator). */
export const KAFKA_CONTROL_PLANE_PORT = 9090;
/** Internal replication listener (brokers, the operator's admin client, entity and Cruise Control). */
export const KAFKA_REPLICATION_PORT = 9091;
/** Kafka agent (broker readiness/recovery state polled by the operator). */
export const KAFKA_AGENT_PORT = 8443;
/** JMX Prometheus Exporter port, container port name `tcp-prometheus`. */
export const KAFKA_METRICS_PORT = 9404;
/** Health/metrics ports of the entity operator's topic (`healthcheck-to`) and user (`healthcheck-uo`) operators. */
export const ENTITY_OPERATOR_METRICS_PORTS = { topic: 8080, user: 8081 } as const;
