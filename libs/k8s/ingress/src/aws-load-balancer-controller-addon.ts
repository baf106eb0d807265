import { clusterName, type EnvironmentConfig, mandatoryTags, podIdentityEntry } from '@platform/config';
import { Addon, EGRESS_AWS_APIS, EGRESS_KUBE_API, ingressWebhook } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import type { AwsLoadBalancerControllerValues } from './aws-load-balancer-controller-values';

/** Pod identity contract entry of the controller. */
export const ALB_CONTROLLER_POD_IDENTITY = 'aws-load-balancer-controller';
/** The controller's webhook server port. @see chart value `webhookBindPort` (default 9443) */
export const ALB_CONTROLLER_WEBHOOK_PORT = 9443;

export interface AwsLoadBalancerControllerAddonProps {
  readonly env: EnvironmentConfig;
  readonly dependsOn: readonly Addon[];
}

/**
 * AWS Load Balancer Controller in kube-system, running as the contract ServiceAccount. The VPC is
 * not known on the Kubernetes side: instead of `vpcId` (or IMDS, which the hop limit of 1 blocks
 * for pods) the controller gets `region` and finds the VPC by its `Name` tag, which the network
 * stack sets to the cluster name. LBs it creates carry the mandatory cost tags.
 */
export class AwsLoadBalancerControllerAddon extends Addon<AwsLoadBalancerControllerValues> {
  constructor(scope: Construct, id: string, props: AwsLoadBalancerControllerAddonProps) {
    const { env } = props;
    const entry = podIdentityEntry(env, ALB_CONTROLLER_POD_IDENTITY);
    const tags = mandatoryTags(env);
    super(scope, id, {
      env,
      name: 'aws-load-balancer-controller',
      description: 'ALB/NLB for Ingress and Service objects',
      dependsOn: props.dependsOn,
      podIdentities: [ALB_CONTROLLER_POD_IDENTITY],
      namespace: {
        name: entry.namespace,
        managedBy: 'external',
        podSelector: { 'app.kubernetes.io/name': 'aws-load-balancer-controller' },
        ingress: [ingressWebhook(ALB_CONTROLLER_WEBHOOK_PORT)],
        egress: [EGRESS_KUBE_API, EGRESS_AWS_APIS],
      },
      chart: {
        key: 'aws-load-balancer-controller',
        values: {
          clusterName: clusterName(env),
          region: env.aws.region,
          vpcTags: { Name: clusterName(env) },
          serviceAccount: { create: false, name: entry.serviceAccount },
          replicaCount: 2,
          resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } },
          podDisruptionBudget: { maxUnavailable: 1 },
          defaultTargetType: 'ip',
          defaultTags: { Environment: tags['Environment'] as string, Owner: tags['Owner'] as string, CostCenter: tags['CostCenter'] as string },
          logLevel: 'info',
          // off: the chart default (true) intercepts every Service create with failurePolicy Fail;
          // a Service that wants an NLB from this controller sets `spec.loadBalancerClass: service.k8s.aws/nlb`
          enableServiceMutatorWebhook: false,
        },
      },
    });
  }
}
