import { serviceAddress, serviceHost, serviceUrl } from './service-endpoint';

describe('ServiceEndpoint', () => {
  it('renders cluster-local names, addresses and URLs', () => {
    const loki = { namespace: 'loki', service: 'loki-gateway', port: 80, path: '/loki/api/v1/push' } as const;
    expect(serviceHost(loki)).toBe('loki-gateway.loki.svc.cluster.local');
    expect(serviceUrl(loki)).toBe('http://loki-gateway.loki.svc.cluster.local:80/loki/api/v1/push');
    expect(serviceAddress({ namespace: 'kafka', service: 'events-kafka-bootstrap', port: 9093, scheme: 'tcp' })).toBe('events-kafka-bootstrap.kafka.svc.cluster.local:9093');
    expect(serviceUrl({ namespace: 'openbao', service: 'openbao', port: 8200, scheme: 'https' })).toBe('https://openbao.openbao.svc.cluster.local:8200');
  });
});
