import { ALB_INGRESS_CLASS, internetFacingAlbAnnotations } from '@platform/k8s-core';
import { KubeIngress } from '@platform/k8s-imports/k8s';
import { Construct } from 'constructs';

/** Liveness endpoint of the EventListener sink, on its HTTP port. @see https://tekton.dev/docs/triggers/eventlisteners/ */
export const EVENT_LISTENER_HEALTH_PATH = '/live';

export interface EventListenerIngressProps {
  readonly namespace: string;
  /** The environment's DNS domain (`dns.domain`), e.g. `prod.acme.example`; `host` must be below it. */
  readonly domain: string;
  /** Ingress name. */
  readonly name: string;
  /** Public host name, below `dns.domain` (external-dns creates the record, the ACM wildcard covers it). */
  readonly host: string;
  /** EventListener Service (`el-<listener name>`). */
  readonly serviceName: string;
  readonly servicePort: number;
  /** Source CIDRs allowed by the ALB security group (`tekton.webhookSourceCidrs`). */
  readonly sourceCidrs: readonly string[];
}

/**
 * The public entry point of the build webhooks: an internet-facing ALB (AWS Load Balancer
 * Controller, `ip` targets) listening on HTTPS 443 only, with the certificate discovered from ACM
 * by host (the environment's `*.<dns.domain>` certificate), inbound traffic limited to
 * `sourceCidrs` (GitHub's hook ranges), forwarding to the EventListener Service. No HTTP listener
 * exists, so there is nothing to redirect (`ssl-redirect` would need one). external-dns publishes
 * the host from `spec.rules`.
 * @see https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/
 * @throws Error naming the host when it is not below `domain`, or (from `internetFacingAlbAnnotations`) when `sourceCidrs` is empty
 */
export class EventListenerIngress extends Construct {
  public readonly ingress: KubeIngress;

  constructor(scope: Construct, id: string, props: EventListenerIngressProps) {
    super(scope, id);
    if (!props.host.endsWith(`.${props.domain}`)) throw new Error(`EventListenerIngress ${props.name}: host "${props.host}" must be below dns.domain "${props.domain}"`);
    this.ingress = new KubeIngress(this, 'ingress', {
      metadata: {
        name: props.name,
        namespace: props.namespace,
        annotations: { ...internetFacingAlbAnnotations({ sourceCidrs: props.sourceCidrs, backendProtocol: 'HTTP', healthcheckPath: EVENT_LISTENER_HEALTH_PATH }) },
      },
      spec: {
        ingressClassName: ALB_INGRESS_CLASS,
        tls: [{ hosts: [props.host] }],
        rules: [
          {
            host: props.host,
            http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: props.serviceName, port: { number: props.servicePort } } } }] },
          },
        ],
      },
    });
  }
}
