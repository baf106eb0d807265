import { Testing } from 'cdk8s';
import { DefaultStorageClass } from './default-storage-class';
import { NamespaceNetworkPolicies, networkPolicyPeers } from './namespace-network-policies';

const addresses = { vpcCidr: '10.20.0.0/16', kubernetesApiServiceIp: '172.20.0.1' };

describe('flat baseline props', () => {
  it('maps the declared peers to the given addresses: kubernetes-api is the service IP /32 plus the VPC', () => {
    expect(networkPolicyPeers(addresses, 'kubernetes-api')).toEqual([{ ipBlock: { cidr: '172.20.0.1/32' } }, { ipBlock: { cidr: '10.20.0.0/16' } }]);
    expect(networkPolicyPeers(addresses, 'vpc')).toEqual([{ ipBlock: { cidr: '10.20.0.0/16' } }]);
  });

  it('renders an allow policy per direction and names the environment and namespace of a rule without ports', () => {
    const chart = Testing.chart();
    new NamespaceNetworkPolicies(chart, 'p', { ...addresses, environment: 'dev', namespace: 'x', namePrefix: '', podSelector: {}, ingress: [], egress: [{ description: 'API', peer: 'kubernetes-api', ports: [{ port: 443 }] }] });
    const egress = (Testing.synth(chart) as { metadata: { name: string }; spec: { egress?: { to: unknown }[] } }[]).find((p) => p.metadata.name === 'allow-egress');
    expect(egress?.spec.egress?.[0]?.to).toEqual(networkPolicyPeers(addresses, 'kubernetes-api'));
    expect(() => new NamespaceNetworkPolicies(Testing.chart(), 'q', { ...addresses, environment: 'dev', namespace: 'x', namePrefix: '', podSelector: {}, ingress: [{ description: 'none', peer: 'vpc', ports: [] }], egress: [] })).toThrow(
      'dev: NamespaceNetworkPolicies x: ingress rule "none" must list ports',
    );
  });

  it('encrypts every volume with the given key and tags it with the given tags, in order', () => {
    const chart = Testing.chart();
    new DefaultStorageClass(chart, 'sc', { kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:alias/dev/ebs', volumeTags: { Environment: 'dev', Owner: 'platform' } });
    const [sc] = Testing.synth(chart) as { parameters: Record<string, string> }[];
    expect(sc?.parameters).toMatchObject({ encrypted: 'true', kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:alias/dev/ebs', tagSpecification_1: 'Environment=dev', tagSpecification_2: 'Owner=platform' });
  });
});
