import type { EnvironmentConfig } from '@platform/config';
import {
  NodePool,
  NodePoolSpecDisruptionConsolidationPolicy,
  NodePoolSpecLimits,
  NodePoolSpecTemplateSpecRequirementsOperator,
  type NodePoolSpecTemplateSpecRequirements,
  type NodePoolSpecTemplateSpecTaints,
} from '@platform/k8s-imports/karpenter.sh';
import { Construct } from 'constructs';
import { DEFAULT_NODE_CLASS } from './karpenter-node-class';

/** One pool of `karpenter.onDemand` / `karpenter.spot`. */
export type KarpenterPoolConfig = NonNullable<EnvironmentConfig['karpenter']['spot']>;

/** Node label every platform NodePool sets on its nodes, value = the NodePool name (nodeSelector key). */
export const NODE_POOL_LABEL = 'platform.io/node-pool';

/** Oldest EC2 instance generation allowed (Nitro, current pricing). */
export const MIN_INSTANCE_GENERATION = 5;
/** Longest a draining node may take before Karpenter forces termination. @see https://karpenter.sh/docs/concepts/disruption/#terminationgraceperiod */
export const TERMINATION_GRACE_PERIOD = '24h';

export interface KarpenterNodePoolProps {
  /** Node lifetime before replacement (`karpenter.expireAfter`), e.g. `720h`. */
  readonly expireAfter: string;
  /** NodePool name. */
  readonly name: string;
  readonly capacityType: 'on-demand' | 'spot';
  readonly pool: KarpenterPoolConfig;
  /** Karpenter tries higher-weight pools first. @default none (lowest) */
  readonly weight?: number;
  /** Share of the pool's nodes that may be disrupted at once, e.g. `10%`. */
  readonly disruptionBudget: string;
  /** EC2NodeClass of the nodes. @default DEFAULT_NODE_CLASS (`default`) */
  readonly nodeClassName?: string;
  /** Taints of the nodes: only pods tolerating them land here. @default [] */
  readonly taints?: readonly NodePoolSpecTemplateSpecTaints[];
  /**
   * `WhenEmptyOrUnderutilized` (also moves pods to pack nodes) or `WhenEmpty` (never evicts running
   * pods, for pools of run-to-completion pods such as builds). @default WhenEmptyOrUnderutilized
   */
  readonly consolidationPolicy?: NodePoolSpecDisruptionConsolidationPolicy;
  /** Availability Zones no node may be launched into (`karpenter.excludedZones`): a `topology.kubernetes.io/zone NotIn` requirement. @default [] */
  readonly excludedZones?: readonly string[];
}

/** Well-known node label of the Availability Zone. @see https://kubernetes.io/docs/reference/labels-annotations-taints/#topologykubernetesiozone */
export const ZONE_LABEL = 'topology.kubernetes.io/zone';

/**
 * A NodePool: linux nodes of one capacity type, the configured instance categories and
 * architectures (generation > 5), outside the excluded zones, labelled `platform.io/node-pool: <name>`, optionally tainted,
 * capped by `cpuLimit` vCPU and `memoryLimitGiB`, consolidated (WhenEmptyOrUnderutilized unless
 * set) after `consolidateAfter`, replaced after `expireAfter`.
 * @throws Error naming the pool when `disruptionBudget` is not a percentage or a node count
 */
export class KarpenterNodePool extends Construct {
  public readonly nodePool: NodePool;

  constructor(scope: Construct, id: string, props: KarpenterNodePoolProps) {
    super(scope, id);
    const { pool } = props;
    if (!/^(\d+%|\d+)$/.test(props.disruptionBudget)) {
      throw new Error(`KarpenterNodePool ${props.name}: disruptionBudget "${props.disruptionBudget}" must be a percentage (10%) or a node count`);
    }
    const In = NodePoolSpecTemplateSpecRequirementsOperator.IN;
    const requirements: NodePoolSpecTemplateSpecRequirements[] = [
      { key: 'karpenter.sh/capacity-type', operator: In, values: [props.capacityType] },
      { key: 'karpenter.k8s.aws/instance-category', operator: In, values: [...pool.instanceCategories] },
      { key: 'karpenter.k8s.aws/instance-generation', operator: NodePoolSpecTemplateSpecRequirementsOperator.GT, values: [String(MIN_INSTANCE_GENERATION)] },
      { key: 'kubernetes.io/arch', operator: In, values: [...pool.architectures] },
      { key: 'kubernetes.io/os', operator: In, values: ['linux'] },
      ...(props.excludedZones && props.excludedZones.length > 0 ? [{ key: ZONE_LABEL, operator: NodePoolSpecTemplateSpecRequirementsOperator.NOT_IN, values: [...props.excludedZones].sort() }] : []),
    ];
    this.nodePool = new NodePool(this, 'node-pool', {
      metadata: { name: props.name },
      spec: {
        ...(props.weight === undefined ? {} : { weight: props.weight }),
        template: {
          metadata: { labels: { [NODE_POOL_LABEL]: props.name } },
          spec: {
            nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: props.nodeClassName ?? DEFAULT_NODE_CLASS },
            requirements,
            ...(props.taints && props.taints.length > 0 ? { taints: [...props.taints] } : {}),
            expireAfter: props.expireAfter,
            terminationGracePeriod: TERMINATION_GRACE_PERIOD,
          },
        },
        limits: { cpu: NodePoolSpecLimits.fromString(String(pool.cpuLimit)), memory: NodePoolSpecLimits.fromString(`${pool.memoryLimitGiB}Gi`) },
        disruption: {
          consolidationPolicy: props.consolidationPolicy ?? NodePoolSpecDisruptionConsolidationPolicy.WHEN_EMPTY_OR_UNDERUTILIZED,
          consolidateAfter: pool.consolidateAfter,
          budgets: [{ nodes: props.disruptionBudget }],
        },
      },
    });
  }
}
