/** A typed reference to a Gateway API `Gateway` listener, as HTTPRoute `spec.parentRefs` takes it. */
export interface GatewayParentRef {
  readonly group: 'gateway.networking.k8s.io';
  readonly kind: 'Gateway';
  readonly namespace: string;
  readonly name: string;
  /** Listener name; omit to attach to every listener that admits the route. */
  readonly sectionName?: string;
}
