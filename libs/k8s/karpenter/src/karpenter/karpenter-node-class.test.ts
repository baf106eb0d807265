import { Testing } from 'cdk8s';
import { DATA_VOLUME_GIB, DEFAULT_NODE_CLASS, IMDS_HOP_LIMIT, KarpenterNodeClass, type KarpenterNodeClassProps, OS_VOLUME_GIB } from './karpenter-node-class';

const props: KarpenterNodeClassProps = {
  amiAlias: 'bottlerocket@v1.40.0',
  nodeRoleName: 'acme-qa-karpenter-node',
  discoveryTag: { key: 'karpenter.sh/discovery', value: 'acme-qa' },
  ebsKmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:alias/acme-qa/ebs',
  tags: { Organization: 'acme', Environment: 'qa' },
};

function spec(p: KarpenterNodeClassProps): { name: string; spec: Record<string, unknown> } {
  const chart = Testing.chart();
  new KarpenterNodeClass(chart, 'node-class', p);
  const [object] = Testing.synth(chart) as [{ metadata: { name: string }; spec: Record<string, unknown> }];
  return { name: object.metadata.name, spec: object.spec };
}

describe('KarpenterNodeClass', () => {
  const { name, spec: s } = spec(props);

  it('launches the pinned Bottlerocket alias with the Terraform node role, in the subnets and security groups of the discovery tag', () => {
    expect(name).toBe(DEFAULT_NODE_CLASS);
    expect(s['amiSelectorTerms']).toEqual([{ alias: 'bottlerocket@v1.40.0' }]);
    expect(s['role']).toBe('acme-qa-karpenter-node');
    expect(s['subnetSelectorTerms']).toEqual([{ tags: { 'karpenter.sh/discovery': 'acme-qa' } }]);
    expect(s['securityGroupSelectorTerms']).toEqual([{ tags: { 'karpenter.sh/discovery': 'acme-qa' } }]);
  });

  it('requires IMDSv2 with hop limit 1 and encrypts both gp3 volumes with the given key', () => {
    expect(s['metadataOptions']).toEqual({ httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: IMDS_HOP_LIMIT });
    const ebs = (gib: number) => ({ volumeSize: `${gib}Gi`, volumeType: 'gp3', encrypted: true, kmsKeyID: props.ebsKmsKeyArn, deleteOnTermination: true }); // the CRD spells it kmsKeyID
    expect(s['blockDeviceMappings']).toEqual([
      { deviceName: '/dev/xvda', ebs: ebs(OS_VOLUME_GIB) },
      { deviceName: '/dev/xvdb', ebs: ebs(DATA_VOLUME_GIB), rootVolume: true },
    ]);
  });

  it('tags what it launches with the given tags plus the discovery tag, and sets userData only when given', () => {
    expect(s['tags']).toEqual({ Organization: 'acme', Environment: 'qa', 'karpenter.sh/discovery': 'acme-qa' });
    expect(s['userData']).toBeUndefined();
    expect(spec({ ...props, name: 'builds', userData: '[settings.kernel]\n' })).toEqual({ name: 'builds', spec: expect.objectContaining({ userData: '[settings.kernel]\n' }) });
  });
});
