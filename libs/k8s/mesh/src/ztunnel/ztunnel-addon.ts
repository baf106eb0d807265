import { type EnvironmentConfig, ZTUNNEL } from '@platform/config';
import { Addon } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import type { ContainerResources } from '../istiod/istiod-values';
import { ISTIO_IMAGE_TAG, ISTIO_NAMESPACE, ISTIO_NAMESPACE_POD_SECURITY, ISTIOD_PORTS, istioHub } from '../istio-namespace';
import { ISTIOD_POD_LABELS } from '../istiod/istiod-addon';

/** Pod labels of ztunnel (chart `app: ztunnel`). */
export const ZTUNNEL_POD_LABELS = { app: 'ztunnel' } as const;

/** ztunnel sizing per node (chart default requests 200m/512Mi, no limit). */
export const ZTUNNEL_RESOURCES = { requests: { cpu: '200m', memory: '512Mi' }, limits: { memory: '1Gi' } } as const;

/**
 * Typed subset of the Istio `ztunnel` chart 1.30.3 values (image keys at the top level). The DaemonSet
 * runs as `system-node-critical` (set by the chart): without ztunnel a node's meshed pods have no network.
 * @see ../shared/upstream/charts/ztunnel/1.30.3/values.yaml
 */
export interface ZtunnelValues {
  readonly hub: string;
  readonly tag: string;
  readonly variant: 'distroless';
  readonly resources: ContainerResources;
  readonly logAsJson: boolean;
  readonly istioNamespace: string;
}

export interface ZtunnelAddonProps {
  readonly env: EnvironmentConfig;
  readonly dependsOn: readonly Addon[];
}

/**
 * ztunnel, the ambient node proxy: mTLS (HBONE, port 15008) between meshed pods and L4
 * AuthorizationPolicies by SPIFFE identity. Fetches config and certificates from istiod (15012).
 * @see https://istio.io/latest/docs/ambient/architecture/data-plane/
 */
export class ZtunnelAddon extends Addon<ZtunnelValues> {
  constructor(scope: Construct, id: string, props: ZtunnelAddonProps) {
    const { env } = props;
    super(scope, id, {
      env,
      declaration: ZTUNNEL,
      dependsOn: props.dependsOn,
      namespace: {
        name: ISTIO_NAMESPACE,
        podSecurity: ISTIO_NAMESPACE_POD_SECURITY,
        podSelector: ZTUNNEL_POD_LABELS,
        egress: [{ description: 'xDS and certificate signing (CSR) from istiod', peer: { namespace: ISTIO_NAMESPACE, podLabels: ISTIOD_POD_LABELS }, ports: [{ port: ISTIOD_PORTS.xds }] }],
      },
      chart: {
        values: { hub: istioHub(env), tag: ISTIO_IMAGE_TAG, variant: 'distroless', resources: ZTUNNEL_RESOURCES, logAsJson: true, istioNamespace: ISTIO_NAMESPACE },
      },
    });
  }
}
