import type { PolicyStatement } from '@platform/aws-core';
import type { PermissionContext } from '../permission-context';
import { ebsKeyThroughEc2, ec2, NO_RESOURCE_LEVEL_PERMISSIONS } from './shared';

/**
 * The Karpenter controller policy of the pinned chart's release (v1.14 `cloudformation.yaml`: the
 * NodeLifecycle, IAMIntegration, EKSIntegration, Interruption, ZonalShift and ResourceDiscovery
 * policies, statement for statement), scoped to this cluster by the `kubernetes.io/cluster/<cluster>` /
 * `eks:eks-cluster-name` tags and to the environment's region and account, plus use of the EBS CMK for
 * encrypted node volumes.
 * @see https://github.com/aws/karpenter-provider-aws/blob/v1.14.1/website/content/en/v1.14/getting-started/getting-started-with-karpenter/cloudformation.yaml
 * @see https://karpenter.sh/docs/reference/cloudformation/
 */
export function karpenterControllerStatements(ctx: PermissionContext): PolicyStatement[] {
  const c = ctx.clusterName;
  const owned = { [`aws:RequestTag/kubernetes.io/cluster/${c}`]: 'owned', 'aws:RequestTag/eks:eks-cluster-name': c };
  const ownedResource = { [`aws:ResourceTag/kubernetes.io/cluster/${c}`]: 'owned' };
  const taggableOnCreate = ['fleet/*', 'instance/*', 'volume/*', 'network-interface/*', 'launch-template/*', 'spot-instances-request/*'].map((r) => ec2(ctx, r));
  const instanceProfiles = `arn:${ctx.partition}:iam::${ctx.accountId}:instance-profile/*`;
  return [
    {
      Sid: 'AllowScopedEC2InstanceAccessActions',
      Effect: 'Allow',
      Action: ['ec2:RunInstances', 'ec2:CreateFleet'],
      Resource: [
        `arn:${ctx.partition}:ec2:${ctx.region}::image/*`,
        `arn:${ctx.partition}:ec2:${ctx.region}::snapshot/*`,
        ec2(ctx, 'security-group/*'),
        ec2(ctx, 'subnet/*'),
        ec2(ctx, 'capacity-reservation/*'),
        ec2(ctx, 'placement-group/*'),
      ],
    },
    {
      Sid: 'AllowScopedEC2LaunchTemplateAccessActions',
      Effect: 'Allow',
      Action: ['ec2:RunInstances', 'ec2:CreateFleet'],
      Resource: [ec2(ctx, 'launch-template/*')],
      Condition: { StringEquals: ownedResource, StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' } },
    },
    {
      Sid: 'AllowScopedEC2InstanceActionsWithTags',
      Effect: 'Allow',
      Action: ['ec2:RunInstances', 'ec2:CreateFleet', 'ec2:CreateLaunchTemplate'],
      Resource: taggableOnCreate,
      Condition: { StringEquals: owned, StringLike: { 'aws:RequestTag/karpenter.sh/nodepool': '*' } },
    },
    {
      Sid: 'AllowScopedResourceCreationTagging',
      Effect: 'Allow',
      Action: ['ec2:CreateTags'],
      Resource: taggableOnCreate,
      Condition: {
        StringEquals: { ...owned, 'ec2:CreateAction': ['RunInstances', 'CreateFleet', 'CreateLaunchTemplate'] },
        StringLike: { 'aws:RequestTag/karpenter.sh/nodepool': '*' },
      },
    },
    {
      Sid: 'AllowScopedResourceTagging',
      Effect: 'Allow',
      Action: ['ec2:CreateTags'],
      Resource: [ec2(ctx, 'instance/*')],
      Condition: {
        StringEquals: ownedResource,
        StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' },
        StringEqualsIfExists: { 'aws:RequestTag/eks:eks-cluster-name': c },
        'ForAllValues:StringEquals': { 'aws:TagKeys': ['eks:eks-cluster-name', 'karpenter.sh/nodeclaim', 'Name'] },
      },
    },
    {
      Sid: 'AllowScopedDeletion',
      Effect: 'Allow',
      Action: ['ec2:TerminateInstances', 'ec2:DeleteLaunchTemplate'],
      Resource: [ec2(ctx, 'instance/*'), ec2(ctx, 'launch-template/*')],
      Condition: { StringEquals: ownedResource, StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' } },
    },
    {
      Sid: 'AllowRegionalReadActions',
      Effect: 'Allow',
      Action: [
        'ec2:DescribeCapacityReservations',
        'ec2:DescribeImages',
        'ec2:DescribeInstances',
        'ec2:DescribeInstanceStatus',
        'ec2:DescribeInstanceTypeOfferings',
        'ec2:DescribeInstanceTypes',
        'ec2:DescribeLaunchTemplates',
        'ec2:DescribePlacementGroups',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeSpotPriceHistory',
        'ec2:DescribeSubnets',
      ],
      // Wildcard required: EC2 Describe actions do not support resource-level permissions.
      Resource: NO_RESOURCE_LEVEL_PERMISSIONS,
      Condition: { StringEquals: { 'aws:RequestedRegion': ctx.region } },
    },
    {
      Sid: 'AllowSSMReadActions',
      Effect: 'Allow',
      Action: ['ssm:GetParameter'],
      Resource: [`arn:${ctx.partition}:ssm:${ctx.region}::parameter/aws/service/*`],
    },
    {
      Sid: 'AllowPricingReadActions',
      Effect: 'Allow',
      Action: ['pricing:GetProducts'],
      // Wildcard required: the Price List API has no resource types.
      Resource: NO_RESOURCE_LEVEL_PERMISSIONS,
    },
    {
      Sid: 'AllowInterruptionQueueActions',
      Effect: 'Allow',
      Action: ['sqs:DeleteMessage', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'],
      Resource: [ctx.interruptionQueueArn],
    },
    {
      Sid: 'AllowPassingInstanceRole',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: [ctx.karpenterNodeRoleArn],
      Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
    },
    {
      Sid: 'AllowScopedInstanceProfileCreationActions',
      Effect: 'Allow',
      Action: ['iam:CreateInstanceProfile'],
      Resource: [instanceProfiles],
      Condition: {
        StringEquals: { ...owned, 'aws:RequestTag/topology.kubernetes.io/region': ctx.region },
        StringLike: { 'aws:RequestTag/karpenter.k8s.aws/ec2nodeclass': '*' },
      },
    },
    {
      Sid: 'AllowScopedInstanceProfileTagActions',
      Effect: 'Allow',
      Action: ['iam:TagInstanceProfile'],
      Resource: [instanceProfiles],
      Condition: {
        StringEquals: {
          ...ownedResource,
          'aws:ResourceTag/topology.kubernetes.io/region': ctx.region,
          ...owned,
          'aws:RequestTag/topology.kubernetes.io/region': ctx.region,
        },
        StringLike: { 'aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass': '*', 'aws:RequestTag/karpenter.k8s.aws/ec2nodeclass': '*' },
      },
    },
    {
      Sid: 'AllowScopedInstanceProfileActions',
      Effect: 'Allow',
      Action: ['iam:AddRoleToInstanceProfile', 'iam:RemoveRoleFromInstanceProfile', 'iam:DeleteInstanceProfile'],
      Resource: [instanceProfiles],
      Condition: {
        StringEquals: { ...ownedResource, 'aws:ResourceTag/topology.kubernetes.io/region': ctx.region },
        StringLike: { 'aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass': '*' },
      },
    },
    {
      Sid: 'AllowUnscopedInstanceProfileListAction',
      Effect: 'Allow',
      Action: ['iam:ListInstanceProfiles'],
      // Wildcard required: iam:ListInstanceProfiles is a List action on the account, not on an
      // instance profile; upstream grants it on "*" for that reason.
      Resource: NO_RESOURCE_LEVEL_PERMISSIONS,
    },
    { Sid: 'AllowInstanceProfileReadActions', Effect: 'Allow', Action: ['iam:GetInstanceProfile'], Resource: [instanceProfiles] },
    { Sid: 'AllowAPIServerEndpointDiscovery', Effect: 'Allow', Action: ['eks:DescribeCluster'], Resource: [ctx.clusterArn] },
    {
      Sid: 'AllowZonalShiftStatusReadOnly',
      Effect: 'Allow',
      Action: ['arc-zonal-shift:GetManagedResource'],
      // Wildcard required (as upstream): zonal shift authorizes GetManagedResource of an EKS cluster
      // through the arc-zonal-shift:ResourceIdentifier condition key, which pins it to this cluster.
      Resource: NO_RESOURCE_LEVEL_PERMISSIONS,
      Condition: { StringEquals: { 'arc-zonal-shift:ResourceIdentifier': ctx.clusterArn } },
    },
    ebsKeyThroughEc2(ctx, 'AllowEncryptedNodeVolumes'),
  ];
}
