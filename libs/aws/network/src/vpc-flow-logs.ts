import { CloudwatchLogGroup } from '@cdktn/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktn/provider-aws/lib/flow-log';
import { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktn/provider-aws/lib/iam-role-policy';
import type { Vpc } from '@cdktn/provider-aws/lib/vpc';
import { policyJson, regionalArn, serviceTrustPolicy } from '@platform/aws-core';
import { cloudWatchLogsKeyStatement, KMS_KEY_PURPOSES, PlatformKmsKey } from '@platform/aws-kms';
import { clusterName, type EnvironmentConfig, roleName, kmsAlias } from '@platform/config';
import { Construct } from 'constructs';

/**
 * Seconds over which flow records are aggregated: the finest interval, so incident timelines are
 * precise. @see https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html#flow-logs-basics
 */
export const FLOW_LOG_AGGREGATION_INTERVAL_SECONDS = 60;

export interface VpcFlowLogsProps {
  readonly env: EnvironmentConfig;
  /** The VPC whose traffic (ALL: accepted and rejected) is logged. */
  readonly vpc: Vpc;
}

/**
 * VPC flow logs (ALL traffic) to the CloudWatch Logs group `/aws/vpc/<cluster>/flow-logs`, encrypted
 * with a dedicated CMK and kept `network.flowLogRetentionDays`. The delivery role trusts
 * `vpc-flow-logs.amazonaws.com` only for this account's flow logs and may only write streams of that group.
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
 */
export class VpcFlowLogs extends Construct {
  public readonly logGroup: CloudwatchLogGroup;
  public readonly key: PlatformKmsKey;
  public readonly flowLog: FlowLog;

  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    const { env } = props;
    const logGroupName = `/aws/vpc/${clusterName(env)}/flow-logs`;
    this.key = new PlatformKmsKey(this, 'key', {
      accountId: env.aws.accountId,
      aliasName: kmsAlias(env, KMS_KEY_PURPOSES.flowLogs),
      description: `CloudWatch Logs encryption of ${logGroupName}`,
      statements: [cloudWatchLogsKeyStatement(env.aws, logGroupName)],
    });
    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: logGroupName,
      retentionInDays: env.network.flowLogRetentionDays,
      kmsKeyId: this.key.arn,
    });
    const role = new IamRole(this, 'role', {
      name: roleName(env, 'vpc-flow-logs'),
      description: `Delivers VPC flow logs to ${logGroupName}`,
      assumeRolePolicy: serviceTrustPolicy('vpc-flow-logs.amazonaws.com', ['sts:AssumeRole'], {
        StringEquals: { 'aws:SourceAccount': env.aws.accountId },
        ArnLike: { 'aws:SourceArn': regionalArn(env.aws, 'ec2', 'vpc-flow-log/*') },
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
      ], env.name),
    });
    this.flowLog = new FlowLog(this, 'flow-log', {
      vpcId: props.vpc.id,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: FLOW_LOG_AGGREGATION_INTERVAL_SECONDS,
      tags: { Name: `${clusterName(env)}-flow-logs` },
    });
  }
}
