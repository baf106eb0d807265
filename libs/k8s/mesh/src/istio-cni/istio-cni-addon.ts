import { type EnvironmentConfig, ISTIO_CNI } from '@platform/config';
import { Addon, EGRESS_KUBE_API } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import type { ContainerResources } from '../istiod/istiod-values';
import { ISTIO_IMAGE_TAG, ISTIO_NAMESPACE, ISTIO_NAMESPACE_POD_SECURITY, istioHub } from '../istio-namespace';

/** Pod labels of the istio-cni node agent (chart `k8s-app: istio-cni-node`). */
export const ISTIO_CNI_POD_LABELS = { 'k8s-app': 'istio-cni-node' } as const;

/** Node agent sizing (chart default requests 100m/100Mi, no limit). */
export const ISTIO_CNI_RESOURCES = { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } } as const;

/**
 * Typed subset of the Istio `cni` chart 1.30.3 values (defaults under `_internal_defaults_do_not_set`).
 * The DaemonSet runs as `system-node-critical` (set by the chart): a node without it cannot start meshed pods.
 * @see ../shared/upstream/charts/cni/1.30.3/values.yaml
 */
export interface IstioCniValues {
  /** Chain after the VPC CNI (`aws-node`) instead of replacing it. @see values.yaml `chained` */
  readonly chained: true;
  readonly ambient: { readonly enabled: boolean; readonly dnsCapture: boolean; readonly ipv6: boolean };
  /** Namespaces whose pods are never redirected. @see values.yaml `excludeNamespaces` */
  readonly excludeNamespaces: readonly string[];
  readonly resources: ContainerResources;
  readonly global: { readonly hub: string; readonly tag: string; readonly variant: 'distroless'; readonly logAsJson: boolean };
}

export interface IstioCniAddonProps {
  readonly env: EnvironmentConfig;
  readonly dependsOn: readonly Addon[];
}

/**
 * The istio-cni node agent, chained after the Amazon VPC CNI: in ambient mode it redirects meshed
 * pods' traffic to ztunnel and SNATs kubelet probes to 169.254.7.127. EKS needs no platform profile
 * (the VPC CNI uses the default `/opt/cni/bin` and `/etc/cni/net.d`); the one EKS prerequisite,
 * `POD_SECURITY_GROUP_ENFORCING_MODE=standard` on aws-node, applies only to security groups for pods,
 * which the platform does not enable (ADR 0020).
 * @see https://istio.io/latest/docs/ambient/install/platform-prerequisites/#amazon-elastic-kubernetes-service-eks
 */
export class IstioCniAddon extends Addon<IstioCniValues> {
  constructor(scope: Construct, id: string, props: IstioCniAddonProps) {
    const { env } = props;
    super(scope, id, {
      env,
      declaration: ISTIO_CNI,
      dependsOn: props.dependsOn,
      namespace: { name: ISTIO_NAMESPACE, podSecurity: ISTIO_NAMESPACE_POD_SECURITY, podSelector: ISTIO_CNI_POD_LABELS, egress: [EGRESS_KUBE_API] },
      chart: {
        values: {
          chained: true,
          ambient: { enabled: env.mesh.dataplaneMode === 'ambient', dnsCapture: true, ipv6: false },
          excludeNamespaces: ['kube-system', ISTIO_NAMESPACE],
          resources: ISTIO_CNI_RESOURCES,
          global: { hub: istioHub(env), tag: ISTIO_IMAGE_TAG, variant: 'distroless', logAsJson: true },
        },
      },
    });
  }
}
