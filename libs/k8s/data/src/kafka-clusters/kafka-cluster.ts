import {
  Kafka,
  KafkaNodePool,
  KafkaNodePoolSpecResourcesLimits,
  KafkaNodePoolSpecResourcesRequests,
  KafkaNodePoolSpecRoles,
  KafkaNodePoolSpecStorageType,
  KafkaNodePoolSpecStorageVolumesKraftMetadata,
  KafkaNodePoolSpecStorageVolumesType,
  KafkaSpecCruiseControlResourcesLimits,
  KafkaSpecCruiseControlResourcesRequests,
  KafkaSpecEntityOperatorTopicOperatorResourcesLimits,
  KafkaSpecEntityOperatorTopicOperatorResourcesRequests,
  KafkaSpecEntityOperatorUserOperatorResourcesLimits,
  KafkaSpecEntityOperatorUserOperatorResourcesRequests,
  type KafkaSpecKafka,
  KafkaSpecKafkaExporterResourcesLimits,
  KafkaSpecKafkaExporterResourcesRequests,
  KafkaSpecKafkaAuthorizationType,
  KafkaSpecKafkaListenersAuthenticationType,
  KafkaSpecKafkaListenersType,
  KafkaSpecKafkaMetricsConfigType,
  KafkaSpecKafkaRackType,
} from '@platform/k8s-imports/kafka.strimzi.io';
import type { ServiceEndpoint } from '@platform/k8s-core';
import { PodMonitor } from '@platform/k8s-imports/monitoring.coreos.com';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import type { KafkaConnection } from '../common/connections';
import { DataAlerts } from '../common/data-alerts';
import { type DataResources, typedResources, ZONE_TOPOLOGY_KEY } from '../common/data-resources';
import { KAFKA_JMX_EXPORTER_CONFIG } from './kafka-metrics-config';
import { KafkaTopic, type KafkaTopicProps } from './kafka-topic';
import { KafkaUser, type KafkaUserTopicGrant } from './kafka-user';
import { KAFKA_METADATA_VERSION, KAFKA_PLAINTEXT_PORT, KAFKA_TLS_PORT, KAFKA_VERSION } from './kafka-versions';

/** Key of the JMX exporter rules in the metrics ConfigMap (Strimzi's example name). */
const METRICS_CONFIG_KEY = 'kafka-metrics-config.yml';
/** Requests of each entity operator container and of Cruise Control (fixed; they hold no data). */
const ENTITY_OPERATOR_RESOURCES: DataResources = { cpu: 0.1, memoryMiB: 384 };
const CRUISE_CONTROL_RESOURCES: DataResources = { cpu: 0.25, memoryMiB: 1024 };
/**
 * Requests of Strimzi's Kafka Exporter (consumer-group lag and topic offsets; one Deployment per cluster). Fixed:
 * it holds no data and polls offsets only. Memory per the exporter's footprint of a few hundred partitions.
 */
const KAFKA_EXPORTER_RESOURCES: DataResources = { cpu: 0.05, memoryMiB: 128 };

/**
 * How clients authenticate to a cluster.
 * - `mutual-tls`: TLS listener (`KAFKA_TLS_PORT`) with client certificates, `simple` authorization, ACLs per
 *   `KafkaUser` (every data-layer cluster).
 * - `mesh`: plaintext listener (`KAFKA_PLAINTEXT_PORT`) without Kafka authentication or authorization, for a
 *   cluster dedicated to clients that cannot speak TLS (Tempo 3.0, ADR 0034). Authentication and least privilege
 *   come from the ambient mesh: ztunnel mTLS with SPIFFE identities and an L4 AuthorizationPolicy admitting
 *   only the clients' ServiceAccounts on the port. Such a cluster has no users.
 */
export type KafkaClientAuthentication = 'mutual-tls' | 'mesh';

export interface KafkaTopicDeclaration {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly minInsyncReplicas: number;
  readonly retentionHours: number;
}

export interface KafkaUserDeclaration {
  readonly name: string;
  readonly consumer: string;
  readonly topics: readonly KafkaUserTopicGrant[];
}

export interface KafkaClusterProps {
  /** Cluster name (DNS-1123 label): bootstrap Service `<name>-kafka-bootstrap`, CA Secret `<name>-cluster-ca-cert`. */
  readonly name: string;
  readonly namespace: string;
  /** `combined`: one pool of broker+controller nodes (dev); `dedicated`: separate broker and controller pools. */
  readonly nodePools: 'combined' | 'dedicated';
  readonly brokers: number;
  /** Controllers of the dedicated pool (odd); equals `brokers` when combined. */
  readonly controllers: number;
  /** Log volume per broker, GiB. */
  readonly storageGiB: number;
  /** Metadata volume per dedicated controller, GiB. */
  readonly controllerStorageGiB: number;
  readonly brokerResources: DataResources;
  readonly controllerResources: DataResources;
  /** The platform's encrypted gp3 StorageClass. */
  readonly storageClass: string;
  /** Run Cruise Control (partition rebalancing, needs 2+ brokers). */
  readonly cruiseControl: boolean;
  readonly priorityClassName: string;
  readonly topics: readonly KafkaTopicDeclaration[];
  /** KafkaUsers with ACLs (`mutual-tls` only; a `mesh` cluster has none). */
  readonly users: readonly KafkaUserDeclaration[];
  /** How clients authenticate (see `KafkaClientAuthentication`). @default 'mutual-tls' */
  readonly clientAuthentication?: KafkaClientAuthentication;
  /** Prefix of the alerts' `runbook_url` (`observability.runbookBaseUrl`), an https URL of `docs/runbooks` without a trailing slash. */
  readonly runbookBaseUrl: string;
}

/**
 * A Strimzi Kafka cluster in KRaft mode with everything its consumers need:
 * - `KafkaNodePool`s: one combined pool (dev) or brokers + controllers (staging/prod), persistent
 *   encrypted gp3 JBOD volumes (metadata on the same volume), spread across zones;
 * - `Kafka`: one internal client listener: TLS with mTLS authentication and `simple` authorization
 *   (`mutual-tls`, default), or plaintext without Kafka authentication for a mesh-guarded dedicated
 *   cluster (`mesh`, see `KafkaClientAuthentication`); rack awareness by zone, internal topics
 *   replicated `min(3, brokers)` times, no topic auto-creation, JMX exporter metrics from the
 *   `<name>-kafka-metrics` ConfigMap, the topic operator (and the user operator with `mutual-tls`),
 *   Strimzi's Kafka Exporter (consumer-group lag), and Cruise Control where asked;
 * - `PodMonitor`s for the Kafka nodes, the Kafka Exporter and the entity operator;
 * - a `KafkaTopic` per topic and a `KafkaUser` per user (ACLs on exactly its topics).
 * @throws Error naming the cluster for a quorum or node count it cannot run, users on a `mesh` cluster, or a topic/user error
 * @see https://strimzi.io/docs/operators/latest/deploying
 */
export class KafkaCluster extends Construct {
  public readonly clusterName: string;
  public readonly namespace: string;
  public readonly topics: readonly KafkaTopic[];
  public readonly users: readonly KafkaUser[];
  public readonly clientAuthentication: KafkaClientAuthentication;

  constructor(scope: Construct, id: string, props: KafkaClusterProps) {
    super(scope, id);
    const { name, namespace } = props;
    const fail = (message: string): never => {
      throw new Error(`KafkaCluster ${name}: ${message}`);
    };
    if (props.nodePools === 'combined' && props.controllers !== props.brokers) fail(`combined node pools run controllers on the brokers: controllers ${props.controllers} must equal brokers ${props.brokers}`);
    if (props.controllers % 2 === 0) fail(`controllers ${props.controllers} must be odd (KRaft majority quorum)`);
    if (props.cruiseControl && props.brokers < 2) fail('cruiseControl needs at least 2 brokers to move partitions between');
    const clientAuthentication = props.clientAuthentication ?? 'mutual-tls';
    const mesh = clientAuthentication === 'mesh';
    if (mesh && props.users.length > 0) fail(`users (${props.users.map((u) => u.name).join(', ')}) need Kafka authentication; a "mesh" cluster admits its clients by mesh identity and has no users`);
    this.clientAuthentication = clientAuthentication;
    this.clusterName = name;
    this.namespace = namespace;
    const labels = { 'strimzi.io/cluster': name };

    const pool = (poolName: string, roles: KafkaNodePoolSpecRoles[], replicas: number, sizeGiB: number, resources: DataResources) =>
      new KafkaNodePool(this, `pool-${poolName}`, {
        metadata: { name: `${name}-${poolName}`, namespace, labels },
        spec: {
          replicas,
          roles,
          storage: {
            type: KafkaNodePoolSpecStorageType.JBOD,
            volumes: [
              {
                id: 0,
                type: KafkaNodePoolSpecStorageVolumesType.PERSISTENT_HYPHEN_CLAIM,
                size: `${sizeGiB}Gi`,
                class: props.storageClass,
                deleteClaim: false,
                kraftMetadata: KafkaNodePoolSpecStorageVolumesKraftMetadata.SHARED,
              },
            ],
          },
          resources: typedResources(resources, KafkaNodePoolSpecResourcesLimits, KafkaNodePoolSpecResourcesRequests),
          template: {
            pod: {
              priorityClassName: props.priorityClassName,
              topologySpreadConstraints: [
                { maxSkew: 1, topologyKey: ZONE_TOPOLOGY_KEY, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { ...labels, 'strimzi.io/pool-name': `${name}-${poolName}` } } },
              ],
            },
          },
        },
      });
    if (props.nodePools === 'combined') {
      pool('combined', [KafkaNodePoolSpecRoles.CONTROLLER, KafkaNodePoolSpecRoles.BROKER], props.brokers, props.storageGiB, props.brokerResources);
    } else {
      pool('controllers', [KafkaNodePoolSpecRoles.CONTROLLER], props.controllers, props.controllerStorageGiB, props.controllerResources);
      pool('brokers', [KafkaNodePoolSpecRoles.BROKER], props.brokers, props.storageGiB, props.brokerResources);
    }

    const metricsConfigMap = `${name}-kafka-metrics`;
    new ApiObject(this, 'metrics-config', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: metricsConfigMap, namespace, labels },
      data: { [METRICS_CONFIG_KEY]: stringify(KAFKA_JMX_EXPORTER_CONFIG) },
    });

    // `mesh`: no authentication, hence no principals to authorize; ztunnel and the AuthorizationPolicy guard the port
    const clientListener: Pick<KafkaSpecKafka, 'listeners' | 'authorization'> = mesh
      ? { listeners: [{ name: 'plain', port: KAFKA_PLAINTEXT_PORT, type: KafkaSpecKafkaListenersType.INTERNAL, tls: false }] }
      : {
          listeners: [{ name: 'tls', port: KAFKA_TLS_PORT, type: KafkaSpecKafkaListenersType.INTERNAL, tls: true, authentication: { type: KafkaSpecKafkaListenersAuthenticationType.TLS } }],
          authorization: { type: KafkaSpecKafkaAuthorizationType.SIMPLE },
        };
    const internalRf = Math.min(3, props.brokers);
    const internalMinIsr = Math.max(1, internalRf - 1);
    new Kafka(this, 'kafka', {
      metadata: { name, namespace },
      spec: {
        kafka: {
          version: KAFKA_VERSION,
          metadataVersion: KAFKA_METADATA_VERSION,
          ...clientListener,
          rack: { type: KafkaSpecKafkaRackType.TOPOLOGY_HYPHEN_LABEL, topologyKey: ZONE_TOPOLOGY_KEY },
          config: {
            'auto.create.topics.enable': false,
            'default.replication.factor': internalRf,
            'min.insync.replicas': internalMinIsr,
            'offsets.topic.replication.factor': internalRf,
            'transaction.state.log.replication.factor': internalRf,
            'transaction.state.log.min.isr': internalMinIsr,
          },
          metricsConfig: { type: KafkaSpecKafkaMetricsConfigType.JMX_PROMETHEUS_EXPORTER, valueFrom: { configMapKeyRef: { name: metricsConfigMap, key: METRICS_CONFIG_KEY } } },
        },
        entityOperator: {
          topicOperator: { resources: typedResources(ENTITY_OPERATOR_RESOURCES, KafkaSpecEntityOperatorTopicOperatorResourcesLimits, KafkaSpecEntityOperatorTopicOperatorResourcesRequests) },
          ...(mesh ? {} : { userOperator: { resources: typedResources(ENTITY_OPERATOR_RESOURCES, KafkaSpecEntityOperatorUserOperatorResourcesLimits, KafkaSpecEntityOperatorUserOperatorResourcesRequests) } }),
          template: { pod: { priorityClassName: props.priorityClassName } },
        },
        // consumer-group lag and offsets per topic/partition (`kafka_consumergroup_lag`), every group and topic
        kafkaExporter: {
          groupRegex: '.*',
          topicRegex: '.*',
          resources: typedResources(KAFKA_EXPORTER_RESOURCES, KafkaSpecKafkaExporterResourcesLimits, KafkaSpecKafkaExporterResourcesRequests),
          template: { pod: { priorityClassName: props.priorityClassName } },
        },
        ...(props.cruiseControl ? { cruiseControl: { resources: typedResources(CRUISE_CONTROL_RESOURCES, KafkaSpecCruiseControlResourcesLimits, KafkaSpecCruiseControlResourcesRequests), template: { pod: { priorityClassName: props.priorityClassName } } } } : {}),
      },
    });

    new PodMonitor(this, 'pod-monitor-kafka', {
      metadata: { name: `${name}-kafka`, namespace },
      // node-pool pods only: the Kafka Exporter carries `strimzi.io/kind: Kafka` and the same port name, and a second
      // scrape of it would double every lag series
      spec: {
        selector: { matchLabels: { ...labels, 'strimzi.io/kind': 'Kafka' }, matchExpressions: [{ key: 'strimzi.io/pool-name', operator: 'Exists' }] },
        podMetricsEndpoints: [{ port: 'tcp-prometheus', path: '/metrics' }],
      },
    });
    new PodMonitor(this, 'pod-monitor-kafka-exporter', {
      metadata: { name: `${name}-kafka-exporter`, namespace },
      spec: { selector: { matchLabels: { ...this.kafkaExporterPodLabels } }, podMetricsEndpoints: [{ port: 'tcp-prometheus', path: '/metrics' }] },
    });
    new PodMonitor(this, 'pod-monitor-entity-operator', {
      metadata: { name: `${name}-entity-operator`, namespace },
      spec: {
        selector: { matchLabels: { ...labels, 'app.kubernetes.io/name': 'entity-operator' } },
        podMetricsEndpoints: [{ port: 'healthcheck-to', path: '/metrics' }, ...(mesh ? [] : [{ port: 'healthcheck-uo', path: '/metrics' }])],
      },
    });

    const nodes = `namespace="${namespace}",pod=~"${name}-.+"`;
    new DataAlerts(this, 'alerts', {
      name: `kafka-${name}`,
      namespace,
      runbookBaseUrl: props.runbookBaseUrl,
      alerts: [
        {
          alert: 'KafkaUnderReplicatedPartitions',
          expr: `sum by (namespace) (kafka_server_replicamanager_underreplicatedpartitions{${nodes}}) > 0`,
          for: '10m',
          severity: 'warning',
          summary: `Kafka ${name}: {{ $value }} partitions are under-replicated`,
          description: `A broker is down, slow or out of disk: writes to these partitions fail once fewer than min.insync.replicas replicas remain. Check \`kubectl -n ${namespace} get pods -l strimzi.io/cluster=${name}\` and the brokers' disk usage.`,
        },
        {
          alert: 'KafkaOfflinePartitions',
          expr: `max by (namespace) (kafka_controller_kafkacontroller_offlinepartitionscount{${nodes}}) > 0`,
          for: '1m',
          severity: 'critical',
          summary: `Kafka ${name}: {{ $value }} partitions have no leader; producers and consumers of them are stopped`,
          description: `Every replica of these partitions is offline (several brokers down, or a lost zone with replicas in it). Check the broker pods and the Kafka custom resource's conditions: \`kubectl -n ${namespace} get kafka ${name} -o yaml\`.`,
        },
      ],
    });

    const topicNames = props.topics.map((t) => t.name);
    const duplicateTopic = topicNames.find((t, i) => topicNames.indexOf(t) !== i);
    if (duplicateTopic) fail(`topic "${duplicateTopic}" is declared twice`);
    this.topics = props.topics.map((t) => new KafkaTopic(this, `topic-${t.name}`, { ...t, cluster: name, namespace, brokers: props.brokers } satisfies KafkaTopicProps));
    const userNames = props.users.map((u) => u.name);
    const duplicateUser = userNames.find((u, i) => userNames.indexOf(u) !== i);
    if (duplicateUser) fail(`user "${duplicateUser}" is declared twice`);
    this.users = props.users.map((u) => new KafkaUser(this, `user-${u.name}`, { ...u, cluster: name, namespace, clusterTopics: topicNames }));
  }

  /** Pod labels of every Kafka node (brokers and controllers). */
  public get nodePodLabels(): Readonly<Record<string, string>> {
    return { 'strimzi.io/cluster': this.clusterName, 'strimzi.io/kind': 'Kafka' };
  }

  /** Pod labels of the broker pods (clients connect to these). */
  public get brokerPodLabels(): Readonly<Record<string, string>> {
    return { 'strimzi.io/cluster': this.clusterName, 'strimzi.io/broker-role': 'true' };
  }

  /** Pod labels of the entity operator (topic and user operators). */
  public get entityOperatorPodLabels(): Readonly<Record<string, string>> {
    return { 'strimzi.io/cluster': this.clusterName, 'app.kubernetes.io/name': 'entity-operator' };
  }

  /** Pod labels of Strimzi's Kafka Exporter Deployment (`<name>-kafka-exporter`). */
  public get kafkaExporterPodLabels(): Readonly<Record<string, string>> {
    return { 'strimzi.io/cluster': this.clusterName, 'strimzi.io/name': `${this.clusterName}-kafka-exporter` };
  }

  /**
   * ServiceAccounts of the cluster's own pods (`<name>-kafka` for the nodes, `<name>-entity-operator`), as
   * Strimzi names them: the identities of broker-to-broker and operator-to-broker traffic inside the mesh.
   */
  public get serviceAccounts(): { readonly nodes: string; readonly entityOperator: string; readonly kafkaExporter: string } {
    return { nodes: `${this.clusterName}-kafka`, entityOperator: `${this.clusterName}-entity-operator`, kafkaExporter: `${this.clusterName}-kafka-exporter` };
  }

  /**
   * Bootstrap Service of the plaintext listener of a `mesh` cluster, for clients admitted by mesh identity.
   * @throws Error naming the cluster when it authenticates clients with mutual TLS (use `connection`)
   */
  public get plaintextBootstrap(): ServiceEndpoint {
    if (this.clientAuthentication !== 'mesh') throw new Error(`KafkaCluster ${this.clusterName}: has no plaintext listener (clientAuthentication "${this.clientAuthentication}"); use connection(topic, user)`);
    return { namespace: this.namespace, service: `${this.clusterName}-kafka-bootstrap`, port: KAFKA_PLAINTEXT_PORT, scheme: 'tcp' };
  }

  /** Namespaces of the users' workloads (the clients allowed to reach the brokers). */
  public get consumers(): readonly string[] {
    return [...new Set(this.users.map((u) => u.consumer))].sort();
  }

  /**
   * What a workload needs to use `topic` as `user`: bootstrap servers of the TLS listener, the user's
   * certificate Secret, the cluster CA to trust, and the consumer group prefix its ACL allows.
   * @throws Error naming the cluster and the missing topic or user, or a user without a grant on the topic
   */
  public connection(topic: string, user: string): KafkaConnection {
    const fail = (message: string): never => {
      throw new Error(`KafkaCluster ${this.clusterName}: ${message}`);
    };
    if (!this.topics.some((t) => t.topicName === topic)) fail(`no topic "${topic}" (declared: ${this.topics.map((t) => t.topicName).join(', ') || 'none'})`);
    const u = this.users.find((x) => x.userName === user) ?? fail(`no user "${user}" (declared: ${this.users.map((x) => x.userName).join(', ') || 'none'})`);
    if (!u.topics.some((g) => g.topic === topic)) fail(`user "${user}" has no ACL on topic "${topic}" (its topics: ${u.topics.map((g) => g.topic).join(', ')})`);
    return {
      kind: 'kafka',
      cluster: this.clusterName,
      bootstrapServers: `${this.clusterName}-kafka-bootstrap.${this.namespace}.svc.cluster.local:${KAFKA_TLS_PORT}`,
      topic,
      user: { name: user, secret: user, namespace: this.namespace },
      caSecret: { namespace: this.namespace, name: `${this.clusterName}-cluster-ca-cert`, key: 'ca.crt' },
      ...(u.consumerGroupPrefix ? { consumerGroupPrefix: u.consumerGroupPrefix } : {}),
    };
  }
}
