import { CloudwatchLogGroup } from '@cdktn/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktn/provider-aws/lib/flow-log';
import { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktn/provider-aws/lib/iam-role-policy';
import type { Vpc } from '@cdktn/provider-aws/lib/vpc';
import { policyJson, regionalArn, serviceTrustPolicy } from '@platform/aws-core';
import { cloudWatchLogsKeyStatement, PlatformKmsKey } from '@platform/aws-kms';
import { Construct } from 'constructs';

/**
 * Seconds over which flow records are aggregated: the finest interval, so incident timelines are
 * precise. @see https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html#flow-logs-basics
 */
export const FLOW_LOG_AGGREGATION_INTERVAL_SECONDS = 60;

/** The environment-specific part of the flow logs, which `PlatformNetwork` passes through. */
export interface VpcFlowLogsSettings {
  /** Alias of the log group's CMK, `kmsAlias(env, KMS_KEY_PURPOSES.flowLogs)`. */
  readonly keyAliasName: string;
  /** Name of the delivery role, `roleName(env, 'vpc-flow-logs')`. */
  readonly roleName: string;
  /** Log retention in CloudWatch Logs, days (`network.flowLogRetentionDays`, one of the values CloudWatch accepts). */
  readonly retentionDays: number;
}

export interface VpcFlowLogsProps extends VpcFlowLogsSettings {
  /** Account of the VPC: only its flow logs may assume the role (`aws:SourceAccount`). */
  readonly accountId: string;
  /** Region of the VPC and the log group. */
  readonly region: string;
  /** The cluster name (`clusterName(env)`): the log group is `/aws/vpc/<clusterName>/flow-logs`. */
  readonly clusterName: string;
  /** The VPC whose traffic (ALL: accepted and rejected) is logged. */
  readonly vpc: Vpc;
}

/**
 * VPC flow logs (ALL traffic) to the CloudWatch Logs group `/aws/vpc/<clusterName>/flow-logs`, encrypted
 * with a dedicated CMK and kept `retentionDays`. The delivery role trusts
 * `vpc-flow-logs.amazonaws.com` only for this account's flow logs and may only write streams of that group.
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
 */
export class VpcFlowLogs extends Construct {
  public readonly logGroup: CloudwatchLogGroup;
  public readonly key: PlatformKmsKey;
  public readonly flowLog: FlowLog;

  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    const logGroupName = `/aws/vpc/${props.clusterName}/flow-logs`;
    this.key = new PlatformKmsKey(this, 'key', {
      accountId: props.accountId,
      aliasName: props.keyAliasName,
      description: `CloudWatch Logs encryption of ${logGroupName}`,
      statements: [cloudWatchLogsKeyStatement(props, logGroupName)],
    });
    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: logGroupName,
      retentionInDays: props.retentionDays,
      kmsKeyId: this.key.arn,
    });
    const role = new IamRole(this, 'role', {
      name: props.roleName,
      description: `Delivers VPC flow logs to ${logGroupName}`,
      assumeRolePolicy: serviceTrustPolicy('vpc-flow-logs.amazonaws.com', ['sts:AssumeRole'], {
        StringEquals: { 'aws:SourceAccount': props.accountId },
        ArnLike: { 'aws:SourceArn': regionalArn(props, 'ec2', 'vpc-flow-log/*') },
      }),
    });
    new IamRolePolicy(this, 'role-policy', {
      role: role.id,
      name: 'write-flow-log-group',
      policy: policyJson([
        {
          Sid: 'WriteFlowLogStreams',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: [this.logGroup.arn, `${this.logGroup.arn}:*`],
        },
      ], this.node.path),
    });
    this.flowLog = new FlowLog(this, 'flow-log', {
      vpcId: props.vpc.id,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: FLOW_LOG_AGGREGATION_INTERVAL_SECONDS,
      tags: { Name: `${props.clusterName}-flow-logs` },
    });
  }
}
