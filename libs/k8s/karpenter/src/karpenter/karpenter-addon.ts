import { clusterName, discoveryTag, type EnvironmentConfig, interruptionQueueName, KARPENTER, karpenterNodeRoleName, mandatoryTags, podIdentityEntry } from '@platform/config';
import type { PriorityClassName } from '@platform/k8s-baseline';
import { Addon, EGRESS_AWS_APIS, EGRESS_KUBE_API, ebsKeyAliasArn } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import { KARPENTER_NAMESPACE } from '../karpenter-crd/karpenter-crd-addon';
import { NodePoolSpecDisruptionConsolidationPolicy, NodePoolSpecTemplateSpecTaintsEffect } from '@platform/k8s-imports/karpenter.sh';
import { BUILDS_ARCHITECTURE, BUILDS_NODE_POOL, BUILDS_TAINT, BUILDS_USER_DATA } from './builds-pool';
import { KarpenterNodeClass } from './karpenter-node-class';
import { KarpenterNodePool } from './karpenter-node-pool';
import type { KarpenterValues } from './karpenter-values';

/** Pod identity contract entry of the controller. */
export const KARPENTER_POD_IDENTITY = 'karpenter';

/**
 * Controller sizing: requests equal limits, as upstream recommends for a controller that must not
 * be throttled or OOM-killed. @see https://karpenter.sh/docs/getting-started/getting-started-with-karpenter/
 */
export const KARPENTER_CONTROLLER_RESOURCES = { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } as const;

/**
 * NodePool weights: Karpenter tries the higher weight first. The preferred pool (spot when
 * `karpenter.preferSpot`, else on-demand) gets `PREFERRED_POOL_WEIGHT`, the other one the fallback.
 * @see https://karpenter.sh/docs/concepts/scheduling/#weighted-nodepools
 */
export const PREFERRED_POOL_WEIGHT = 50;
export const FALLBACK_POOL_WEIGHT = 10;

/** PriorityClass of the controller (baseline `PRIORITY_CLASSES`): it provisions the capacity everything else needs. */
export const KARPENTER_PRIORITY_CLASS: PriorityClassName = 'platform-critical';

export interface KarpenterAddonProps {
  readonly env: EnvironmentConfig;
  /** The karpenter-crd add-on (earlier wave) and the baseline (namespace, ServiceAccount). */
  readonly dependsOn: readonly Addon[];
}

/**
 * Karpenter: the controller chart (CRDs skipped: karpenter-crd owns them) running as the contract
 * ServiceAccount, with `settings.clusterName`/`settings.interruptionQueue` from the naming helpers;
 * plus `kubernetes/addons/karpenter/`: the EC2NodeClass and the NodePools of `karpenter` config,
 * weighted so the pool `karpenter.preferSpot` selects is tried first, and the `builds` EC2NodeClass
 * (user namespaces enabled for rootless buildah) with its tainted, amd64-only NodePool
 * (`karpenter.builds`), consolidated only when empty so that no running build is evicted.
 */
export class KarpenterAddon extends Addon<KarpenterValues> {
  constructor(scope: Construct, id: string, props: KarpenterAddonProps) {
    const { env } = props;
    const serviceAccount = podIdentityEntry(env, KARPENTER_POD_IDENTITY).serviceAccount;
    super(scope, id, {
      env,
      declaration: KARPENTER,
      dependsOn: props.dependsOn,
      namespace: { name: KARPENTER_NAMESPACE, egress: [EGRESS_KUBE_API, EGRESS_AWS_APIS] },
      chart: {
        skipCrds: true,
        values: {
          serviceAccount: { create: false, name: serviceAccount },
          replicas: env.karpenter.controllerReplicas,
          podDisruptionBudget: { name: 'karpenter', maxUnavailable: 1 },
          priorityClassName: KARPENTER_PRIORITY_CLASS,
          logLevel: 'info',
          controller: { env: [{ name: 'AWS_REGION', value: env.aws.region }], resources: KARPENTER_CONTROLLER_RESOURCES },
          settings: { clusterName: clusterName(env), interruptionQueue: interruptionQueueName(env) },
        },
      },
    });
    const nodeClass = { amiAlias: env.karpenter.amiAlias, nodeRoleName: karpenterNodeRoleName(env), discoveryTag: discoveryTag(env), ebsKmsKeyArn: ebsKeyAliasArn(env), tags: mandatoryTags(env) };
    new KarpenterNodeClass(this.manifestFile('node-class'), 'node-class', nodeClass);
    const pools = this.manifestFile('node-pools');
    const preferSpot = env.karpenter.preferSpot && env.karpenter.spot !== undefined;
    const expireAfter = env.karpenter.expireAfter;
    // an impaired zone is excluded from every pool, the builds pool included (runbook dr-lose-an-az)
    const excludedZones = env.karpenter.excludedZones;
    new KarpenterNodePool(pools, 'on-demand', {
      expireAfter,
      name: 'general-on-demand',
      capacityType: 'on-demand',
      pool: env.karpenter.onDemand,
      weight: preferSpot ? FALLBACK_POOL_WEIGHT : PREFERRED_POOL_WEIGHT,
      disruptionBudget: '10%',
      excludedZones,
    });
    if (env.karpenter.spot) {
      new KarpenterNodePool(pools, 'spot', { expireAfter, name: 'general-spot', capacityType: 'spot', pool: env.karpenter.spot, weight: preferSpot ? PREFERRED_POOL_WEIGHT : FALLBACK_POOL_WEIGHT, disruptionBudget: '20%', excludedZones });
    }
    // the build capacity in its own file (`builds.yaml`): EC2NodeClass and NodePool `builds`
    const buildsFile = this.manifestFile(BUILDS_NODE_POOL);
    new KarpenterNodeClass(buildsFile, 'builds-node-class', { ...nodeClass, name: BUILDS_NODE_POOL, userData: BUILDS_USER_DATA });
    const builds = env.karpenter.builds;
    new KarpenterNodePool(buildsFile, 'builds', {
      expireAfter,
      name: BUILDS_NODE_POOL,
      capacityType: builds.capacityType,
      pool: { cpuLimit: builds.cpuLimit, memoryLimitGiB: builds.memoryLimitGiB, instanceCategories: builds.instanceCategories, architectures: [BUILDS_ARCHITECTURE], consolidateAfter: builds.consolidateAfter },
      nodeClassName: BUILDS_NODE_POOL,
      taints: [{ key: BUILDS_TAINT.key, value: BUILDS_TAINT.value, effect: NodePoolSpecTemplateSpecTaintsEffect.NO_SCHEDULE }],
      consolidationPolicy: NodePoolSpecDisruptionConsolidationPolicy.WHEN_EMPTY,
      disruptionBudget: '10%',
      excludedZones,
    });
  }
}
