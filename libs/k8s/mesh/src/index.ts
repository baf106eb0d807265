/** Public API of @platform/k8s-mesh: Istio ambient, zero-trust flows, Gateway API ingress, Argo Rollouts. */
export * from './flows/authorization-policy';
export * from './flows/mesh-flow';
export * from './flows/mesh-flow-policies';
export * from './flows/meshed-namespace-policies';
export * from './flows/waypoint';
export * from './gateway-api-crds/gateway-api-crds-addon';
export * from './istio-base/istio-base-addon';
export * from './istio-cni/istio-cni-addon';
export * from './istio-ingress/ingress-gateway';
export * from './istio-ingress/istio-ingress-addon';
export * from './istio-ingress/mesh-telemetry';
export * from './istio-ingress/strict-mtls';
export * from './istio-namespace';
export * from './istiod/istiod-addon';
export * from './istiod/istiod-values';
export * from './mesh-addons';
export * from './ztunnel/ztunnel-addon';
