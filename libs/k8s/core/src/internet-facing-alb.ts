/** IngressClass created by the AWS Load Balancer Controller chart. @see aws-load-balancer-controller chart value `ingressClass` */
export const ALB_INGRESS_CLASS = 'alb';

/**
 * TLS policy of the HTTPS listener: TLS 1.3 and 1.2 with forward secrecy only.
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
 */
export const ALB_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

export interface InternetFacingAlbOptions {
  /** Source CIDRs allowed by the ALB security group (`alb.ingress.kubernetes.io/inbound-cidrs`); at least one. */
  readonly sourceCidrs: readonly string[];
  /** Protocol from the ALB to the pods (`alb.ingress.kubernetes.io/backend-protocol`). */
  readonly backendProtocol: 'HTTP' | 'HTTPS';
  /** Target health check path (`alb.ingress.kubernetes.io/healthcheck-path`). @default the controller's `/` */
  readonly healthcheckPath?: string;
}

/**
 * Annotations of an Ingress served by an internet-facing ALB of the AWS Load Balancer Controller:
 * `ip` targets, one HTTPS 443 listener (certificate discovered from ACM by host; no HTTP listener,
 * so nothing to redirect) with `ALB_SSL_POLICY`, inbound traffic limited to `sourceCidrs`.
 * Use with `ingressClassName: ALB_INGRESS_CLASS`.
 * @see https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/
 * @throws Error when `sourceCidrs` is empty (the ALB would be open to nobody, or by mistake to everybody)
 */
export function internetFacingAlbAnnotations(options: InternetFacingAlbOptions): Readonly<Record<string, string>> {
  if (options.sourceCidrs.length === 0) throw new Error('internetFacingAlbAnnotations: sourceCidrs must not be empty');
  return {
    'alb.ingress.kubernetes.io/scheme': 'internet-facing',
    'alb.ingress.kubernetes.io/target-type': 'ip',
    'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS":443}]',
    'alb.ingress.kubernetes.io/ssl-policy': ALB_SSL_POLICY,
    'alb.ingress.kubernetes.io/inbound-cidrs': options.sourceCidrs.join(','),
    'alb.ingress.kubernetes.io/backend-protocol': options.backendProtocol,
    ...(options.healthcheckPath === undefined ? {} : { 'alb.ingress.kubernetes.io/healthcheck-path': options.healthcheckPath }),
  };
}
