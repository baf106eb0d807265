import type { PolicyStatement } from '@platform/aws-core';
import { type AwsPermission, podIdentityObjectPrefix } from '@platform/config';
import type { PermissionContext } from './permission-context';

/**
 * Resource `*` marks actions that AWS does not scope to resources (Describe/List/Get APIs without
 * resource-level permissions, `pricing:GetProducts`, ...). It is the only wildcard resource these
 * policies use, and every statement that uses it says so.
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export const NO_RESOURCE_LEVEL_PERMISSIONS = '*';

function ec2(ctx: PermissionContext, resource: string): string {
  return `arn:${ctx.partition}:ec2:${ctx.region}:${ctx.accountId}:${resource}`;
}

function elb(ctx: PermissionContext, resource: string): string {
  return `arn:${ctx.partition}:elasticloadbalancing:${ctx.region}:${ctx.accountId}:${resource}`;
}

/** KMS use of the EBS CMK through EC2 only (volume create/attach/snapshot of encrypted volumes). */
function ebsKeyThroughEc2(ctx: PermissionContext, sid: string): PolicyStatement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Action: ['kms:CreateGrant', 'kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'],
    Resource: [ctx.ebsKeyArn()],
    Condition: { StringEquals: { 'kms:ViaService': `ec2.${ctx.region}.amazonaws.com` } },
  };
}

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

/**
 * The AWS Load Balancer Controller policy (upstream `docs/install/iam_policy.json`, v2.x/v3.x),
 * with resources narrowed to the environment's region and account and the upstream
 * `elbv2.k8s.aws/cluster` tag conditions pinned to this cluster's name. WAF Classic
 * (`waf-regional`) is left out: it reached end of support; WAFv2 is kept.
 * @see https://github.com/kubernetes-sigs/aws-load-balancer-controller/blob/main/docs/install/iam_policy.json
 */
export function awsLoadBalancerControllerStatements(ctx: PermissionContext): PolicyStatement[] {
  const c = ctx.clusterName;
  const clusterTagRequest = { 'aws:RequestTag/elbv2.k8s.aws/cluster': c };
  const clusterTagResource = { 'aws:ResourceTag/elbv2.k8s.aws/cluster': c };
  const securityGroups = ec2(ctx, 'security-group/*');
  const balancers = [elb(ctx, 'targetgroup/*/*'), elb(ctx, 'loadbalancer/net/*/*'), elb(ctx, 'loadbalancer/app/*/*')];
  return [
    {
      Sid: 'CreateElbServiceLinkedRole',
      Effect: 'Allow',
      Action: ['iam:CreateServiceLinkedRole'],
      Resource: [`arn:${ctx.partition}:iam::${ctx.accountId}:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing`],
      Condition: { StringEquals: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' } },
    },
    {
      Sid: 'DescribeNetworkAndLoadBalancers',
      Effect: 'Allow',
      Action: [
        'ec2:DescribeAccountAttributes',
        'ec2:DescribeAddresses',
        'ec2:DescribeAvailabilityZones',
        'ec2:DescribeCoipPools',
        'ec2:DescribeInstances',
        'ec2:DescribeInternetGateways',
        'ec2:DescribeIpamPools',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeRouteTables',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeSubnets',
        'ec2:DescribeTags',
        'ec2:DescribeVpcPeeringConnections',
        'ec2:DescribeVpcs',
        'ec2:GetCoipPoolUsage',
        'ec2:GetSecurityGroupsForVpc',
        'elasticloadbalancing:DescribeCapacityReservation',
        'elasticloadbalancing:DescribeListenerAttributes',
        'elasticloadbalancing:DescribeListenerCertificates',
        'elasticloadbalancing:DescribeListeners',
        'elasticloadbalancing:DescribeLoadBalancerAttributes',
        'elasticloadbalancing:DescribeLoadBalancers',
        'elasticloadbalancing:DescribeRules',
        'elasticloadbalancing:DescribeSSLPolicies',
        'elasticloadbalancing:DescribeTags',
        'elasticloadbalancing:DescribeTargetGroupAttributes',
        'elasticloadbalancing:DescribeTargetGroups',
        'elasticloadbalancing:DescribeTargetHealth',
        'elasticloadbalancing:DescribeTrustStores',
      ],
      // Wildcard required: EC2 and ELB Describe/Get actions do not support resource-level permissions.
      Resource: NO_RESOURCE_LEVEL_PERMISSIONS,
      Condition: { StringEquals: { 'aws:RequestedRegion': ctx.region } },
    },
    {
      Sid: 'ListCertificatesAndShieldState',
      Effect: 'Allow',
      Action: ['acm:ListCertificates', 'iam:ListServerCertificates', 'shield:GetSubscriptionState'],
      // Wildcard required: these List/Get actions have no resource types.
      Resource: NO_RESOURCE_LEVEL_PERMISSIONS,
    },
    {
      Sid: 'ReadCertificatesAndIdentityProviders',
      Effect: 'Allow',
      Action: ['acm:DescribeCertificate', 'iam:GetServerCertificate', 'cognito-idp:DescribeUserPoolClient'],
      Resource: [
        `arn:${ctx.partition}:acm:${ctx.region}:${ctx.accountId}:certificate/*`,
        `arn:${ctx.partition}:iam::${ctx.accountId}:server-certificate/*`,
        `arn:${ctx.partition}:cognito-idp:${ctx.region}:${ctx.accountId}:userpool/*`,
      ],
    },
    {
      Sid: 'ManageWafV2AndShieldForAlbs',
      Effect: 'Allow',
      Action: [
        'wafv2:GetWebACL',
        'wafv2:GetWebACLForResource',
        'wafv2:AssociateWebACL',
        'wafv2:DisassociateWebACL',
        'shield:DescribeProtection',
        'shield:CreateProtection',
        'shield:DeleteProtection',
      ],
      Resource: [
        `arn:${ctx.partition}:wafv2:${ctx.region}:${ctx.accountId}:regional/webacl/*/*`,
        elb(ctx, 'loadbalancer/app/*/*'),
        `arn:${ctx.partition}:shield::${ctx.accountId}:protection/*`,
      ],
    },
    {
      Sid: 'CreateSecurityGroups',
      Effect: 'Allow',
      Action: ['ec2:CreateSecurityGroup'],
      Resource: [securityGroups, ec2(ctx, 'vpc/*')],
    },
    {
      Sid: 'TagSecurityGroupsOnCreate',
      Effect: 'Allow',
      Action: ['ec2:CreateTags'],
      Resource: [securityGroups],
      Condition: { StringEquals: { 'ec2:CreateAction': 'CreateSecurityGroup', ...clusterTagRequest } },
    },
    {
      Sid: 'RetagOwnSecurityGroups',
      Effect: 'Allow',
      Action: ['ec2:CreateTags', 'ec2:DeleteTags'],
      Resource: [securityGroups],
      Condition: { Null: { 'aws:RequestTag/elbv2.k8s.aws/cluster': 'true' }, StringEquals: clusterTagResource },
    },
    {
      Sid: 'ManageSecurityGroupRules',
      Effect: 'Allow',
      Action: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'],
      // Upstream grants these on any security group: the controller adds rules for load balancer
      // traffic to the node/cluster security groups, which it did not create. Kept to this account and region.
      Resource: [securityGroups],
    },
    {
      Sid: 'DeleteOwnSecurityGroups',
      Effect: 'Allow',
      Action: ['ec2:DeleteSecurityGroup'],
      Resource: [securityGroups],
      Condition: { StringEquals: clusterTagResource },
    },
    {
      Sid: 'CreateTaggedLoadBalancersAndTargetGroups',
      Effect: 'Allow',
      Action: ['elasticloadbalancing:CreateLoadBalancer', 'elasticloadbalancing:CreateTargetGroup'],
      Resource: balancers,
      Condition: { StringEquals: clusterTagRequest },
    },
    {
      Sid: 'ManageListenersAndRules',
      Effect: 'Allow',
      Action: ['elasticloadbalancing:CreateListener', 'elasticloadbalancing:DeleteListener', 'elasticloadbalancing:CreateRule', 'elasticloadbalancing:DeleteRule'],
      Resource: [
        elb(ctx, 'loadbalancer/net/*/*'),
        elb(ctx, 'loadbalancer/app/*/*'),
        elb(ctx, 'listener/net/*/*/*'),
        elb(ctx, 'listener/app/*/*/*'),
        elb(ctx, 'listener-rule/net/*/*/*'),
        elb(ctx, 'listener-rule/app/*/*/*'),
      ],
    },
    {
      Sid: 'RetagOwnLoadBalancers',
      Effect: 'Allow',
      Action: ['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'],
      Resource: balancers,
      Condition: { Null: { 'aws:RequestTag/elbv2.k8s.aws/cluster': 'true' }, StringEquals: clusterTagResource },
    },
    {
      Sid: 'TagListenersAndRules',
      Effect: 'Allow',
      Action: ['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'],
      Resource: [elb(ctx, 'listener/net/*/*/*'), elb(ctx, 'listener/app/*/*/*'), elb(ctx, 'listener-rule/net/*/*/*'), elb(ctx, 'listener-rule/app/*/*/*')],
    },
    {
      Sid: 'ModifyOwnLoadBalancers',
      Effect: 'Allow',
      Action: [
        'elasticloadbalancing:DeleteLoadBalancer',
        'elasticloadbalancing:DeleteTargetGroup',
        'elasticloadbalancing:ModifyCapacityReservation',
        'elasticloadbalancing:ModifyIpPools',
        'elasticloadbalancing:ModifyLoadBalancerAttributes',
        'elasticloadbalancing:ModifyTargetGroup',
        'elasticloadbalancing:ModifyTargetGroupAttributes',
        'elasticloadbalancing:SetIpAddressType',
        'elasticloadbalancing:SetSecurityGroups',
        'elasticloadbalancing:SetSubnets',
      ],
      Resource: balancers,
      Condition: { StringEquals: clusterTagResource },
    },
    {
      // ModifyListenerAttributes authorizes against the listener, not its load balancer; upstream
      // grants it with the same cluster-tag condition.
      Sid: 'ModifyOwnListenerAttributes',
      Effect: 'Allow',
      Action: ['elasticloadbalancing:ModifyListenerAttributes'],
      Resource: [elb(ctx, 'listener/app/*/*/*'), elb(ctx, 'listener/net/*/*/*')],
      Condition: { StringEquals: clusterTagResource },
    },
    {
      Sid: 'TagLoadBalancersOnCreate',
      Effect: 'Allow',
      Action: ['elasticloadbalancing:AddTags'],
      Resource: balancers,
      Condition: { StringEquals: { 'elasticloadbalancing:CreateAction': ['CreateTargetGroup', 'CreateLoadBalancer'], ...clusterTagRequest } },
    },
    {
      Sid: 'RegisterTargets',
      Effect: 'Allow',
      Action: ['elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets'],
      Resource: [elb(ctx, 'targetgroup/*/*')],
    },
    {
      Sid: 'ManageListenerSettings',
      Effect: 'Allow',
      Action: [
        'elasticloadbalancing:SetWebAcl',
        'elasticloadbalancing:ModifyListener',
        'elasticloadbalancing:AddListenerCertificates',
        'elasticloadbalancing:RemoveListenerCertificates',
        'elasticloadbalancing:ModifyRule',
        'elasticloadbalancing:SetRulePriorities',
      ],
      Resource: [elb(ctx, 'loadbalancer/app/*/*'), elb(ctx, 'listener/net/*/*/*'), elb(ctx, 'listener/app/*/*/*'), elb(ctx, 'listener-rule/app/*/*/*')],
    },
  ];
}

/**
 * The EBS CSI driver controller: the AmazonEBSCSIDriverPolicy equivalent, with volume and snapshot
 * lifecycle limited to resources the driver tags (`ebs.csi.aws.com/cluster=true`), narrowed to the
 * region and account, plus a KMS grant on the EBS CMK for encrypted volumes.
 * @see https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonEBSCSIDriverPolicy.html
 * @see https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/install.md#set-up-driver-permissions
 */
export function ebsCsiDriverStatements(ctx: PermissionContext): PolicyStatement[] {
  const volumes = ec2(ctx, 'volume/*');
  const snapshots = `arn:${ctx.partition}:ec2:${ctx.region}::snapshot/*`;
  return [
    {
      Sid: 'DescribeVolumesAndInstances',
      Effect: 'Allow',
      Action: [
        'ec2:DescribeAvailabilityZones',
        'ec2:DescribeInstances',
        'ec2:DescribeSnapshots',
        'ec2:DescribeTags',
        'ec2:DescribeVolumes',
        'ec2:DescribeVolumesModifications',
      ],
      // Wildcard required: EC2 Describe actions do not support resource-level permissions.
      Resource: NO_RESOURCE_LEVEL_PERMISSIONS,
      Condition: { StringEquals: { 'aws:RequestedRegion': ctx.region } },
    },
    { Sid: 'SnapshotAndModifyVolumes', Effect: 'Allow', Action: ['ec2:CreateSnapshot', 'ec2:ModifyVolume'], Resource: [volumes, snapshots] },
    { Sid: 'AttachVolumes', Effect: 'Allow', Action: ['ec2:AttachVolume', 'ec2:DetachVolume'], Resource: [volumes, ec2(ctx, 'instance/*')] },
    {
      Sid: 'CreateTaggedVolumes',
      Effect: 'Allow',
      Action: ['ec2:CreateVolume'],
      Resource: [volumes],
      Condition: { StringLike: { 'aws:RequestTag/ebs.csi.aws.com/cluster': 'true' } },
    },
    { Sid: 'CreateVolumesFromSnapshots', Effect: 'Allow', Action: ['ec2:CreateVolume'], Resource: [snapshots] },
    {
      Sid: 'TagOnCreate',
      Effect: 'Allow',
      Action: ['ec2:CreateTags'],
      Resource: [volumes, snapshots],
      Condition: { StringEquals: { 'ec2:CreateAction': ['CreateVolume', 'CreateSnapshot'] } },
    },
    {
      Sid: 'DeleteDriverVolumes',
      Effect: 'Allow',
      Action: ['ec2:DeleteVolume'],
      Resource: [volumes],
      Condition: { StringLike: { 'ec2:ResourceTag/ebs.csi.aws.com/cluster': 'true' } },
    },
    {
      Sid: 'DeleteDriverSnapshots',
      Effect: 'Allow',
      Action: ['ec2:DeleteSnapshot'],
      Resource: [snapshots],
      Condition: { StringLike: { 'ec2:ResourceTag/ebs.csi.aws.com/cluster': 'true' } },
    },
    ebsKeyThroughEc2(ctx, 'UseEbsKeyForVolumes'),
  ];
}

/**
 * external-dns: manage records of the environment's hosted zone only.
 * @see https://kubernetes-sigs.github.io/external-dns/latest/docs/tutorials/aws/#iam-policy
 */
export function route53RecordsStatements(ctx: PermissionContext): PolicyStatement[] {
  return [
    {
      Sid: 'ManageZoneRecords',
      Effect: 'Allow',
      Action: ['route53:ChangeResourceRecordSets', 'route53:ListResourceRecordSets', 'route53:ListTagsForResource', 'route53:ListTagsForResources'],
      Resource: [ctx.hostedZoneArn()],
    },
    {
      Sid: 'ListHostedZones',
      Effect: 'Allow',
      Action: ['route53:ListHostedZones'],
      // Wildcard required: ListHostedZones has no resource type.
      Resource: NO_RESOURCE_LEVEL_PERMISSIONS,
    },
  ];
}

/**
 * cert-manager DNS-01: create and delete `_acme-challenge` TXT records in the environment's zone only.
 * @see https://cert-manager.io/docs/configuration/acme/dns01/route53/#set-up-an-iam-policy
 */
export function route53Dns01Statements(ctx: PermissionContext): PolicyStatement[] {
  return [
    { Sid: 'GetChangeStatus', Effect: 'Allow', Action: ['route53:GetChange'], Resource: [`arn:${ctx.partition}:route53:::change/*`] },
    {
      Sid: 'ChangeAcmeChallengeRecords',
      Effect: 'Allow',
      Action: ['route53:ChangeResourceRecordSets'],
      Resource: [ctx.hostedZoneArn()],
      Condition: {
        'ForAllValues:StringLike': { 'route53:ChangeResourceRecordSetsNormalizedRecordNames': ['_acme-challenge.*'] },
        'ForAllValues:StringEquals': { 'route53:ChangeResourceRecordSetsRecordTypes': ['TXT'] },
      },
    },
    { Sid: 'ListZoneRecords', Effect: 'Allow', Action: ['route53:ListResourceRecordSets'], Resource: [ctx.hostedZoneArn()] },
    {
      Sid: 'FindHostedZone',
      Effect: 'Allow',
      Action: ['route53:ListHostedZonesByName'],
      // Wildcard required: ListHostedZonesByName has no resource type.
      Resource: NO_RESOURCE_LEVEL_PERMISSIONS,
    },
  ];
}

/**
 * OpenBao `awskms` seal: wrap and unwrap the root key with the dedicated unseal CMK.
 * @see https://openbao.org/docs/configuration/seal/awskms/
 */
export function kmsUnsealStatements(ctx: PermissionContext): PolicyStatement[] {
  return [{ Sid: 'UnsealWithDedicatedKey', Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey'], Resource: [ctx.unsealKeyArn()] }];
}

/** The key prefix an entry owns in its purpose bucket (`podIdentityObjectPrefix` of the shared contract). */
export function workloadObjectPrefix(entryId: string): string {
  return podIdentityObjectPrefix({ id: entryId });
}

/**
 * Read and write the entry's own prefix (`workloadObjectPrefix`) of exactly one purpose bucket, and
 * use the bucket's CMK through S3 only. Object actions name `<bucket ARN>/<entry id>/*`, so no entry
 * can read, write or delete another entry's objects.
 *
 * `s3:ListBucket` is conditioned with `StringLikeIfExists` on `s3:prefix` `<entry id>/*`: a listing
 * with another prefix is refused, but requests that carry no prefix are allowed, because
 * `HeadBucket` (authorized by `s3:ListBucket`, and called by barman-cloud for CloudNativePG backups
 * and by most S3 clients to check the bucket) has no `s3:prefix`. The accepted consequence: a
 * listing without prefix returns the key names of every entry's objects in the shared bucket (names
 * only; their contents stay unreadable). `s3:GetBucketLocation` and `s3:ListBucketMultipartUploads`
 * support no prefix condition; they reveal bucket metadata and in-progress upload keys, never object data.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html#condition-key-bucket-ops-2
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html
 */
export function s3BucketStatements(ctx: PermissionContext, purpose: Parameters<PermissionContext['bucketName']>[0], entryId: string): PolicyStatement[] {
  const arn = `arn:${ctx.partition}:s3:::${ctx.bucketName(purpose)}`;
  const prefix = workloadObjectPrefix(entryId);
  const sidSuffix = purpose.charAt(0).toUpperCase() + purpose.slice(1);
  return [
    {
      Sid: `List${sidSuffix}BucketOwnPrefix`,
      Effect: 'Allow',
      Action: ['s3:ListBucket'],
      Resource: [arn],
      Condition: { StringLikeIfExists: { 's3:prefix': [`${prefix}*`] } },
    },
    { Sid: `Locate${sidSuffix}Bucket`, Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:ListBucketMultipartUploads'], Resource: [arn] },
    {
      Sid: `ReadWrite${sidSuffix}OwnObjects`,
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      Resource: [`${arn}/${prefix}*`],
    },
    {
      Sid: `Use${sidSuffix}BucketKey`,
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
      Resource: [ctx.bucketKeyArn(purpose)],
      Condition: { StringEquals: { 'kms:ViaService': `s3.${ctx.region}.amazonaws.com` } },
    },
  ];
}

/**
 * Velero EBS snapshots (velero-plugin-for-aws): snapshot volumes, restore volumes from snapshots,
 * delete only snapshots Velero tagged (`velero.io/backup`), and use the EBS CMK through EC2.
 * @see https://github.com/vmware-tanzu/velero-plugin-for-aws#set-permissions-for-velero
 */
export function ebsSnapshotsStatements(ctx: PermissionContext): PolicyStatement[] {
  const volumes = ec2(ctx, 'volume/*');
  const snapshots = `arn:${ctx.partition}:ec2:${ctx.region}::snapshot/*`;
  return [
    {
      Sid: 'DescribeVolumesAndSnapshots',
      Effect: 'Allow',
      Action: ['ec2:DescribeVolumes', 'ec2:DescribeSnapshots'],
      // Wildcard required: EC2 Describe actions do not support resource-level permissions.
      Resource: NO_RESOURCE_LEVEL_PERMISSIONS,
      Condition: { StringEquals: { 'aws:RequestedRegion': ctx.region } },
    },
    { Sid: 'SnapshotAndRestoreVolumes', Effect: 'Allow', Action: ['ec2:CreateSnapshot', 'ec2:CreateVolume'], Resource: [volumes, snapshots] },
    {
      Sid: 'TagSnapshotsAndVolumesOnCreate',
      Effect: 'Allow',
      Action: ['ec2:CreateTags'],
      Resource: [volumes, snapshots],
      Condition: { StringEquals: { 'ec2:CreateAction': ['CreateSnapshot', 'CreateVolume'] } },
    },
    {
      Sid: 'DeleteVeleroSnapshots',
      Effect: 'Allow',
      Action: ['ec2:DeleteSnapshot'],
      Resource: [snapshots],
      Condition: { Null: { 'aws:ResourceTag/velero.io/backup': 'false' } },
    },
    ebsKeyThroughEc2(ctx, 'UseEbsKeyForSnapshots'),
  ];
}

/**
 * Push (and read back) images in the environment's application repositories only.
 * @see https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-push-iam.html
 */
export function ecrPushStatements(ctx: PermissionContext): PolicyStatement[] {
  return [
    {
      Sid: 'EcrLogin',
      Effect: 'Allow',
      Action: ['ecr:GetAuthorizationToken'],
      // Wildcard required: ecr:GetAuthorizationToken does not support resource-level permissions.
      Resource: NO_RESOURCE_LEVEL_PERMISSIONS,
    },
    {
      Sid: 'PushToEnvironmentRepositories',
      Effect: 'Allow',
      Action: [
        'ecr:BatchCheckLayerAvailability',
        'ecr:BatchGetImage',
        'ecr:CompleteLayerUpload',
        'ecr:GetDownloadUrlForLayer',
        'ecr:InitiateLayerUpload',
        'ecr:PutImage',
        'ecr:UploadLayerPart',
      ],
      Resource: [ctx.ecrRepositoriesArn],
    },
  ];
}

/**
 * The statements of one permission of the contract entry `entryId` (the id scopes shared
 * resources, e.g. the entry's own prefix in a shared bucket).
 */
export function permissionStatements(ctx: PermissionContext, permission: AwsPermission, entryId: string): PolicyStatement[] {
  switch (permission.kind) {
    case 'karpenter-controller':
      return karpenterControllerStatements(ctx);
    case 'aws-load-balancer-controller':
      return awsLoadBalancerControllerStatements(ctx);
    case 'ebs-csi-driver':
      return ebsCsiDriverStatements(ctx);
    case 'route53-records':
      return route53RecordsStatements(ctx);
    case 'route53-dns01':
      return route53Dns01Statements(ctx);
    case 'kms-unseal':
      return kmsUnsealStatements(ctx);
    case 's3-bucket':
      return s3BucketStatements(ctx, permission.bucket, entryId);
    case 'ebs-snapshots':
      return ebsSnapshotsStatements(ctx);
    case 'ecr-push':
      return ecrPushStatements(ctx);
  }
}
