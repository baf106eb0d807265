import type { EnvironmentConfig } from '@platform/config';
import { Addon } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import type { KarpenterCrdValues } from './karpenter-values';

/** Namespace of the Karpenter controller (and of the contract entry `karpenter`). */
export const KARPENTER_NAMESPACE = 'karpenter';

export interface KarpenterCrdAddonProps {
  readonly env: EnvironmentConfig;
}

/**
 * The karpenter-crd chart: NodePool, NodeClaim and EC2NodeClass CRDs as templates, so they are
 * upgraded with the chart (Helm never upgrades a chart's `crds/` folder). Synced in an earlier wave
 * than the controller, whose Application skips its own `crds/`. Server-side apply: the
 * EC2NodeClass CRD exceeds the client-side last-applied annotation limit.
 * @see https://karpenter.sh/docs/upgrading/upgrade-guide/#crd-upgrades
 */
export class KarpenterCrdAddon extends Addon<KarpenterCrdValues> {
  constructor(scope: Construct, id: string, props: KarpenterCrdAddonProps) {
    super(scope, id, {
      env: props.env,
      name: 'karpenter-crd',
      description: 'Karpenter CRDs (NodePool, NodeClaim, EC2NodeClass)',
      namespace: { name: KARPENTER_NAMESPACE, workloads: false },
      chart: { key: 'karpenter-crd', values: { additionalAnnotations: {} }, serverSideApply: true },
    });
  }
}
