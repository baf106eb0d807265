/**
 * JMX Prometheus Exporter rules of the Kafka brokers and controllers: Strimzi's example metrics
 * configuration at 1.2.0 (the rules its Grafana dashboards and alert rules are written against), as data.
 * @see https://github.com/strimzi/strimzi-kafka-operator/blob/1.2.0/packaging/examples/metrics/kafka-metrics.yaml
 */
export const KAFKA_JMX_EXPORTER_CONFIG = {
  "lowercaseOutputName": true,
  "rules": [
    {
      "pattern": "kafka.server<type=(.+), name=(.+), clientId=(.+), topic=(.+), partition=(.*)><>Value",
      "name": "kafka_server_$1_$2",
      "type": "GAUGE",
      "labels": {
        "clientId": "$3",
        "topic": "$4",
        "partition": "$5"
      }
    },
    {
      "pattern": "kafka.server<type=(.+), name=(.+), clientId=(.+), brokerHost=(.+), brokerPort=(.+)><>Value",
      "name": "kafka_server_$1_$2",
      "type": "GAUGE",
      "labels": {
        "clientId": "$3",
        "broker": "$4:$5"
      }
    },
    {
      "pattern": "kafka.server<type=(.+), cipher=(.+), protocol=(.+), listener=(.+), networkProcessor=(.+)><>connections",
      "name": "kafka_server_$1_connections_tls_info",
      "type": "GAUGE",
      "labels": {
        "cipher": "$2",
        "protocol": "$3",
        "listener": "$4",
        "networkProcessor": "$5"
      }
    },
    {
      "pattern": "kafka.server<type=(.+), clientSoftwareName=(.+), clientSoftwareVersion=(.+), listener=(.+), networkProcessor=(.+)><>connections",
      "name": "kafka_server_$1_connections_software",
      "type": "GAUGE",
      "labels": {
        "clientSoftwareName": "$2",
        "clientSoftwareVersion": "$3",
        "listener": "$4",
        "networkProcessor": "$5"
      }
    },
    {
      "pattern": "kafka.server<type=(.+), listener=(.+), networkProcessor=(.+)><>(.+-total):",
      "name": "kafka_server_$1_$4",
      "type": "COUNTER",
      "labels": {
        "listener": "$2",
        "networkProcessor": "$3"
      }
    },
    {
      "pattern": "kafka.server<type=(.+), listener=(.+), networkProcessor=(.+)><>(.+):",
      "name": "kafka_server_$1_$4",
      "type": "GAUGE",
      "labels": {
        "listener": "$2",
        "networkProcessor": "$3"
      }
    },
    {
      "pattern": "kafka.server<type=(.+), listener=(.+), networkProcessor=(.+)><>(.+-total)",
      "name": "kafka_server_$1_$4",
      "type": "COUNTER",
      "labels": {
        "listener": "$2",
        "networkProcessor": "$3"
      }
    },
    {
      "pattern": "kafka.server<type=(.+), listener=(.+), networkProcessor=(.+)><>(.+)",
      "name": "kafka_server_$1_$4",
      "type": "GAUGE",
      "labels": {
        "listener": "$2",
        "networkProcessor": "$3"
      }
    },
    {
      "pattern": "kafka.(\\w+)<type=(.+), name=(.+)Percent\\w*><>MeanRate",
      "name": "kafka_$1_$2_$3_percent",
      "type": "GAUGE"
    },
    {
      "pattern": "kafka.(\\w+)<type=(.+), name=(.+)Percent\\w*><>Value",
      "name": "kafka_$1_$2_$3_percent",
      "type": "GAUGE"
    },
    {
      "pattern": "kafka.(\\w+)<type=(.+), name=(.+)Percent\\w*, (.+)=(.+)><>Value",
      "name": "kafka_$1_$2_$3_percent",
      "type": "GAUGE",
      "labels": {
        "$4": "$5"
      }
    },
    {
      "pattern": "kafka.(\\w+)<type=(.+), name=(.+)PerSec\\w*, (.+)=(.+), (.+)=(.+)><>Count",
      "name": "kafka_$1_$2_$3_total",
      "type": "COUNTER",
      "labels": {
        "$4": "$5",
        "$6": "$7"
      }
    },
    {
      "pattern": "kafka.(\\w+)<type=(.+), name=(.+)PerSec\\w*, (.+)=(.+)><>Count",
      "name": "kafka_$1_$2_$3_total",
      "type": "COUNTER",
      "labels": {
        "$4": "$5"
      }
    },
    {
      "pattern": "kafka.(\\w+)<type=(.+), name=(.+)PerSec\\w*><>Count",
      "name": "kafka_$1_$2_$3_total",
      "type": "COUNTER"
    },
    {
      "pattern": "kafka.(\\w+)<type=(.+), name=(.+), (.+)=(.+), (.+)=(.+)><>Value",
      "name": "kafka_$1_$2_$3",
      "type": "GAUGE",
      "labels": {
        "$4": "$5",
        "$6": "$7"
      }
    },
    {
      "pattern": "kafka.(\\w+)<type=(.+), name=(.+), (.+)=(.+)><>Value",
      "name": "kafka_$1_$2_$3",
      "type": "GAUGE",
      "labels": {
        "$4": "$5"
      }
    },
    {
      "pattern": "kafka.(\\w+)<type=(.+), name=(.+)><>Value",
      "name": "kafka_$1_$2_$3",
      "type": "GAUGE"
    },
    {
      "pattern": "kafka.(\\w+)<type=(.+), name=(.+), (.+)=(.+), (.+)=(.+)><>Count",
      "name": "kafka_$1_$2_$3_count",
      "type": "COUNTER",
      "labels": {
        "$4": "$5",
        "$6": "$7"
      }
    },
    {
      "pattern": "kafka.(\\w+)<type=(.+), name=(.+), (.+)=(.*), (.+)=(.+)><>(\\d+)thPercentile",
      "name": "kafka_$1_$2_$3",
      "type": "GAUGE",
      "labels": {
        "$4": "$5",
        "$6": "$7",
        "quantile": "0.$8"
      }
    },
    {
      "pattern": "kafka.(\\w+)<type=(.+), name=(.+), (.+)=(.+)><>Count",
      "name": "kafka_$1_$2_$3_count",
      "type": "COUNTER",
      "labels": {
        "$4": "$5"
      }
    },
    {
      "pattern": "kafka.(\\w+)<type=(.+), name=(.+), (.+)=(.*)><>(\\d+)thPercentile",
      "name": "kafka_$1_$2_$3",
      "type": "GAUGE",
      "labels": {
        "$4": "$5",
        "quantile": "0.$6"
      }
    },
    {
      "pattern": "kafka.(\\w+)<type=(.+), name=(.+)><>Count",
      "name": "kafka_$1_$2_$3_count",
      "type": "COUNTER"
    },
    {
      "pattern": "kafka.(\\w+)<type=(.+), name=(.+)><>(\\d+)thPercentile",
      "name": "kafka_$1_$2_$3",
      "type": "GAUGE",
      "labels": {
        "quantile": "0.$4"
      }
    },
    {
      "pattern": "kafka.server<type=raft-metrics><>(.+-total|.+-max):",
      "name": "kafka_server_raftmetrics_$1",
      "type": "COUNTER"
    },
    {
      "pattern": "kafka.server<type=raft-metrics><>(current-state): (.+)",
      "name": "kafka_server_raftmetrics_$1",
      "value": 1,
      "type": "UNTYPED",
      "labels": {
        "$1": "$2"
      }
    },
    {
      "pattern": "kafka.server<type=raft-metrics><>(.+):",
      "name": "kafka_server_raftmetrics_$1",
      "type": "GAUGE"
    },
    {
      "pattern": "kafka.server<type=raft-channel-metrics><>(.+-total|.+-max):",
      "name": "kafka_server_raftchannelmetrics_$1",
      "type": "COUNTER"
    },
    {
      "pattern": "kafka.server<type=raft-channel-metrics><>(.+):",
      "name": "kafka_server_raftchannelmetrics_$1",
      "type": "GAUGE"
    },
    {
      "pattern": "kafka.server<type=broker-metadata-metrics><>(.+):",
      "name": "kafka_server_brokermetadatametrics_$1",
      "type": "GAUGE"
    }
  ]
} as const;
