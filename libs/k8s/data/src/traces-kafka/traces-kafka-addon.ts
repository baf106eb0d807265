import { type EnvironmentConfig, TRACES_KAFKA } from '@platform/config';
import { DEFAULT_STORAGE_CLASS, type PriorityClassName } from '@platform/k8s-baseline';
import { Addon, EGRESS_KUBE_API } from '@platform/k8s-core';
import { AMBIENT_NAMESPACE_LABELS, AuthorizationPolicy, MeshedNamespacePolicies, type MeshFlow, MeshFlowPolicies, PermissivePeerAuthentication } from '@platform/k8s-mesh';
import { TEMPO_DEFAULT_TOPIC, type TempoKafkaIngest } from '@platform/k8s-observability';
import type { Construct } from 'constructs';
import { metricsScrapeRule } from '../common/metrics-scrape';
import { TRACES_KAFKA_NAMESPACE } from '../common/namespaces';
import { KafkaCluster } from '../kafka-clusters/kafka-cluster';
import { ENTITY_OPERATOR_METRICS_PORTS, KAFKA_AGENT_PORT, KAFKA_CONTROL_PLANE_PORT, KAFKA_METRICS_PORT, KAFKA_PLAINTEXT_PORT, KAFKA_REPLICATION_PORT } from '../kafka-clusters/kafka-versions';
import { STRIMZI_NAMESPACE, STRIMZI_OPERATOR_POD_LABELS, type StrimziKafkaOperatorAddon } from '../strimzi-kafka-operator/strimzi-kafka-operator-addon';

/** Name of the traces Kafka cluster: bootstrap Service `traces-kafka-bootstrap`. */
export const TRACES_KAFKA_CLUSTER = 'traces';
const PRIORITY: PriorityClassName = 'platform-high';

/** A workload admitted to the plaintext listener, by its mesh identity. */
export interface TracesKafkaClient {
  readonly namespace: string;
  readonly serviceAccount: string;
  /** Who it is, for the policies' reasons (e.g. `Tempo distributors, block-builders and live-stores`). */
  readonly description: string;
}

export interface TracesKafkaAddonProps {
  readonly env: EnvironmentConfig;
  readonly operator: StrimziKafkaOperatorAddon;
  /** The only identities admitted to the listener (Tempo's ServiceAccount: every Tempo component runs as it). */
  readonly clients: readonly TracesKafkaClient[];
}

/**
 * The Kafka Tempo queues spans in, dedicated to it (ADR 0034), in namespace `traces-kafka` (manifests
 * `kubernetes/addons/traces-kafka/`). Tempo 3.0 speaks plaintext only, so no shared listener is weakened for it:
 * - a `KafkaCluster` with `clientAuthentication: 'mesh'` (plaintext listener 9092, no Kafka authentication,
 *   no authorization), one pool of `observability.tempo.kafka.nodes` combined broker+controller nodes spread over
 *   zones on encrypted gp3, the Kafka Exporter, and the `KafkaTopic` `tempo-traces` with
 *   `observability.tempo.partitions` partitions and a retention of hours (spans are in S3 once flushed);
 * - the namespace in the ambient mesh: every connection is ztunnel mutual TLS with SPIFFE identities, a
 *   default-deny AuthorizationPolicy, and per client a flow (`MeshFlowPolicies`: NetworkPolicy and an L4
 *   AuthorizationPolicy admitting exactly its ServiceAccount on 9092);
 * - PeerAuthentication PERMISSIVE and port-only ALLOW rules for what runs outside the mesh: the Strimzi operator
 *   on the control-plane, replication and agent ports (NetworkPolicy admits only its pods; Strimzi's cluster-CA
 *   mutual TLS authenticates every connection there) and the Alloy scrape on the metrics ports.
 * @throws Error naming `mesh.dataplaneMode` when the mesh does not run in ambient mode, or without clients
 */
export class TracesKafkaAddon extends Addon {
  public readonly cluster: KafkaCluster;
  /** Tempo's ingest seam: the plaintext bootstrap of this cluster and the topic. */
  public readonly ingest: TempoKafkaIngest;

  constructor(scope: Construct, id: string, props: TracesKafkaAddonProps) {
    const { env } = props;
    if (env.mesh.dataplaneMode !== 'ambient') {
      throw new Error(`${env.name}: traces-kafka needs the ambient mesh (ztunnel authenticates its clients) but mesh.dataplaneMode is "${env.mesh.dataplaneMode}"; set it to "ambient"`);
    }
    if (props.clients.length === 0) throw new Error(`${env.name}: traces-kafka: clients is empty; pass Tempo's ServiceAccount`);
    const ns = TRACES_KAFKA_NAMESPACE;
    const labels = { 'strimzi.io/cluster': TRACES_KAFKA_CLUSTER };
    const nodes = { name: `${TRACES_KAFKA_CLUSTER}-nodes`, labels: { ...labels, 'strimzi.io/kind': 'Kafka' } };
    super(scope, id, {
      env,
      declaration: TRACES_KAFKA,
      dependsOn: [props.operator],
      namespace: {
        name: ns,
        labels: AMBIENT_NAMESPACE_LABELS,
        ingress: [
          {
            description: `Strimzi operator to ${TRACES_KAFKA_CLUSTER} (KRaft control plane, replication listener, Kafka agent)`,
            peer: { namespace: STRIMZI_NAMESPACE, podLabels: STRIMZI_OPERATOR_POD_LABELS },
            ports: [{ port: KAFKA_CONTROL_PLANE_PORT }, { port: KAFKA_REPLICATION_PORT }, { port: KAFKA_AGENT_PORT }],
            pods: nodes,
          },
          { ...metricsScrapeRule(`${TRACES_KAFKA_CLUSTER} Kafka nodes and Kafka Exporter`, [KAFKA_METRICS_PORT]), pods: { name: `${TRACES_KAFKA_CLUSTER}-metrics`, labels } },
          { ...metricsScrapeRule(`the ${TRACES_KAFKA_CLUSTER} topic operator`, [ENTITY_OPERATOR_METRICS_PORTS.topic]), pods: { name: `${TRACES_KAFKA_CLUSTER}-entity-operator`, labels: { ...labels, 'app.kubernetes.io/name': 'entity-operator' } } },
        ],
        egress: [EGRESS_KUBE_API],
      },
    });
    const cfg = env.observability.tempo;
    const k = cfg.kafka;
    this.cluster = new KafkaCluster(this.manifestFile('kafka'), TRACES_KAFKA_CLUSTER, {
      name: TRACES_KAFKA_CLUSTER,
      namespace: ns,
      nodePools: 'combined',
      brokers: k.nodes,
      controllers: k.nodes,
      storageGiB: k.storageGiB,
      controllerStorageGiB: k.storageGiB,
      brokerResources: k.resources,
      controllerResources: k.resources,
      storageClass: DEFAULT_STORAGE_CLASS,
      // a span queue of hours: partitions are never moved, a lost node is replaced and catches up
      cruiseControl: false,
      priorityClassName: PRIORITY,
      topics: [{ name: TEMPO_DEFAULT_TOPIC, partitions: cfg.partitions, replicationFactor: k.replicationFactor, minInsyncReplicas: k.minInsyncReplicas, retentionHours: k.retentionHours }],
      users: [],
      clientAuthentication: 'mesh',
      runbookBaseUrl: env.observability.runbookBaseUrl,
    });
    this.ingest = { bootstrap: this.cluster.plaintextBootstrap, topic: TEMPO_DEFAULT_TOPIC };

    const mesh = this.manifestFile('mesh-policies');
    new MeshedNamespacePolicies(mesh, 'namespace', { namespace: ns, hbonePeers: [ns, ...props.clients.map((c) => c.namespace)], dataplaneMode: 'ambient' });
    new PermissivePeerAuthentication(mesh, 'peer-authentication', {
      namespace: ns,
      reason: 'the Strimzi operator and the Alloy scrape run outside the mesh; the listener port admits only mTLS identities (AuthorizationPolicy principals)',
    });
    props.clients.forEach((client, i) => {
      const flow: MeshFlow = {
        description: `${client.description} produce and consume spans on the plaintext listener`,
        from: { namespace: client.namespace, serviceAccount: client.serviceAccount },
        to: { namespace: ns, podLabels: this.cluster.brokerPodLabels, ports: [KAFKA_PLAINTEXT_PORT] },
      };
      // the client's add-on declares its own egress to the bootstrap
      new MeshFlowPolicies(mesh, `client-${i}`, { flow, dataplaneMode: 'ambient', waypoint: false, sourceEgress: false });
    });
    new AuthorizationPolicy(mesh, 'strimzi-internal', {
      name: 'allow-strimzi-internal',
      namespace: ns,
      reason:
        'KRaft quorum, replication and agent ports: the Strimzi operator (outside the mesh, no identity; NetworkPolicy admits only its pods) and the nodes, topic operator and Kafka Exporter; every connection there is mutual TLS with the cluster CA',
      spec: { selector: { matchLabels: { ...nodes.labels } }, action: 'ALLOW', rules: [{ to: [{ operation: { ports: [KAFKA_CONTROL_PLANE_PORT, KAFKA_REPLICATION_PORT, KAFKA_AGENT_PORT].map(String) } }] }] },
    });
    new AuthorizationPolicy(mesh, 'metrics-scrape', {
      name: 'allow-metrics-scrape',
      namespace: ns,
      reason: 'metrics scrape by Alloy (outside the mesh; NetworkPolicy admits only the alloy namespace): JMX exporter and Kafka Exporter, topic operator',
      spec: { action: 'ALLOW', rules: [{ to: [{ operation: { ports: [KAFKA_METRICS_PORT, ENTITY_OPERATOR_METRICS_PORTS.topic].map(String) } }] }] },
    });
  }
}
