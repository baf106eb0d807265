import {
  HttpRoute,
  HttpRouteSpecRulesFiltersRequestRedirectScheme,
  HttpRouteSpecRulesFiltersRequestRedirectStatusCode,
  HttpRouteSpecRulesFiltersType,
  HttpRouteSpecRulesMatchesPathType,
} from '@platform/k8s-imports/gateway.networking.k8s.io';
import { Construct } from 'constructs';
import type { GatewayParentRef } from './gateway-parent-ref';

export interface HttpsRedirectRouteProps {
  /** Route name; it lives in the Gateway's namespace (the plain-HTTP listener admits only that namespace). */
  readonly name: string;
  /** The Gateway's plain-HTTP listener. */
  readonly parentRef: GatewayParentRef;
  /** Host names it answers, the listener's (e.g. `*.apps.<dns.domain>`). */
  readonly hostnames: readonly string[];
}

/**
 * The only route of the plain-HTTP listener: every request gets a 301 to the same host and path over
 * `https` (Gateway API `RequestRedirect`; the port follows the scheme, 443). It has no backend, so no
 * request reaches a service unencrypted.
 * @see https://gateway-api.sigs.k8s.io/guides/http-redirect-rewrite/#http-to-https-redirects
 */
export class HttpsRedirectRoute extends Construct {
  constructor(scope: Construct, id: string, props: HttpsRedirectRouteProps) {
    super(scope, id);
    new HttpRoute(this, 'route', {
      metadata: { name: props.name, namespace: props.parentRef.namespace },
      spec: {
        parentRefs: [{ ...props.parentRef }],
        hostnames: [...props.hostnames],
        // every path (the API server's default match, spelled out so the CRD's CEL rules see it)
        rules: [{ matches: [{ path: { type: HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value: '/' } }], filters: [{ type: HttpRouteSpecRulesFiltersType.REQUEST_REDIRECT, requestRedirect: { scheme: HttpRouteSpecRulesFiltersRequestRedirectScheme.HTTPS, statusCode: HttpRouteSpecRulesFiltersRequestRedirectStatusCode.VALUE_301 } }] }],
      },
    });
  }
}
