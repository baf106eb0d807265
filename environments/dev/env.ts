import type { EnvironmentInput } from '@platform/config';

/** dev: cheap and fast to change. One NAT, small spot-friendly nodes, automated sync. */
export const environment = {
  name: 'dev',
  aws: { accountId: '210987654321', region: 'eu-west-1', accountIamResources: 'create' },
  tags: { organization: 'acme', owner: 'platform-team@acme.example', costCenter: 'PLAT-1001' },
  network: {
    vpcCidr: '10.20.0.0/16',
    azCount: 2,
    natGateways: 'single',
    flowLogRetentionDays: 14,
    interfaceEndpoints: ['ecr.api', 'ecr.dkr', 'sts', 'logs'],
  },
  cluster: {
    version: '1.34',
    endpointPublicAccess: true,
    publicAccessCidrs: ['203.0.113.0/24'],
    adminPrincipalArns: ['arn:aws:iam::210987654321:role/PlatformAdmin'],
    serviceIpv4Cidr: '172.20.0.0/16',
    privateAccessCidrs: ['10.250.0.0/16'],
    logRetentionDays: 30,
    systemNodeGroup: {
      amiType: 'BOTTLEROCKET_x86_64',
      instanceTypes: ['m7i.large', 'm6i.large'],
      minSize: 2,
      desiredSize: 2,
      maxSize: 3,
      diskSizeGiB: 40,
    },
  },
  karpenter: {
    onDemand: { cpuLimit: 32, memoryLimitGiB: 128, instanceCategories: ['m', 'c'], architectures: ['amd64', 'arm64'], consolidateAfter: '1m' },
    spot: { cpuLimit: 64, memoryLimitGiB: 256, instanceCategories: ['m', 'c', 'r'], architectures: ['amd64', 'arm64'], consolidateAfter: '30s' },
    builds: { capacityType: 'spot', cpuLimit: 16, memoryLimitGiB: 64, instanceCategories: ['c', 'm'], consolidateAfter: '5m' },
    preferSpot: true,
    expireAfter: '168h',
    controllerReplicas: 1,
    amiAlias: 'bottlerocket@v1.48.0',
  },
  dns: { domain: 'dev.platform.acme.example' },
  storage: {
    logsRetentionDays: 14,
    tracesRetentionDays: 7,
    metricsRetentionDays: 30,
    backupsRetentionDays: 14,
    transitionToInfrequentAccessDays: 30,
  },
  audit: { cloudTrailRetentionDays: 90, guardDutyFindingFrequency: 'SIX_HOURS', guardDutyDetector: 'create' },
  ecr: { repositories: ['orders', 'payments', 'storefront'], maxImageCount: 30 },
  budget: { monthlyLimitUsd: 1500, thresholdsPercent: [80, 100], recipients: ['platform-team@acme.example'], anomalyThresholdUsd: 100 },
  gitops: { repoUrl: 'https://git.acme.example/platform/gitops.git', targetRevision: 'main', basePath: 'clusters' },
  argocd: {
    syncPolicy: { automated: true, prune: true, selfHeal: true, syncWindows: [] },
    highAvailability: false,
    sso: {
      issuerUrl: 'https://acme.okta.example/oauth2/default',
      clientId: 'argocd-dev',
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
      quota: { requestsCpu: 4, requestsMemoryGiB: 8, limitsMemoryGiB: 16, pods: 50, persistentVolumeClaims: 5, requestsStorageGiB: 50 },
    },
  ],
  // security layer
  securityPolicy: {
    gatekeeper: { enforcementAction: 'warn', webhookReplicas: 1, auditIntervalSeconds: 300 },
    falco: { cpuRequestMillicores: 50, cpuLimitMillicores: 1000, memoryRequestMiB: 256, memoryLimitMiB: 512, bufSizePreset: 4, sidekickReplicas: 1, lokiMinimumPriority: 'notice', alertmanagerMinimumPriority: 'critical', databaseNamespaces: [] },
  },
  security: {
    certManager: { acmeServer: 'staging', acmeEmail: 'platform-team@acme.example', replicas: 1 },
    externalSecrets: { replicas: 1 },
    openbao: { replicas: 1, storageSizeGiB: 2, snapshotSchedule: '0 */6 * * *' },
  },
  // mesh layer
  mesh: {
    dataplaneMode: 'ambient',
    namespaces: ['team-orders'],
    flows: [{ description: 'ingress gateway to the team-orders HTTP services', from: { namespace: 'istio-ingress', serviceAccount: 'platform-gateway-istio' }, to: { namespace: 'team-orders', ports: [8080] } }],
    tracingSamplingPercent: 100,
    istiodReplicas: 1,
    gateway: { exposure: 'internet-facing', replicas: 1, sourceCidrs: ['198.51.100.0/24'] },
    rolloutsReplicas: 1,
  },
  // data layer
  // observability layer
  observability: {
    alertmanager: {
      replicas: 1,
      retentionHours: 120,
      storageGiB: 1,
      receivers: [
        { kind: 'null', name: 'blackhole' },
        { kind: 'slack', name: 'platform', channel: '#platform-alerts-dev', webhookUrlSecret: { name: 'alertmanager-slack', key: 'webhookUrl' } },
      ],
      defaultReceiver: 'platform',
      routes: [{ matchers: ['alertname=~"Watchdog|InfoInhibitor"'], receiver: 'blackhole' }],
    },
    loki: { mode: 'monolithic', zoneAware: false, retentionDays: 7 },
    mimir: { mode: 'small', zoneAware: false, retentionDays: 30 },
    tempo: { mode: 'small', partitions: 1, retentionDays: 7 },
    alloy: { collectorReplicas: 1, traceSamplingPercent: 100 },
  },
  // backup, DR and operations
} satisfies EnvironmentInput;
