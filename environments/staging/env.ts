import type { EnvironmentInput } from '@platform/config';

/** staging: prod-shaped at smaller scale. 3 AZs, shared non-prod account with dev. */
export const environment = {
  name: 'staging',
  aws: { accountId: '210987654321', region: 'eu-west-1', accountIamResources: 'existing' },
  tags: { organization: 'acme', owner: 'platform-team@acme.example', costCenter: 'PLAT-1001' },
  network: {
    vpcCidr: '10.30.0.0/16',
    azCount: 3,
    natGateways: 'single',
    flowLogRetentionDays: 30,
    interfaceEndpoints: ['ec2', 'ecr.api', 'ecr.dkr', 'sts', 'logs', 'ssm', 'ssmmessages', 'ec2messages'],
  },
  cluster: {
    version: '1.34',
    endpointPublicAccess: true,
    publicAccessCidrs: ['203.0.113.0/24'],
    adminPrincipalArns: ['arn:aws:iam::210987654321:role/PlatformAdmin'],
    serviceIpv4Cidr: '172.20.0.0/16',
    privateAccessCidrs: ['10.250.0.0/16'],
    logRetentionDays: 90,
    systemNodeGroup: {
      amiType: 'BOTTLEROCKET_x86_64',
      instanceTypes: ['m7i.xlarge', 'm6i.xlarge'],
      minSize: 2,
      desiredSize: 3,
      maxSize: 4,
      diskSizeGiB: 50,
    },
  },
  karpenter: {
    onDemand: { cpuLimit: 64, memoryLimitGiB: 256, instanceCategories: ['m', 'c', 'r'], architectures: ['amd64'], consolidateAfter: '5m' },
    spot: { cpuLimit: 64, memoryLimitGiB: 256, instanceCategories: ['m', 'c', 'r'], architectures: ['amd64'], consolidateAfter: '1m' },
    builds: { capacityType: 'spot', cpuLimit: 16, memoryLimitGiB: 64, instanceCategories: ['c', 'm'], consolidateAfter: '5m' },
    preferSpot: false,
    expireAfter: '336h',
    controllerReplicas: 2,
    amiAlias: 'bottlerocket@v1.48.0',
  },
  dns: { domain: 'staging.platform.acme.example' },
  storage: {
    logsRetentionDays: 30,
    tracesRetentionDays: 14,
    metricsRetentionDays: 90,
    backupsRetentionDays: 30,
    transitionToInfrequentAccessDays: 30,
  },
  audit: { cloudTrailRetentionDays: 365, guardDutyFindingFrequency: 'ONE_HOUR', guardDutyDetector: 'existing' },
  ecr: { repositories: ['orders', 'payments', 'storefront'], maxImageCount: 50 },
  budget: { monthlyLimitUsd: 4000, thresholdsPercent: [80, 100], recipients: ['platform-team@acme.example'], anomalyThresholdUsd: 250 },
  gitops: { repoUrl: 'https://git.acme.example/platform/gitops.git', targetRevision: 'main', basePath: 'clusters' },
  argocd: {
    syncPolicy: { automated: true, prune: true, selfHeal: true, syncWindows: [] },
    highAvailability: false,
    sso: {
      issuerUrl: 'https://acme.okta.example/oauth2/default',
      clientId: 'argocd-staging',
      clientSecretRef: '$argocd-oidc:clientSecret',
      requestedScopes: ['openid', 'profile', 'email', 'groups'],
      adminGroup: 'platform-admins',
    },
    uiSourceCidrs: ['198.51.100.0/24'],
  },
  addons: {
    enabled: { 'cert-manager': true, openbao: true, 'external-secrets': true, 'tekton-operator': true, 'tekton-builds': true, 'gateway-api-crds': true, 'istio-base': true, istiod: true, 'istio-cni': true, ztunnel: true, 'istio-ingress': true, 'argo-rollouts': true, 'tempo-distributed': false, gatekeeper: true, 'gatekeeper-constraints': true, falcosidekick: true, falco: true },
    chartVersions: {},
    externalDnsPolicy: 'sync',
  },
  tekton: {
    testOverrides: { payments: { image: 'public.ecr.aws/docker/library/golang:1.23.4-bookworm', command: 'GOPATH=$HOME/go GOCACHE=$HOME/.cache/go-build make test' } },
  },
  tenants: [
    {
      namespace: 'team-orders',
      owner: 'orders-team@acme.example',
      quota: { requestsCpu: 8, requestsMemoryGiB: 16, limitsMemoryGiB: 32, pods: 100, persistentVolumeClaims: 10, requestsStorageGiB: 200 },
    },
  ],
  // security layer
  securityPolicy: {
    gatekeeper: { enforcementAction: 'deny', webhookReplicas: 2, auditIntervalSeconds: 60 },
    falco: { cpuRequestMillicores: 100, cpuLimitMillicores: 1000, memoryRequestMiB: 512, memoryLimitMiB: 1024, bufSizePreset: 4, sidekickReplicas: 2, lokiMinimumPriority: 'notice', alertmanagerMinimumPriority: 'error', databaseNamespaces: [] },
  },
  security: {
    certManager: { acmeServer: 'staging', acmeEmail: 'platform-team@acme.example', replicas: 2 },
    externalSecrets: { replicas: 2 },
    openbao: { replicas: 3, storageSizeGiB: 5, snapshotSchedule: '0 * * * *' },
  },
  // mesh layer
  mesh: {
    dataplaneMode: 'ambient',
    namespaces: ['team-orders'],
    flows: [{ description: 'ingress gateway to the team-orders HTTP services', from: { namespace: 'istio-ingress', serviceAccount: 'platform-gateway-istio' }, to: { namespace: 'team-orders', ports: [8080] } }],
    tracingSamplingPercent: 10,
    istiodReplicas: 2,
    gateway: { exposure: 'internet-facing', replicas: 2, sourceCidrs: ['198.51.100.0/24'] },
    rolloutsReplicas: 2,
  },
  // data layer
  // observability layer
  observability: {
    alertmanager: {
      replicas: 2,
      retentionHours: 120,
      storageGiB: 2,
      receivers: [
        { kind: 'null', name: 'blackhole' },
        { kind: 'slack', name: 'platform', channel: '#platform-alerts-staging', webhookUrlSecret: { name: 'alertmanager-slack', key: 'webhookUrl' } },
      ],
      defaultReceiver: 'platform',
      routes: [{ matchers: ['alertname=~"Watchdog|InfoInhibitor"'], receiver: 'blackhole' }],
    },
    loki: { mode: 'distributed', zoneAware: false, retentionDays: 30 },
    mimir: { mode: 'distributed', zoneAware: false, retentionDays: 90 },
    tempo: { mode: 'distributed', partitions: 3, retentionDays: 14 },
    alloy: { collectorReplicas: 2, traceSamplingPercent: 50 },
  },
  // backup, DR and operations
} satisfies EnvironmentInput;
