import { onlyResource, parsePolicy, resourcesOf, type StackJson, synthConstructs } from '@platform/aws-core/testing';
import { EKS_ADDON_NAMES, EKS_ADDON_VERSIONS, ebsCsiDriverConfiguration, eksAddonVersion, VPC_CNI_CONFIGURATION } from './addon-catalog';
import { ClusterNetworkLookup } from './cluster-network-lookup';
import { EksManagedAddon } from './eks-managed-addon';
import { KarpenterPrerequisites } from './karpenter-prerequisites';
import { PlatformCluster, type PlatformClusterProps } from './platform-cluster';
import { SPOT_SERVICE_LINKED_ROLE_NAME, SpotServiceLinkedRole } from './spot-service-linked-role';
import { SystemNodeGroup, type SystemNodeGroupSizing } from './system-node-group';

const account = { accountId: '111122223333', region: 'eu-west-1' } as const;
const pullThroughCache = { ...account, repositoryPrefixes: ['test/dockerhub'] };
const MANDATORY_TAGS = { Environment: 'test', Owner: 'platform-team@acme.example', CostCenter: 'PLAT-0000', ManagedBy: 'platform-cdktn', Organization: 'acme' };

/** The values both clusters share; they differ in endpoint access, networks, retention and node sizing. */
type ClusterVariant = Pick<PlatformClusterProps, 'endpointPublicAccess' | 'publicAccessCidrs' | 'privateAccessCidrs' | 'serviceIpv4Cidr' | 'logRetentionDays' | 'adminPrincipalArns'> & {
  readonly sizing: SystemNodeGroupSizing;
};

// A private cluster on Bottlerocket and a public one on AL2023.
const privateCluster: ClusterVariant = {
  endpointPublicAccess: false,
  publicAccessCidrs: [],
  adminPrincipalArns: ['arn:aws:iam::111122223333:role/PlatformAdmin', 'arn:aws:iam::111122223333:role/BreakGlass'],
  serviceIpv4Cidr: '10.100.0.0/16',
  privateAccessCidrs: ['10.250.0.0/16', '192.168.40.0/22'],
  logRetentionDays: 365,
  sizing: { amiType: 'BOTTLEROCKET_x86_64', instanceTypes: ['m7i.2xlarge'], minSize: 3, desiredSize: 3, maxSize: 6, diskSizeGiB: 100 },
};
const publicCluster: ClusterVariant = {
  endpointPublicAccess: true,
  publicAccessCidrs: ['203.0.113.0/24'],
  adminPrincipalArns: ['arn:aws:iam::111122223333:role/PlatformAdmin'],
  serviceIpv4Cidr: '172.20.0.0/16',
  privateAccessCidrs: [],
  logRetentionDays: 30,
  sizing: { amiType: 'AL2023_x86_64_STANDARD', instanceTypes: ['m7i.large', 'm6i.large'], minSize: 2, desiredSize: 2, maxSize: 3, diskSizeGiB: 40 },
};

function build(variant: ClusterVariant): StackJson {
  const { sizing, ...access } = variant;
  return synthConstructs((stack) => {
      const network = new ClusterNetworkLookup(stack, 'network', { vpcName: 'acme-test' });
      const cluster = new PlatformCluster(stack, 'eks', {
        ...account,
        ...access,
        clusterName: 'acme-test',
        kubernetesVersion: '1.34',
        roleName: 'acme-test-cluster',
        secretsKeyAliasName: 'alias/acme-test/eks-secrets',
        logsKeyAliasName: 'alias/acme-test/eks-logs',
        controlPlaneSubnetIds: network.intraSubnets.ids,
      });
      const vpcCni = new EksManagedAddon(stack, 'vpc-cni', { addon: 'vpc-cni', clusterName: cluster.cluster.name, kubernetesVersion: '1.34', configuration: VPC_CNI_CONFIGURATION });
      new SystemNodeGroup(stack, 'system', {
        clusterName: cluster.cluster.name,
        baseName: 'acme-test',
        kubernetesVersion: '1.34',
        roleName: 'acme-test-system-node',
        sizing,
        instanceTags: MANDATORY_TAGS,
        pullThroughCache,
        stackName: 'cluster',
        subnetIds: network.privateSubnets.ids,
        ebsKmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/ebs',
        dependsOn: [vpcCni.addon],
      });
      new KarpenterPrerequisites(stack, 'karpenter', {
        ...account,
        clusterName: cluster.cluster.name,
        baseName: 'acme-test',
        nodeRoleName: 'acme-test-karpenter-node',
        interruptionQueueName: 'acme-test-karpenter-interruption',
        discoveryTag: { key: 'karpenter.sh/discovery', value: 'acme-test' },
        pullThroughCache,
        clusterSecurityGroupId: cluster.cluster.vpcConfig.clusterSecurityGroupId,
      });
    },
    'cluster',
  );
}

let priv: StackJson;
let pub: StackJson;
beforeAll(() => {
  priv = build(privateCluster);
  pub = build(publicCluster);
});

describe('PlatformCluster', () => {
  it('runs kubernetesVersion with API authentication and no implicit creator admin', () => {
    expect(onlyResource(priv, 'aws_eks_cluster')).toMatchObject({
      name: 'acme-test',
      version: '1.34',
      access_config: { authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: false },
      bootstrap_self_managed_addons: false,
    });
  });

  it('keeps the private endpoint on and follows the config for the public one', () => {
    const p = onlyResource(priv, 'aws_eks_cluster').vpc_config as Record<string, unknown>;
    expect(p).toMatchObject({ endpoint_private_access: true, endpoint_public_access: false });
    expect(p.public_access_cidrs).toBeUndefined();
    const q = onlyResource(pub, 'aws_eks_cluster').vpc_config as Record<string, unknown>;
    expect(q).toMatchObject({ endpoint_private_access: true, endpoint_public_access: true, public_access_cidrs: ['203.0.113.0/24'] });
  });

  it('uses serviceIpv4Cidr as the Kubernetes Service CIDR', () => {
    expect(onlyResource(priv, 'aws_eks_cluster').kubernetes_network_config).toEqual({ ip_family: 'ipv4', service_ipv4_cidr: '10.100.0.0/16' });
    expect(onlyResource(pub, 'aws_eks_cluster').kubernetes_network_config).toEqual({ ip_family: 'ipv4', service_ipv4_cidr: '172.20.0.0/16' });
  });

  it('opens TCP 443 on the cluster security group to each privateAccessCidrs network, and to nothing else', () => {
    const rules = resourcesOf(priv, 'aws_vpc_security_group_ingress_rule').map(([, r]) => r);
    expect(rules).toEqual(
      ['10.250.0.0/16', '192.168.40.0/22'].map((cidr) =>
        expect.objectContaining({
          security_group_id: expect.stringMatching(/^\$\{aws_eks_cluster\.[\w-]+\.vpc_config\[0\]\.cluster_security_group_id\}$/),
          ip_protocol: 'tcp',
          from_port: 443,
          to_port: 443,
          cidr_ipv4: cidr,
          description: expect.stringMatching(/private Kubernetes API endpoint.*cluster\.privateAccessCidrs/),
        }),
      ),
    );
    expect(resourcesOf(pub, 'aws_vpc_security_group_ingress_rule')).toHaveLength(0);
  });


  it('names the control-plane role and the two keys from the given names', () => {
    expect(resourcesOf(priv, 'aws_iam_role').map(([, r]) => r.name)).toContain('acme-test-cluster');
    expect(resourcesOf(priv, 'aws_kms_alias').map(([, a]) => a.name).sort()).toEqual(['alias/acme-test/eks-logs', 'alias/acme-test/eks-secrets']);
  });

  it('places the control plane ENIs in the intra subnets found by tag', () => {
    expect((onlyResource(priv, 'aws_eks_cluster').vpc_config as Record<string, unknown>).subnet_ids).toMatch(/^\$\{data\.aws_subnets\.network_intra-subnets/);
  });

  it('encrypts secrets with a rotating CMK', () => {
    const enc = onlyResource(priv, 'aws_eks_cluster').encryption_config as { provider: { key_arn: string }; resources: string[] };
    expect(enc.resources).toEqual(['secrets']);
    const keyId = /aws_kms_key\.([^.]+)\.arn/.exec(enc.provider.key_arn)?.[1] ?? '';
    expect(priv.resource?.aws_kms_key?.[keyId]).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
  });

  it('enables every control-plane log type into a pre-created KMS-encrypted log group', () => {
    const cluster = onlyResource(priv, 'aws_eks_cluster');
    expect(cluster.enabled_cluster_log_types).toEqual(['api', 'audit', 'authenticator', 'controllerManager', 'scheduler']);
    const group = onlyResource(priv, 'aws_cloudwatch_log_group');
    expect(group).toMatchObject({ name: '/aws/eks/acme-test/cluster', retention_in_days: 365 });
    expect(group.kms_key_id).toMatch(/^\$\{aws_kms_key\./);
    expect(cluster.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_cloudwatch_log_group\./)]));
    expect(onlyResource(pub, 'aws_cloudwatch_log_group').retention_in_days).toBe(30);
  });

  it('grants AmazonEKSClusterAdminPolicy to each admin principal through an access entry', () => {
    const entries = resourcesOf(priv, 'aws_eks_access_entry').map(([, e]) => e).filter((e) => e.type === 'STANDARD');
    expect(entries.map((e) => e.principal_arn).sort()).toEqual([...privateCluster.adminPrincipalArns].sort());
    const assoc = resourcesOf(priv, 'aws_eks_access_policy_association').map(([, a]) => a);
    expect(assoc).toHaveLength(2);
    for (const a of assoc) {
      expect(a).toMatchObject({ policy_arn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy', access_scope: { type: 'cluster' } });
    }
  });

});

describe('SystemNodeGroup', () => {
  it('is on-demand and sized from sizing', () => {
    expect(onlyResource(priv, 'aws_eks_node_group')).toMatchObject({
      capacity_type: 'ON_DEMAND',
      ami_type: 'BOTTLEROCKET_x86_64',
      instance_types: ['m7i.2xlarge'],
      scaling_config: { min_size: 3, desired_size: 3, max_size: 6 },
      labels: { 'node.platform.io/role': 'system' },
    });
    expect(onlyResource(pub, 'aws_eks_node_group')).toMatchObject({
      ami_type: 'AL2023_x86_64_STANDARD',
      instance_types: ['m7i.large', 'm6i.large'],
      scaling_config: { min_size: 2, desired_size: 2, max_size: 3 },
    });
    expect(onlyResource(priv, 'aws_eks_node_group').taint).toBeUndefined();
    expect(onlyResource(priv, 'aws_eks_node_group').subnet_ids).toMatch(/^\$\{data\.aws_subnets\.network_private-subnets/);
  });

  it('runs kubernetesVersion, has a generated name and is replaced create-before-destroy', () => {
    for (const json of [priv, pub]) {
      const group = onlyResource(json, 'aws_eks_node_group');
      expect(group).toMatchObject({ node_group_name_prefix: 'system-', version: '1.34', lifecycle: { create_before_destroy: true } });
      expect(group.node_group_name).toBeUndefined();
    }
  });

  it('tags instances, volumes and network interfaces with instanceTags and Stack (default_tags do not reach them)', () => {
    const specs = onlyResource(priv, 'aws_launch_template').tag_specifications as { resource_type: string; tags: Record<string, string> }[];
    expect(specs.map((t) => t.resource_type)).toEqual(['instance', 'volume', 'network-interface']);
    for (const t of specs) {
      expect(t.tags).toEqual({ ...MANDATORY_TAGS, Stack: 'cluster', Name: 'acme-test-system' });
    }
  });

  it('requires IMDSv2 with hop limit 1', () => {
    for (const json of [priv, pub]) {
      expect(onlyResource(json, 'aws_launch_template').metadata_options).toEqual({
        http_endpoint: 'enabled',
        http_tokens: 'required',
        http_put_response_hop_limit: 1,
        instance_metadata_tags: 'disabled',
      });
    }
  });

  it('encrypts every EBS volume (gp3) with the CMK; Bottlerocket data volume and AL2023 root get diskSizeGiB', () => {
    type Bdm = { device_name: string; ebs: Record<string, unknown> };
    const privBdm = onlyResource(priv, 'aws_launch_template').block_device_mappings as Bdm[];
    const pubBdm = onlyResource(pub, 'aws_launch_template').block_device_mappings as Bdm[];
    for (const b of [...privBdm, ...pubBdm]) {
      expect(b.ebs).toMatchObject({ encrypted: 'true', volume_type: 'gp3', kms_key_id: 'arn:aws:kms:eu-west-1:111122223333:key/ebs' });
    }
    expect(privBdm.map((b) => [b.device_name, b.ebs.volume_size])).toEqual([
      ['/dev/xvda', 4],
      ['/dev/xvdb', 100],
    ]);
    expect(pubBdm.map((b) => [b.device_name, b.ebs.volume_size])).toEqual([['/dev/xvda', 40]]);
  });

  it('attaches the four node policies to the node role', () => {
    const nodeRoleAttachments = resourcesOf(priv, 'aws_iam_role_policy_attachment')
      .filter(([id]) => id.startsWith('system_'))
      .map(([, a]) => a.policy_arn);
    expect(nodeRoleAttachments.sort()).toEqual(
      ['AmazonEC2ContainerRegistryPullOnly', 'AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy', 'AmazonSSMManagedInstanceCore'].map((p) => `arn:aws:iam::aws:policy/${p}`),
    );
  });

  it('lets both node roles import and create repositories under the pull-through cache prefix only', () => {
    const policies = resourcesOf(priv, 'aws_iam_role_policy').filter(([, p]) => p.name === 'ecr-pull-through-cache');
    expect(policies.map(([, p]) => String(p.role)).sort()).toEqual([expect.stringMatching(/karpenter_node-role/), expect.stringMatching(/system_role/)]);
    for (const [, p] of policies) {
      expect(parsePolicy(p.policy).Statement).toEqual([
        {
          Sid: 'PullThroughCache',
          Effect: 'Allow',
          Action: ['ecr:BatchImportUpstreamImage', 'ecr:CreateRepository'],
          Resource: ['arn:aws:ecr:eu-west-1:111122223333:repository/test/dockerhub/*'],
        },
      ]);
    }
  });

  it('adds no security group rule open to 0.0.0.0/0', () => {
    for (const json of [priv, pub]) {
      expect(resourcesOf(json, 'aws_security_group_rule')).toHaveLength(0);
      // Ingress only from the configured admin networks (privateAccessCidrs).
      for (const [, r] of resourcesOf(json, 'aws_vpc_security_group_ingress_rule')) expect(['10.250.0.0/16', '192.168.40.0/22']).toContain(r.cidr_ipv4);
      expect(JSON.stringify(json.resource)).not.toContain('0.0.0.0/0');
    }
  });
});

describe('KarpenterPrerequisites', () => {
  it('creates the node role and an EC2_LINUX access entry for it', () => {
    const role = resourcesOf(priv, 'aws_iam_role').find(([, r]) => r.name === 'acme-test-karpenter-node');
    expect(role).toBeDefined();
    const entry = resourcesOf(priv, 'aws_eks_access_entry').find(([, e]) => e.type === 'EC2_LINUX');
    expect(entry?.[1].principal_arn).toBe(`\${aws_iam_role.${role?.[0]}.arn}`);
  });

  it('creates the SSE interruption queue with 300 s retention, writable only by its five EventBridge rules of this account, TLS only', () => {
    expect(onlyResource(priv, 'aws_sqs_queue')).toMatchObject({ name: 'acme-test-karpenter-interruption', message_retention_seconds: 300, sqs_managed_sse_enabled: true });
    const policy = parsePolicy(onlyResource(priv, 'aws_sqs_queue_policy').policy);
    const allow = policy.Statement.filter((s) => s.Effect === 'Allow');
    expect(allow).toHaveLength(1);
    expect(allow[0].Principal).toEqual({ Service: 'events.amazonaws.com' });
    expect(allow[0].Action).toEqual(['sqs:SendMessage']);
    const ruleArns = resourcesOf(priv, 'aws_cloudwatch_event_rule').map(([, r]) => `arn:aws:events:eu-west-1:111122223333:rule/${r.name as string}`);
    expect(ruleArns).toHaveLength(5);
    expect(allow[0].Condition?.StringEquals).toEqual({ 'aws:SourceAccount': '111122223333' });
    expect([...(allow[0].Condition?.ArnEquals['aws:SourceArn'] ?? [])].sort()).toEqual(ruleArns.sort());
    expect(policy.Statement.find((s) => s.Effect === 'Deny')?.Condition).toEqual({ Bool: { 'aws:SecureTransport': 'false' } });
  });

  it('routes the five interruption event types of the Karpenter v1.14 template to the queue', () => {
    const rules = resourcesOf(priv, 'aws_cloudwatch_event_rule').map(([, r]) => JSON.parse(r.event_pattern as string)['detail-type'][0]);
    expect(rules.sort()).toEqual([
      'AWS Health Event',
      'EC2 Capacity Reservation Instance Interruption Warning',
      'EC2 Instance Rebalance Recommendation',
      'EC2 Instance State-change Notification',
      'EC2 Spot Instance Interruption Warning',
    ]);
    for (const [, t] of resourcesOf(priv, 'aws_cloudwatch_event_target')) expect(t.arn).toMatch(/^\$\{aws_sqs_queue\./);
  });

  it('tags the cluster security group for Karpenter discovery', () => {
    expect(onlyResource(priv, 'aws_ec2_tag')).toMatchObject({ key: 'karpenter.sh/discovery', value: 'acme-test' });
    expect(onlyResource(priv, 'aws_ec2_tag').resource_id).toMatch(/vpc_config\[0\]\.cluster_security_group_id/);
  });
});

describe('SpotServiceLinkedRole', () => {
  it("creates the account's EC2 Spot service-linked role (spot.amazonaws.com, no custom suffix), naming its owner", () => {
    const json = synthConstructs((stack) => new SpotServiceLinkedRole(stack, 'spot-slr', { accountId: '111122223333', ownerEnvironmentName: 'test' }), 'cluster');
    const role = onlyResource(json, 'aws_iam_service_linked_role');
    expect(role.aws_service_name).toBe('spot.amazonaws.com');
    expect(role.custom_suffix).toBeUndefined();
    expect(role.description).toBe('EC2 Spot service-linked role of account 111122223333 (Karpenter Spot capacity), owned by environment test');
    expect(Object.keys(json.resource ?? {})).toEqual(['aws_iam_service_linked_role']);
    expect(SPOT_SERVICE_LINKED_ROLE_NAME).toBe('AWSServiceRoleForEC2Spot');
  });
});

describe('KarpenterPrerequisites rule names', () => {
  it('refuses a baseName that makes an EventBridge rule name longer than 64 characters, naming it', () => {
    const baseName = 'acmeacmeacme-' + 'e'.repeat(20);
    expect(() =>
      synthConstructs((stack) =>
        new KarpenterPrerequisites(stack, 'karpenter', {
          ...account,
          clusterName: baseName,
          baseName,
          nodeRoleName: 'n',
          interruptionQueueName: 'q',
          discoveryTag: { key: 'karpenter.sh/discovery', value: baseName },
          pullThroughCache,
          clusterSecurityGroupId: 'sg-0123456789abcdef0',
        }),
      ),
    ).toThrow(`test/karpenter: EventBridge rule name ${baseName}-karpenter-rebalance-recommendation exceeds 64 characters; shorten baseName "${baseName}"`);
  });
});

describe('EKS add-on catalog', () => {
  it('pins every add-on to an exact eksbuild version for each supported minor', () => {
    for (const versions of Object.values(EKS_ADDON_VERSIONS)) {
      for (const name of EKS_ADDON_NAMES) expect(versions[name]).toMatch(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/);
    }
  });

  it('installs vpc-cni at the pinned version with network policy enforcement', () => {
    expect(onlyResource(priv, 'aws_eks_addon')).toMatchObject({
      addon_name: 'vpc-cni',
      addon_version: EKS_ADDON_VERSIONS['1.34']['vpc-cni'],
      configuration_values: '{"enableNetworkPolicy":"true"}',
      resolve_conflicts_on_create: 'OVERWRITE',
    });
  });

  it('configures the EBS CSI controller to tag every volume it creates with the mandatory tags', () => {
    const json = synthConstructs((s) => new EksManagedAddon(s, 'ebs', { addon: 'aws-ebs-csi-driver', clusterName: 'acme-test', kubernetesVersion: '1.34', configuration: ebsCsiDriverConfiguration(MANDATORY_TAGS) }),
      'pod-iam',
    );
    const addon = onlyResource(json, 'aws_eks_addon');
    expect(addon).toMatchObject({ cluster_name: 'acme-test', addon_version: EKS_ADDON_VERSIONS['1.34']['aws-ebs-csi-driver'] });
    expect(JSON.parse(addon.configuration_values as string)).toEqual({ controller: { extraVolumeTags: MANDATORY_TAGS } });
  });

  it('names kubernetesVersion and its value when the catalog has no entry for it', () => {
    expect(() => eksAddonVersion('1.99', 'coredns')).toThrow(/^kubernetesVersion is 1\.99 but EKS_ADDON_VERSIONS pins add-ons only for 1\.34/);
    expect(() => synthConstructs((s) => new EksManagedAddon(s, 'coredns', { addon: 'coredns', clusterName: 'acme-test', kubernetesVersion: '1.99' }))).toThrow(
      /^test\/coredns: kubernetesVersion is 1\.99 but EKS_ADDON_VERSIONS pins add-ons only for 1\.34/,
    );
  });
});
