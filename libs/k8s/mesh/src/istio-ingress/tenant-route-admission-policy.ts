import { ROUTE_HOSTNAMES_SEPARATOR, TENANT_NAMESPACE_LABEL, TENANT_ROUTE_HOSTNAMES_ANNOTATION } from '@platform/config';
import { KubeValidatingAdmissionPolicy, KubeValidatingAdmissionPolicyBinding } from '@platform/k8s-imports/k8s';
import { Construct } from 'constructs';
import type { GatewayParentRef } from './gateway-parent-ref';

/** Name of the ValidatingAdmissionPolicy (and of its binding) guarding the shared Gateway's tenant routes. */
export const TENANT_ROUTE_POLICY_NAME = 'platform-gateway-tenant-routes';

/**
 * Route kinds the policy judges: every kind the Gateway's `HTTP`/`HTTPS` listeners accept (Istio attaches both
 * HTTPRoute and GRPCRoute to them). TLSRoute, TCPRoute and UDPRoute only attach to `TLS`/`TCP`/`UDP` listeners,
 * which the shared Gateway does not have.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#listener (allowedRoutes.kinds defaults from the protocol)
 */
export const TENANT_ROUTE_RESOURCES = ['httproutes', 'grpcroutes'] as const;

/** API group of the Gateway API kinds (parentRef `group` defaults to it). */
const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

export interface TenantRouteAdmissionPolicyProps {
  /** The listener tenant routes may attach to (`IngressGateway.parentRef`): namespace, name and `sectionName` are required. */
  readonly listener: GatewayParentRef;
  /** Port of that listener (parentRef `port`, when a route sets it, must equal it). */
  readonly listenerPort: number;
}

/** A CEL string literal. */
const lit = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * The admission guard of the shared ingress Gateway against route hijacking (ADR 0056): a cluster-scoped
 * `ValidatingAdmissionPolicy` (`failurePolicy: Fail`, evaluated in the API server, no webhook) on CREATE and
 * UPDATE of HTTPRoutes and GRPCRoutes, and its `ValidatingAdmissionPolicyBinding` (`validationActions: [Deny]`)
 * for the namespaces labelled `platform.io/tenant`. In a tenant namespace a route
 * - may name as parents only the shared Gateway's tenant listener (`namespace`, `name`, `sectionName` spelled out,
 *   `port` unset or the listener's) or a Service (a mesh route of the GAMMA profile, which never touches the Gateway);
 * - when it attaches to the Gateway, must list `spec.hostnames` (an empty list inherits the listener's wildcard
 *   `*.apps.<domain>`: every tenant's hosts), each one of its Namespace's annotation `platform.io/route-hostnames`
 *   (the baseline renders it from `tenants[].routeHosts` and the services' `route.host`; tenants cannot edit
 *   Namespaces). A wildcard hostname is never in that set.
 * Platform namespaces carry no tenant label and are not judged.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httproutespec (hostnames, parentRefs)
 * @throws Error naming the prop and value when the listener has no `sectionName`, or the port is not 1-65535
 */
export class TenantRouteAdmissionPolicy extends Construct {
  public readonly policy: KubeValidatingAdmissionPolicy;
  public readonly binding: KubeValidatingAdmissionPolicyBinding;

  constructor(scope: Construct, id: string, props: TenantRouteAdmissionPolicyProps) {
    super(scope, id);
    const { listener, listenerPort } = props;
    if (!listener.sectionName) throw new Error(`TenantRouteAdmissionPolicy: listener.sectionName is not set (listener ${listener.namespace}/${listener.name}); name the one listener tenant routes attach to`);
    if (!Number.isInteger(listenerPort) || listenerPort < 1 || listenerPort > 65535) throw new Error(`TenantRouteAdmissionPolicy: listenerPort ${listenerPort} is not a port (1-65535)`);
    const where = `${listener.namespace}/${listener.name} listener ${listener.sectionName}`;
    const group = (p: string) => `(has(${p}.group) ? ${p}.group : ${lit(GATEWAY_API_GROUP)})`;
    const kind = (p: string) => `(has(${p}.kind) ? ${p}.kind : 'Gateway')`;
    const isGateway = `(${group('p')} == ${lit(GATEWAY_API_GROUP)} && ${kind('p')} == 'Gateway')`;
    const isService = `(${group('p')} == '' && ${kind('p')} == 'Service')`;
    const isListener =
      `(has(p.namespace) && p.namespace == ${lit(listener.namespace)} && p.name == ${lit(listener.name)} && ` +
      `has(p.sectionName) && p.sectionName == ${lit(listener.sectionName)} && (!has(p.port) || p.port == ${listenerPort}))`;
    const annotations = 'namespaceObject.metadata.annotations';
    // every validation reads `object` and variables that read only `object` or `namespaceObject`: each field access is
    // type-checked against the route kinds' schemas (the test does it with the CRDs)
    this.policy = new KubeValidatingAdmissionPolicy(this, 'policy', {
      metadata: { name: TENANT_ROUTE_POLICY_NAME, labels: { 'app.kubernetes.io/part-of': 'platform' } },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: { resourceRules: [{ apiGroups: [GATEWAY_API_GROUP], apiVersions: ['*'], operations: ['CREATE', 'UPDATE'], resources: [...TENANT_ROUTE_RESOURCES] }] },
        variables: [
          {
            name: 'allowedHostnames',
            expression: `has(${annotations}) && ${lit(TENANT_ROUTE_HOSTNAMES_ANNOTATION)} in ${annotations} ? ${annotations}[${lit(TENANT_ROUTE_HOSTNAMES_ANNOTATION)}].split(${lit(ROUTE_HOSTNAMES_SEPARATOR)}) : []`,
          },
          { name: 'hostnames', expression: 'has(object.spec.hostnames) ? object.spec.hostnames : []' },
          { name: 'attachesToGateway', expression: `has(object.spec.parentRefs) && object.spec.parentRefs.exists(p, ${isGateway})` },
        ],
        validations: [
          {
            expression: `!has(object.spec.parentRefs) || object.spec.parentRefs.all(p, ${isGateway} || ${isService})`,
            message: `spec.parentRefs: a route in a tenant namespace attaches to the shared Gateway (${where}) or to a Service (mesh route) only`,
            reason: 'Forbidden',
          },
          {
            expression: `!has(object.spec.parentRefs) || object.spec.parentRefs.all(p, !${isGateway} || ${isListener})`,
            message: `spec.parentRefs: a tenant route attaches to the Gateway only as {group: ${GATEWAY_API_GROUP}, kind: Gateway, namespace: ${listener.namespace}, name: ${listener.name}, sectionName: ${listener.sectionName}} (port unset or ${listenerPort})`,
            reason: 'Forbidden',
          },
          {
            expression: '!variables.attachesToGateway || size(variables.hostnames) > 0',
            message: `spec.hostnames: a route on the shared Gateway must list its hostnames; without them it inherits the listener's wildcard and claims every tenant's hosts. List the hosts of the namespace's ${TENANT_ROUTE_HOSTNAMES_ANNOTATION} annotation`,
            reason: 'Forbidden',
          },
          {
            expression: '!variables.attachesToGateway || variables.hostnames.all(h, h in variables.allowedHostnames)',
            messageExpression:
              `'spec.hostnames: ' + variables.hostnames.filter(h, !(h in variables.allowedHostnames)).join(', ') + ' not allowed in namespace ' + namespaceObject.metadata.name + ` +
              `' (${TENANT_ROUTE_HOSTNAMES_ANNOTATION}: ' + (size(variables.allowedHostnames) == 0 ? 'none' : variables.allowedHostnames.join(', ')) + '); ` +
              `a hostname belongs to the tenant that declares it (tenants[].routeHosts or services[].route.host of the environment file)'`,
            message: `spec.hostnames: every hostname must be one of the namespace's ${TENANT_ROUTE_HOSTNAMES_ANNOTATION} annotation`,
            reason: 'Forbidden',
          },
        ],
      },
    });
    this.binding = new KubeValidatingAdmissionPolicyBinding(this, 'binding', {
      metadata: { name: TENANT_ROUTE_POLICY_NAME, labels: { 'app.kubernetes.io/part-of': 'platform' } },
      spec: {
        policyName: TENANT_ROUTE_POLICY_NAME,
        validationActions: ['Deny'],
        matchResources: { namespaceSelector: { matchExpressions: [{ key: TENANT_NAMESPACE_LABEL, operator: 'Exists' }] } },
      },
    });
  }
}
