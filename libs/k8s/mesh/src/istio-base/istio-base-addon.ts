import { type EnvironmentConfig, ISTIO_BASE } from '@platform/config';
import { Addon, type IgnoreDifference } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import { ISTIO_NAMESPACE, ISTIO_NAMESPACE_POD_SECURITY } from '../istio-namespace';

/**
 * Typed subset of the Istio `base` chart 1.30.3 values (defaults under `_internal_defaults_do_not_set`).
 * @see ../shared/upstream/charts/base/1.30.3/values.yaml
 */
export interface IstioBaseValues {
  readonly global: { readonly istioNamespace: string };
  /** The revision the default validation webhook and revision tag point at (canary upgrades move it). */
  readonly defaultRevision: string;
}

/**
 * istiod patches the CA bundle and flips `failurePolicy` to Fail on the validating webhook once it
 * serves it; without these entries every refresh shows drift and every sync reverts it.
 * @see https://istio.io/latest/docs/ops/common-problems/validation/
 */
export const ISTIO_WEBHOOK_IGNORE_DIFFERENCES: readonly IgnoreDifference[] = [
  { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration', jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle', '.webhooks[]?.failurePolicy'] },
  { group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration', jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle'] },
];

export interface IstioBaseAddonProps {
  readonly env: EnvironmentConfig;
  readonly dependsOn: readonly Addon[];
}

/**
 * Istio CRDs and the validating webhook configuration (chart `base`). The chart manages the CRDs as
 * templates (`base.enableCRDTemplates`), so they are upgraded with the chart; never cascades deletes.
 */
export class IstioBaseAddon extends Addon<IstioBaseValues> {
  constructor(scope: Construct, id: string, props: IstioBaseAddonProps) {
    super(scope, id, {
      env: props.env,
      declaration: ISTIO_BASE,
      dependsOn: props.dependsOn,
      cascadeDelete: false,
      namespace: { name: ISTIO_NAMESPACE, podSecurity: ISTIO_NAMESPACE_POD_SECURITY, workloads: false },
      // CRDs beyond the 256 KiB client-side apply annotation
      chart: { serverSideApply: true, ignoreDifferences: ISTIO_WEBHOOK_IGNORE_DIFFERENCES, values: { global: { istioNamespace: ISTIO_NAMESPACE }, defaultRevision: 'default' } },
    });
  }
}
