import { ingressWildcardHostname, type MeshConfig } from '@platform/config';
import type { PriorityClassName } from '@platform/k8s-baseline';
import { Gateway, GatewaySpecListenersAllowedRoutesNamespacesFrom, GatewaySpecListenersTlsMode } from '@platform/k8s-imports/gateway.networking.k8s.io';
import { KubeConfigMap } from '@platform/k8s-imports/k8s';
import { type ClusterIssuerRef, PlatformCertificate } from '@platform/k8s-security';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import type { GatewayParentRef } from './gateway-parent-ref';
import { HttpsRedirectRoute } from './https-redirect-route';

/** Namespace of the ingress gateway pods. */
export const INGRESS_GATEWAY_NAMESPACE = 'istio-ingress';
/** Name of the ingress `Gateway`. */
export const INGRESS_GATEWAY_NAME = 'platform-gateway';
/** Pod labels istiod puts on the gateway pods it deploys for a Gateway. */
export const INGRESS_GATEWAY_POD_LABELS = { 'gateway.networking.k8s.io/gateway-name': INGRESS_GATEWAY_NAME } as const;
/** ServiceAccount (and Deployment) istiod creates for a Gateway of class `istio`: `<gateway>-istio`. */
export const INGRESS_GATEWAY_SERVICE_ACCOUNT = `${INGRESS_GATEWAY_NAME}-istio`;
/** Status port the NLB health-checks (`/healthz/ready`). */
export const GATEWAY_STATUS_PORT = 15021;
/** PriorityClass of the gateway pods: every tenant request passes through them. */
export const INGRESS_GATEWAY_PRIORITY_CLASS: PriorityClassName = 'platform-critical';
/** Gateway container sizing. */
export const INGRESS_GATEWAY_RESOURCES = { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '1Gi' } } as const;
/** The Gateway's listeners: tenant routes attach to `https`; `http` only redirects to it. */
export const INGRESS_GATEWAY_LISTENERS = { http: { name: 'http', port: 80 }, https: { name: 'https', port: 443 } } as const;
/** cert-manager `Certificate` (and its Secret, in the Gateway's namespace) of the `https` listener. */
export const INGRESS_GATEWAY_CERTIFICATE = `${INGRESS_GATEWAY_NAME}-tls`;

export interface IngressGatewayProps {
  /** The environment's domain (`dns.domain`); the gateway serves `*.apps.<domain>`. */
  readonly domain: string;
  /** Gateway pods (`mesh.gateway.replicas`); from 2 on spread over zones and nodes, with a PDB. */
  readonly replicas: number;
  /** NLB scheme (`mesh.gateway.exposure`). */
  readonly exposure: MeshConfig['gateway']['exposure'];
  /** Client CIDRs the NLB security group admits (`mesh.gateway.sourceCidrs`). */
  readonly sourceCidrs: readonly string[];
  /** AWS tags of the NLB, in order (the mandatory tags and `Cluster`). */
  readonly loadBalancerTags: Readonly<Record<string, string>>;
  /** Namespaces whose HTTPRoutes may attach to the `https` listener (the meshed tenant namespaces). */
  readonly routeNamespaces: readonly string[];
  /** ClusterIssuer of the listener certificate: `LETSENCRYPT_ISSUER` (publicly trusted, ACME DNS-01). */
  readonly certificateIssuer: ClusterIssuerRef;
}

/**
 * The ingress `Gateway` (class `istio`): istiod deploys its Envoy pods and a `LoadBalancer` Service,
 * which the AWS Load Balancer Controller turns into an NLB (`loadBalancerClass: service.k8s.aws/nlb`,
 * ip targets, `mesh.gateway.exposure` scheme, `mesh.gateway.sourceCidrs` on its security group).
 * Replicas, resources, zone spreading, PriorityClass and a PDB come from the `parametersRef`
 * ConfigMap istiod merges into what it generates. external-dns publishes `*.apps.<dns.domain>`.
 * Listeners: `https` on 443 terminates TLS with the cert-manager `Certificate` `platform-gateway-tls`
 * (Secret in the Gateway's own namespace, so no ReferenceGrant; istiod grants the gateway pods read
 * access to it) and admits the tenants' HTTPRoutes; `http` on 80 admits only the 301-to-HTTPS route.
 * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/gateway-api/#automated-deployment
 * @see https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/
 */
export class IngressGateway extends Construct {
  public readonly gateway: Gateway;
  /** The Gateway as an HTTPRoute parent. */
  public readonly parentRef: GatewayParentRef;
  /** Wildcard host the gateway serves, `*.apps.<dns.domain>`. */
  public readonly hostname: string;
  /** The `https` listener's certificate. */
  public readonly certificate: PlatformCertificate;

  constructor(scope: Construct, id: string, props: IngressGatewayProps) {
    super(scope, id);
    const { replicas, exposure, sourceCidrs } = props;
    this.hostname = ingressWildcardHostname(props.domain);
    const optionsName = `${INGRESS_GATEWAY_NAME}-options`;
    const spread = (topologyKey: string, whenUnsatisfiable: string) => ({ maxSkew: 1, topologyKey, whenUnsatisfiable, labelSelector: { matchLabels: { ...INGRESS_GATEWAY_POD_LABELS } } });
    new KubeConfigMap(this, 'options', {
      metadata: { name: optionsName, namespace: INGRESS_GATEWAY_NAMESPACE },
      data: {
        deployment: stringify({
          spec: {
            replicas,
            template: {
              spec: {
                priorityClassName: INGRESS_GATEWAY_PRIORITY_CLASS,
                topologySpreadConstraints: replicas > 1 ? [spread('topology.kubernetes.io/zone', 'ScheduleAnyway'), spread('kubernetes.io/hostname', 'DoNotSchedule')] : [],
                containers: [{ name: 'istio-proxy', resources: INGRESS_GATEWAY_RESOURCES }],
              },
            },
          },
        }),
        service: stringify({ spec: { loadBalancerClass: 'service.k8s.aws/nlb', externalTrafficPolicy: 'Cluster', loadBalancerSourceRanges: [...sourceCidrs] } }),
        ...(replicas > 1 ? { podDisruptionBudget: stringify({ spec: { minAvailable: 1 } }) } : {}),
      },
    });
    this.certificate = new PlatformCertificate(this, 'certificate', {
      name: INGRESS_GATEWAY_CERTIFICATE,
      namespace: INGRESS_GATEWAY_NAMESPACE,
      issuer: props.certificateIssuer,
      dnsNames: [this.hostname],
    });
    this.gateway = new Gateway(this, 'gateway', {
      metadata: { name: INGRESS_GATEWAY_NAME, namespace: INGRESS_GATEWAY_NAMESPACE },
      spec: {
        gatewayClassName: 'istio',
        infrastructure: {
          annotations: {
            'service.beta.kubernetes.io/aws-load-balancer-scheme': exposure,
            'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
            'service.beta.kubernetes.io/aws-load-balancer-healthcheck-port': String(GATEWAY_STATUS_PORT),
            'service.beta.kubernetes.io/aws-load-balancer-healthcheck-path': '/healthz/ready',
            'service.beta.kubernetes.io/aws-load-balancer-healthcheck-protocol': 'HTTP',
            'service.beta.kubernetes.io/aws-load-balancer-attributes': 'load_balancing.cross_zone.enabled=true',
            'service.beta.kubernetes.io/aws-load-balancer-additional-resource-tags': Object.entries(props.loadBalancerTags)
              .map(([k, v]) => `${k}=${v}`)
              .join(','),
            'external-dns.alpha.kubernetes.io/hostname': this.hostname,
          },
          parametersRef: { group: '', kind: 'ConfigMap', name: optionsName },
        },
        listeners: [
          {
            name: INGRESS_GATEWAY_LISTENERS.http.name,
            hostname: this.hostname,
            port: INGRESS_GATEWAY_LISTENERS.http.port,
            protocol: 'HTTP',
            allowedRoutes: { namespaces: { from: GatewaySpecListenersAllowedRoutesNamespacesFrom.SAME } },
          },
          {
            name: INGRESS_GATEWAY_LISTENERS.https.name,
            hostname: this.hostname,
            port: INGRESS_GATEWAY_LISTENERS.https.port,
            protocol: 'HTTPS',
            tls: { mode: GatewaySpecListenersTlsMode.TERMINATE, certificateRefs: [{ group: '', kind: 'Secret', name: this.certificate.secretName }] },
            allowedRoutes:
              props.routeNamespaces.length > 0
                ? { namespaces: { from: GatewaySpecListenersAllowedRoutesNamespacesFrom.SELECTOR, selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: [...props.routeNamespaces].sort() }] } } }
                : { namespaces: { from: GatewaySpecListenersAllowedRoutesNamespacesFrom.SAME } },
          },
        ],
      },
    });
    const gatewayRef = { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: INGRESS_GATEWAY_NAMESPACE, name: INGRESS_GATEWAY_NAME } as const;
    this.parentRef = { ...gatewayRef, sectionName: INGRESS_GATEWAY_LISTENERS.https.name };
    new HttpsRedirectRoute(this, 'https-redirect', { name: `${INGRESS_GATEWAY_NAME}-https-redirect`, parentRef: { ...gatewayRef, sectionName: INGRESS_GATEWAY_LISTENERS.http.name }, hostnames: [this.hostname] });
  }
}
