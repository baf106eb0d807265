import { type EnvironmentConfig, KARPENTER_CRD } from '@platform/config';
import { Addon } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import type { KarpenterCrdValues } from '../karpenter/karpenter-values';

/** Namespace of the Karpenter controller (and of the contract entry `karpenter`). */
export const KARPENTER_NAMESPACE = 'karpenter';

export interface KarpenterCrdAddonProps {
  readonly env: EnvironmentConfig;
}

/**
 * ArgoCD keeps the CRDs when the Application is deleted: deleting a CRD deletes every NodePool,
 * NodeClaim and EC2NodeClass, i.e. drains the Karpenter-launched nodes.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/#no-resource-deletion
 */
export const KARPENTER_CRD_ANNOTATIONS = { 'argocd.argoproj.io/sync-options': 'Delete=false' } as const;

/**
 * The karpenter-crd chart: NodePool, NodeClaim and EC2NodeClass CRDs as templates, so they are
 * upgraded with the chart (Helm never upgrades a chart's `crds/` folder). Synced in an earlier wave
 * than the controller, whose Application skips its own `crds/`. The CRDs carry `Delete=false`
 * (chart value `additionalAnnotations`). Server-side apply: the largest CRD (EC2NodeClass, about
 * 57 KB) is well below the 256 KiB last-applied annotation limit, but server-side apply tracks
 * field ownership, so the conversion-webhook settings the controller injects into the CRDs are
 * not reverted on every sync, and no multi-KB last-applied copy is stored per CRD.
 * @see https://karpenter.sh/docs/upgrading/upgrade-guide/#crd-upgrades
 */
export class KarpenterCrdAddon extends Addon<KarpenterCrdValues> {
  constructor(scope: Construct, id: string, props: KarpenterCrdAddonProps) {
    super(scope, id, {
      env: props.env,
      declaration: KARPENTER_CRD,
      namespace: { name: KARPENTER_NAMESPACE, workloads: false },
      chart: { values: { additionalAnnotations: { ...KARPENTER_CRD_ANNOTATIONS } }, serverSideApply: true },
    });
  }
}
