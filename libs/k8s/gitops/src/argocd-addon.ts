import type { EnvironmentConfig } from '@platform/config';
import { Addon, EGRESS_KUBE_API } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import { ARGOCD_NAMESPACE, argoCdValues } from './argocd-settings';
import type { ArgoCdValues } from './argocd-values';

export interface ArgoCdAddonProps {
  readonly env: EnvironmentConfig;
}

/**
 * ArgoCD managing itself: the argo-cd chart with the same typed values the bootstrap `helm install`
 * uses (`argoCdValues(env)`), so the first reconcile is a no-op. The `argocd` namespace is created
 * by the bootstrap; the baseline adds its NetworkPolicies. Server-side apply: the Application and
 * ApplicationSet CRDs exceed the 256 KiB client-side last-applied annotation limit. No cascade
 * delete: deleting this Application must never uninstall ArgoCD.
 */
export class ArgoCdAddon extends Addon<ArgoCdValues> {
  constructor(scope: Construct, id: string, props: ArgoCdAddonProps) {
    super(scope, id, {
      env: props.env,
      name: 'argocd',
      description: 'ArgoCD (self-managed): syncs every add-on from the GitOps repo',
      namespace: {
        name: ARGOCD_NAMESPACE,
        managedBy: 'external',
        egress: [
          EGRESS_KUBE_API,
          { description: 'Git and Helm/OCI chart repositories over HTTPS', peer: 'anywhere', ports: [{ port: 443 }] },
          { description: 'Git repositories over SSH', peer: 'anywhere', ports: [{ port: 22 }] },
        ],
      },
      chart: { key: 'argo-cd', values: argoCdValues(props.env), serverSideApply: true },
      cascadeDelete: false,
    });
  }
}
