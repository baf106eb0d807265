import type { EnvironmentInput } from '@platform/config';

/** prod: robust. 3 AZs, a NAT per AZ, larger on-demand system nodes, sync windows and no auto-prune. */
export const environment = {
  name: 'prod',
  aws: { accountId: '345678901234', region: 'eu-west-1', accountIamResources: 'create' },
  tags: { organization: 'acme', owner: 'platform-team@acme.example', costCenter: 'PLAT-2001' },
  network: {
    vpcCidr: '10.40.0.0/16',
    azCount: 3,
    natGateways: 'perAz',
    flowLogRetentionDays: 365,
    interfaceEndpoints: ['ec2', 'ecr.api', 'ecr.dkr', 'eks', 'eks-auth', 'elasticloadbalancing', 'kms', 'logs', 'sqs', 'ssm', 'ssmmessages', 'ec2messages', 'sts'],
  },
  cluster: {
    version: '1.34',
    endpointPublicAccess: false,
    publicAccessCidrs: [],
    adminPrincipalArns: ['arn:aws:iam::345678901234:role/PlatformAdmin', 'arn:aws:iam::345678901234:role/BreakGlass'],
    serviceIpv4Cidr: '172.20.0.0/16',
    privateAccessCidrs: ['10.250.0.0/16'],
    logRetentionDays: 365,
    systemNodeGroup: {
      amiType: 'BOTTLEROCKET_x86_64',
      instanceTypes: ['m7i.2xlarge', 'm6i.2xlarge'],
      minSize: 3,
      desiredSize: 3,
      maxSize: 6,
      diskSizeGiB: 100,
    },
  },
  karpenter: {
    onDemand: { cpuLimit: 512, memoryLimitGiB: 2048, instanceCategories: ['m', 'c', 'r'], architectures: ['amd64'], consolidateAfter: '30m' },
    spot: { cpuLimit: 256, memoryLimitGiB: 1024, instanceCategories: ['m', 'c', 'r'], architectures: ['amd64'], consolidateAfter: '5m' },
    builds: { capacityType: 'on-demand', cpuLimit: 32, memoryLimitGiB: 128, instanceCategories: ['c', 'm'], consolidateAfter: '10m' },
    preferSpot: false,
    expireAfter: '720h',
    controllerReplicas: 2,
    amiAlias: 'bottlerocket@v1.48.0',
  },
  dns: { domain: 'platform.acme.example', hostedZoneId: 'Z04512345ABCDEFGHIJKL' },
  storage: {
    logsRetentionDays: 90,
    tracesRetentionDays: 30,
    metricsRetentionDays: 395,
    backupsRetentionDays: 35,
    transitionToInfrequentAccessDays: 30,
    backupReplicaRegion: 'eu-central-1',
  },
  audit: { cloudTrailRetentionDays: 2555, guardDutyFindingFrequency: 'FIFTEEN_MINUTES', guardDutyDetector: 'create' },
  ecr: { repositories: ['orders', 'payments', 'storefront'], maxImageCount: 200 },
  budget: { monthlyLimitUsd: 25000, thresholdsPercent: [50, 80, 100], recipients: ['platform-team@acme.example', 'finops@acme.example'], anomalyThresholdUsd: 1000 },
  gitops: { repoUrl: 'https://git.acme.example/platform/gitops.git', targetRevision: 'main', basePath: 'clusters' },
  argocd: {
    syncPolicy: {
      automated: true,
      prune: false,
      selfHeal: true,
      syncWindows: [{ kind: 'allow', schedule: '0 8 * * 1-4', duration: '9h', manualSync: true }],
    },
    highAvailability: true,
    sso: {
      issuerUrl: 'https://acme.okta.example/oauth2/default',
      clientId: 'argocd-prod',
      clientSecretRef: '$argocd-oidc:clientSecret',
      requestedScopes: ['openid', 'profile', 'email', 'groups'],
      adminGroup: 'platform-admins',
    },
    uiSourceCidrs: ['198.51.100.0/24'],
  },
  addons: {
    enabled: { 'cert-manager': true, openbao: true, 'external-secrets': true, 'tekton-operator': true, 'tekton-builds': true, 'gateway-api-crds': true, 'istio-base': true, istiod: true, 'istio-cni': true, ztunnel: true, 'istio-ingress': true, 'argo-rollouts': true, 'tempo-distributed': false, gatekeeper: true, 'gatekeeper-constraints': true, falcosidekick: true, falco: true },
    chartVersions: {},
    externalDnsPolicy: 'upsert-only',
  },
  tekton: {
    testOverrides: { payments: { image: 'public.ecr.aws/docker/library/golang:1.23.4-bookworm', command: 'GOPATH=$HOME/go GOCACHE=$HOME/.cache/go-build make test' } },
  },
  tenants: [
    {
      namespace: 'team-orders',
      owner: 'orders-team@acme.example',
      quota: { requestsCpu: 32, requestsMemoryGiB: 64, limitsMemoryGiB: 128, pods: 300, persistentVolumeClaims: 30, requestsStorageGiB: 1000 },
    },
    {
      namespace: 'team-payments',
      owner: 'payments-team@acme.example',
      quota: { requestsCpu: 16, requestsMemoryGiB: 32, limitsMemoryGiB: 64, pods: 150, persistentVolumeClaims: 10, requestsStorageGiB: 500 },
    },
  ],
  // security layer
  securityPolicy: {
    gatekeeper: { enforcementAction: 'deny', webhookReplicas: 3, auditIntervalSeconds: 60 },
    falco: { cpuRequestMillicores: 200, cpuLimitMillicores: 2000, memoryRequestMiB: 512, memoryLimitMiB: 1536, bufSizePreset: 5, sidekickReplicas: 3, lokiMinimumPriority: 'notice', alertmanagerMinimumPriority: 'error', databaseNamespaces: [] },
  },
  security: {
    certManager: { acmeServer: 'production', acmeEmail: 'platform-team@acme.example', replicas: 2 },
    externalSecrets: { replicas: 2 },
    openbao: { replicas: 3, storageSizeGiB: 10, snapshotSchedule: '0 * * * *' },
  },
  // mesh layer
  mesh: {
    dataplaneMode: 'ambient',
    namespaces: ['team-orders', 'team-payments'],
    flows: [{ description: 'ingress gateway to the team-orders HTTP services', from: { namespace: 'istio-ingress', serviceAccount: 'platform-gateway-istio' }, to: { namespace: 'team-orders', ports: [8080] } }],
    tracingSamplingPercent: 2,
    istiodReplicas: 3,
    gateway: { exposure: 'internet-facing', replicas: 3, sourceCidrs: ['0.0.0.0/0'] },
    rolloutsReplicas: 2,
  },
  // data layer
  // observability layer
  observability: {
    alertmanager: {
      replicas: 3,
      retentionHours: 240,
      storageGiB: 5,
      receivers: [
        { kind: 'null', name: 'blackhole' },
        { kind: 'slack', name: 'platform', channel: '#platform-alerts', webhookUrlSecret: { name: 'alertmanager-slack', key: 'webhookUrl' } },
      ],
      defaultReceiver: 'platform',
      routes: [{ matchers: ['alertname=~"Watchdog|InfoInhibitor"'], receiver: 'blackhole' }],
    },
    loki: { mode: 'distributed', zoneAware: true, retentionDays: 90 },
    mimir: { mode: 'distributed', zoneAware: true, retentionDays: 395 },
    tempo: { mode: 'distributed', partitions: 3, retentionDays: 30 },
    alloy: { collectorReplicas: 3, traceSamplingPercent: 20 },
  },
  // backup, DR and operations
} satisfies EnvironmentInput;
