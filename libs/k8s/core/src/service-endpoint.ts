/**
 * A typed reference to an in-cluster Service port, exported by the add-on that owns the Service and
 * passed to its consumers as an object, so no hostname is ever typed by hand. Renders as the
 * cluster-local DNS name `<service>.<namespace>.svc.cluster.local`.
 */
export interface ServiceEndpoint {
  readonly namespace: string;
  /** Service name. */
  readonly service: string;
  readonly port: number;
  /** URL scheme of the port. @default 'http' */
  readonly scheme?: 'http' | 'https' | 'grpc' | 'tcp';
  /** Path appended by `serviceUrl`, starting with `/`. @default '' */
  readonly path?: string;
}

/** `<service>.<namespace>.svc.cluster.local`. */
export function serviceHost(endpoint: ServiceEndpoint): string {
  return `${endpoint.service}.${endpoint.namespace}.svc.cluster.local`;
}

/** `<scheme>://<service>.<namespace>.svc.cluster.local:<port><path>`. */
export function serviceUrl(endpoint: ServiceEndpoint): string {
  return `${endpoint.scheme ?? 'http'}://${serviceHost(endpoint)}:${endpoint.port}${endpoint.path ?? ''}`;
}

/** `<service>.<namespace>.svc.cluster.local:<port>` (gRPC targets, Kafka bootstrap servers). */
export function serviceAddress(endpoint: ServiceEndpoint): string {
  return `${serviceHost(endpoint)}:${endpoint.port}`;
}
