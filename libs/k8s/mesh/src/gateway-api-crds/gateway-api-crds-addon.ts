import { type EnvironmentConfig, GATEWAY_API_CRDS } from '@platform/config';
import { Addon } from '@platform/k8s-core';
import type { Construct } from 'constructs';

export interface GatewayApiCrdsAddonProps {
  readonly env: EnvironmentConfig;
  readonly dependsOn: readonly Addon[];
}

/**
 * The Gateway API CRDs (standard channel, the declaration's pinned tag), synced from the upstream
 * repository in a wave before istiod and Argo Rollouts. CRD-only: no pods, no namespace of its own,
 * never cascades deletes (deleting a CRD deletes every Gateway and HTTPRoute).
 */
export class GatewayApiCrdsAddon extends Addon {
  constructor(scope: Construct, id: string, props: GatewayApiCrdsAddonProps) {
    super(scope, id, {
      env: props.env,
      declaration: GATEWAY_API_CRDS,
      dependsOn: props.dependsOn,
      cascadeDelete: false,
      namespace: { name: 'kube-system', managedBy: 'external', workloads: false },
    });
  }
}
