import type { PolicyStatement } from '@platform/aws-core';
import type { PermissionContext } from '../permission-context';
import { ec2, elb, NO_RESOURCE_LEVEL_PERMISSIONS } from './shared';

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
