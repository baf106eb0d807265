import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';

/** Typed subset of `security.istio.io/v1` AuthorizationPolicy. @see https://istio.io/latest/docs/reference/config/security/authorization-policy/ */
export interface AuthorizationPolicySpec {
  readonly selector?: { readonly matchLabels: Readonly<Record<string, string>> };
  /** Binds the policy to a waypoint (L7) instead of the workloads. */
  readonly targetRefs?: readonly { readonly group: string; readonly kind: string; readonly name: string }[];
  readonly action?: 'ALLOW' | 'DENY' | 'AUDIT' | 'CUSTOM';
  readonly rules?: readonly {
    readonly from?: readonly { readonly source: { readonly principals?: readonly string[]; readonly namespaces?: readonly string[] } }[];
    readonly to?: readonly { readonly operation: { readonly ports?: readonly string[]; readonly methods?: readonly string[]; readonly paths?: readonly string[] } }[];
  }[];
}

export interface AuthorizationPolicyProps {
  readonly name: string;
  readonly namespace: string;
  /** Why the policy exists (annotation `platform.io/reason`). */
  readonly reason: string;
  /** `{}` is the allow-nothing policy: every request to the namespace is denied unless another policy allows it. */
  readonly spec: AuthorizationPolicySpec;
}

/** An Istio AuthorizationPolicy (`security.istio.io/v1`). */
export class AuthorizationPolicy extends ApiObject {
  constructor(scope: Construct, id: string, props: AuthorizationPolicyProps) {
    super(scope, id, {
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: { name: props.name, namespace: props.namespace, annotations: { 'platform.io/reason': props.reason } },
      spec: props.spec,
    });
  }
}
