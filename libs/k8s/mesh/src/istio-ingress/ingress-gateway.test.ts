import { LETSENCRYPT_ISSUER } from '@platform/k8s-security';
import { Testing } from 'cdk8s';
import { IngressGateway, type IngressGatewayProps } from './ingress-gateway';

const props: IngressGatewayProps = {
  domain: 'dev.platform.acme.example',
  replicas: 1,
  exposure: 'internet-facing',
  sourceCidrs: ['0.0.0.0/0'],
  loadBalancerTags: { Environment: 'dev', Cluster: 'acme-dev' },
  routeNamespaces: ['team-b', 'team-a'],
  certificateIssuer: LETSENCRYPT_ISSUER,
};

interface Obj {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- walks the rendered YAML
}

describe('IngressGateway', () => {
  const chart = Testing.chart();
  const gateway = new IngressGateway(chart, 'gateway', props);
  const objs = Testing.synth(chart) as Obj[];
  const of = (kind: string): Obj[] => objs.filter((o) => o.kind === kind);

  it('hands tenant routes the https listener, which terminates TLS with the certificate of the wildcard host', () => {
    expect(gateway.parentRef).toEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'istio-ingress', name: 'platform-gateway', sectionName: 'https' });
    const listener = of('Gateway')[0]?.spec['listeners'].find((l: { name: string }) => l.name === gateway.parentRef.sectionName);
    expect(listener).toMatchObject({ port: 443, protocol: 'HTTPS', tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: gateway.certificate.secretName }] } });
    expect(listener.allowedRoutes.namespaces.selector.matchExpressions[0].values).toEqual(['team-a', 'team-b']);
    const [cert] = of('Certificate');
    expect(cert?.metadata).toEqual({ name: 'platform-gateway-tls', namespace: 'istio-ingress' });
    expect(cert?.spec).toMatchObject({ secretName: gateway.certificate.secretName, dnsNames: ['*.apps.dev.platform.acme.example'], issuerRef: { kind: 'ClusterIssuer', name: 'letsencrypt' } });
  });

  it('renders no ReferenceGrant: the Secret lives in the Gateway namespace', () => {
    expect(of('ReferenceGrant')).toEqual([]);
    expect(gateway.certificate.namespace).toBe(of('Gateway')[0]?.metadata.namespace);
  });

  it('tags the NLB with the given tags, in order', () => {
    expect(of('Gateway')[0]?.spec['infrastructure'].annotations['service.beta.kubernetes.io/aws-load-balancer-additional-resource-tags']).toBe('Environment=dev,Cluster=acme-dev');
  });
});
