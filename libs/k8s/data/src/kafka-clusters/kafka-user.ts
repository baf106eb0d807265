import {
  KafkaUser as KafkaUserCr,
  KafkaUserSpecAuthenticationType,
  KafkaUserSpecAuthorizationAclsOperations as Op,
  KafkaUserSpecAuthorizationAclsResourcePatternType,
  KafkaUserSpecAuthorizationAclsResourceType,
  KafkaUserSpecAuthorizationAclsType,
  KafkaUserSpecAuthorizationType,
} from '@platform/k8s-imports/kafka.strimzi.io';
import { Construct } from 'constructs';

/** What a user may do on one topic. */
export type KafkaTopicAccess = 'consume' | 'produce' | 'produce-consume';

/** One topic a user works with. */
export interface KafkaUserTopicGrant {
  readonly topic: string;
  readonly access: KafkaTopicAccess;
}

/**
 * Prefix of the consumer group ids a user that consumes may use: its own name (ACL `group`,
 * `patternType: prefix`, operation Read). A consumer whose `group.id` does not start with it fails
 * with `GroupAuthorizationException`.
 * @see https://kafka.apache.org/documentation/#security_authz_primitives
 */
export function kafkaConsumerGroupPrefix(userName: string): string {
  return userName;
}

export interface KafkaUserProps {
  readonly cluster: string;
  readonly namespace: string;
  /** User name: the resource, the TLS client certificate's CN and its Secret. */
  readonly name: string;
  /** Namespace of the workload using the credentials. */
  readonly consumer: string;
  readonly topics: readonly KafkaUserTopicGrant[];
  /** Topics the cluster declares; a grant on another one is an error. */
  readonly clusterTopics: readonly string[];
}

const OPERATIONS: Record<KafkaTopicAccess, readonly Op[]> = {
  consume: [Op.READ, Op.DESCRIBE],
  produce: [Op.WRITE, Op.DESCRIBE],
  'produce-consume': [Op.READ, Op.WRITE, Op.DESCRIBE],
};

/**
 * A `KafkaUser` authenticated by mTLS (the user operator issues its certificate from the clients CA
 * into Secret `<name>`), with `simple` ACLs on exactly its topics (literal names, never a prefix or
 * `*`), plus Read on the consumer groups prefixed with its name when it consumes.
 * @throws Error naming the user and the topic when a grant names a topic the cluster does not declare, or a topic twice
 * @see https://strimzi.io/docs/operators/latest/deploying#type-KafkaUserAuthorizationSimple-reference
 */
export class KafkaUser extends Construct {
  public readonly userName: string;
  public readonly consumer: string;
  public readonly topics: readonly KafkaUserTopicGrant[];
  /** Prefix its consumer group ids must start with (`kafkaConsumerGroupPrefix`); undefined when it consumes no topic (no group ACL). */
  public readonly consumerGroupPrefix?: string;

  constructor(scope: Construct, id: string, props: KafkaUserProps) {
    super(scope, id);
    const fail = (message: string): never => {
      throw new Error(`KafkaUser ${props.cluster}/${props.name}: ${message}`);
    };
    if (props.topics.length === 0) fail('grant at least one topic');
    const seen = new Set<string>();
    for (const grant of props.topics) {
      if (!props.clusterTopics.includes(grant.topic)) fail(`topic "${grant.topic}" is not declared by cluster ${props.cluster} (topics: ${props.clusterTopics.join(', ') || 'none'})`);
      if (seen.has(grant.topic)) fail(`topic "${grant.topic}" is granted twice`);
      seen.add(grant.topic);
    }
    this.userName = props.name;
    this.consumer = props.consumer;
    this.topics = props.topics;
    const allow = KafkaUserSpecAuthorizationAclsType.ALLOW;
    const topicAcls = [...props.topics]
      .sort((a, b) => a.topic.localeCompare(b.topic))
      .map((g) => ({
        type: allow,
        resource: { type: KafkaUserSpecAuthorizationAclsResourceType.TOPIC, name: g.topic, patternType: KafkaUserSpecAuthorizationAclsResourcePatternType.LITERAL },
        operations: [...OPERATIONS[g.access]],
      }));
    const consumes = props.topics.some((g) => g.access !== 'produce');
    this.consumerGroupPrefix = consumes ? kafkaConsumerGroupPrefix(props.name) : undefined;
    const groupAcls = this.consumerGroupPrefix
      ? [{ type: allow, resource: { type: KafkaUserSpecAuthorizationAclsResourceType.GROUP, name: this.consumerGroupPrefix, patternType: KafkaUserSpecAuthorizationAclsResourcePatternType.PREFIX }, operations: [Op.READ] }]
      : [];
    new KafkaUserCr(this, 'user', {
      metadata: { name: props.name, namespace: props.namespace, labels: { 'strimzi.io/cluster': props.cluster } },
      spec: {
        authentication: { type: KafkaUserSpecAuthenticationType.TLS },
        authorization: { type: KafkaUserSpecAuthorizationType.SIMPLE, acls: [...topicAcls, ...groupAcls] },
      },
    });
  }
}
