import { Testing } from 'cdk8s';
import { EventListenerIngress, type EventListenerIngressProps } from './event-listener-ingress';

const props: EventListenerIngressProps = {
  namespace: 'builds',
  domain: 'qa.acme.example',
  name: 'github-webhooks',
  host: 'tekton-hooks.qa.acme.example',
  serviceName: 'el-github',
  servicePort: 8080,
  sourceCidrs: ['192.30.252.0/22'],
};

describe('EventListenerIngress', () => {
  it('routes the host over HTTPS to the EventListener Service, open to the source CIDRs only', () => {
    const chart = Testing.chart();
    new EventListenerIngress(chart, 'ingress', props);
    const [ingress] = Testing.synth(chart) as [{ metadata: { annotations: Record<string, string> }; spec: Record<string, unknown> }];
    expect(ingress.metadata.annotations['alb.ingress.kubernetes.io/inbound-cidrs']).toBe('192.30.252.0/22');
    expect(ingress.metadata.annotations['alb.ingress.kubernetes.io/listen-ports']).toBe('[{"HTTPS":443}]');
    expect(ingress.spec['tls']).toEqual([{ hosts: ['tekton-hooks.qa.acme.example'] }]);
    expect(JSON.stringify(ingress.spec['rules'])).toContain('"service":{"name":"el-github","port":{"number":8080}}');
  });

  it('rejects a host outside the domain (no certificate, no record), naming both', () => {
    expect(() => new EventListenerIngress(Testing.chart(), 'ingress', { ...props, host: 'hooks.other.example' })).toThrow(
      'EventListenerIngress github-webhooks: host "hooks.other.example" must be below dns.domain "qa.acme.example"',
    );
    // a look-alike suffix is not below the domain
    expect(() => new EventListenerIngress(Testing.chart(), 'ingress', { ...props, host: 'evilqa.acme.example' })).toThrow(/must be below dns\.domain/);
  });

  it('leaves the empty source list to the ALB helper, which refuses it', () => {
    expect(() => new EventListenerIngress(Testing.chart(), 'ingress', { ...props, sourceCidrs: [] })).toThrow('internetFacingAlbAnnotations: sourceCidrs must not be empty');
  });
});
