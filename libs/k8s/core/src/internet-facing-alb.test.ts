import { internetFacingAlbAnnotations } from './internet-facing-alb';

describe('internetFacingAlbAnnotations', () => {
  it('opens one HTTPS listener to the given CIDRs only, with the TLS 1.3/1.2 policy and ip targets', () => {
    expect(internetFacingAlbAnnotations({ sourceCidrs: ['192.0.2.0/24', '198.51.100.0/24'], backendProtocol: 'HTTPS' })).toEqual({
      'alb.ingress.kubernetes.io/scheme': 'internet-facing',
      'alb.ingress.kubernetes.io/target-type': 'ip',
      'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS":443}]',
      'alb.ingress.kubernetes.io/ssl-policy': 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      'alb.ingress.kubernetes.io/inbound-cidrs': '192.0.2.0/24,198.51.100.0/24',
      'alb.ingress.kubernetes.io/backend-protocol': 'HTTPS',
    });
  });

  it('sets the health check path only when given', () => {
    expect(internetFacingAlbAnnotations({ sourceCidrs: ['192.0.2.0/24'], backendProtocol: 'HTTP', healthcheckPath: '/live' })['alb.ingress.kubernetes.io/healthcheck-path']).toBe('/live');
  });

  it('refuses an empty source CIDR list', () => {
    expect(() => internetFacingAlbAnnotations({ sourceCidrs: [], backendProtocol: 'HTTP' })).toThrow('internetFacingAlbAnnotations: sourceCidrs must not be empty');
  });
});
