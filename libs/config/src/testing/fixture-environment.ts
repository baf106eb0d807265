import type { EnvironmentConfig, EnvironmentInput } from '../environment-schema';
import { parseEnvironment } from '../validate-environment';

type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** A complete, valid environment for tests of libraries; never used by a real environment. */
export const FIXTURE_ENVIRONMENT: EnvironmentInput = {
  name: 'test',
  aws: { accountId: '111122223333', region: 'eu-west-1', accountIamResources: 'create' },
  tags: { organization: 'acme', owner: 'platform-team@acme.example', costCenter: 'PLAT-0000' },
  network: { vpcCidr: '10.0.0.0/16', azCount: 3, natGateways: 'single', flowLogRetentionDays: 30, interfaceEndpoints: ['ecr.api', 'ecr.dkr', 'sts'] },
  cluster: {
    version: '1.34',
    endpointPublicAccess: false,
    publicAccessCidrs: [],
    adminPrincipalArns: ['arn:aws:iam::111122223333:role/PlatformAdmin'],
    serviceIpv4Cidr: '172.20.0.0/16',
    privateAccessCidrs: ['10.250.0.0/16'],
    logRetentionDays: 90,
    systemNodeGroup: { amiType: 'BOTTLEROCKET_x86_64', instanceTypes: ['m7i.large'], minSize: 2, desiredSize: 2, maxSize: 4, diskSizeGiB: 50 },
  },
  karpenter: {
    onDemand: { cpuLimit: 64, memoryLimitGiB: 256, instanceCategories: ['m'], architectures: ['amd64'], consolidateAfter: '5m' },
    spot: { cpuLimit: 32, memoryLimitGiB: 128, instanceCategories: ['m', 'c'], architectures: ['amd64'], consolidateAfter: '1m' },
    builds: { capacityType: 'on-demand', cpuLimit: 16, memoryLimitGiB: 64, instanceCategories: ['c', 'm'], consolidateAfter: '5m' },
    preferSpot: false,
    expireAfter: '720h',
    controllerReplicas: 2,
    amiAlias: 'bottlerocket@v1.48.0',
  },
  dns: { domain: 'test.acme.example' },
  storage: { logsRetentionDays: 30, tracesRetentionDays: 7, metricsRetentionDays: 90, backupsRetentionDays: 30, transitionToInfrequentAccessDays: 30 },
  audit: { cloudTrailRetentionDays: 365, guardDutyFindingFrequency: 'ONE_HOUR', guardDutyDetector: 'create' },
  ecr: { repositories: ['orders'], maxImageCount: 20 },
  budget: { monthlyLimitUsd: 1000, thresholdsPercent: [80, 100], recipients: ['finops@acme.example'], anomalyThresholdUsd: 100 },
  gitops: { repoUrl: 'https://git.acme.example/platform/gitops.git', targetRevision: 'main', basePath: 'clusters' },
  argocd: {
    highAvailability: false,
    sso: {
      issuerUrl: 'https://acme.okta.example/oauth2/default',
      clientId: 'argocd-test',
      clientSecretRef: '$argocd-oidc:clientSecret',
      requestedScopes: ['openid', 'profile', 'email', 'groups'],
      adminGroup: 'platform-admins',
    },
    uiSourceCidrs: ['198.51.100.0/24'],
  },
  addons: {
    enabled: {
      'cert-manager': false,
      openbao: false,
      'external-secrets': false,
      'tekton-operator': true,
      'tekton-builds': true,
      'gateway-api-crds': false,
      'istio-base': false,
      istiod: false,
      'istio-cni': false,
      ztunnel: false,
      'istio-ingress': false,
      'argo-rollouts': false,
      'tempo-distributed': false,
      gatekeeper: false,
      'gatekeeper-constraints': false,
      falcosidekick: false,
      falco: false,
      'tenant-access': false,
      // data layer
      'cloudnative-pg': false,
      'plugin-barman-cloud': false,
      'postgres-clusters': false,
      'redis-operator': false,
      'redis-caches': false,
      'strimzi-kafka-operator': false,
      'kafka-clusters': false,
      'traces-kafka': false,
    },
    chartVersions: {},
    externalDnsPolicy: 'sync',
  },
  tekton: { testOverrides: {} },
  tenants: [
    {
      namespace: 'team-a',
      owner: 'team-a@acme.example',
      group: 'team-a-developers',
      quota: { requestsCpu: 4, requestsMemoryGiB: 8, limitsMemoryGiB: 16, pods: 50, persistentVolumeClaims: 5, requestsStorageGiB: 50 },
    },
  ],
  // security layer (values; the security add-ons stay off here, tests enable them with SECURITY_ADDONS_ENABLED)
  securityPolicy: {
    gatekeeper: { enforcementAction: 'deny', webhookReplicas: 2, auditIntervalSeconds: 60 },
    falco: { cpuRequestMillicores: 100, cpuLimitMillicores: 1000, memoryRequestMiB: 512, memoryLimitMiB: 1024, bufSizePreset: 4, sidekickReplicas: 2, lokiMinimumPriority: 'notice', alertmanagerMinimumPriority: 'error', databaseNamespaces: ['databases'] },
  },
  security: {
    certManager: { acmeServer: 'staging', acmeEmail: 'platform-team@acme.example', replicas: 1 },
    externalSecrets: { replicas: 1 },
    openbao: { replicas: 1, storageSizeGiB: 1, snapshotSchedule: '0 * * * *' },
  },
  // mesh layer (values; the mesh add-ons stay off here, tests enable them with MESH_ADDONS_ENABLED)
  mesh: {
    dataplaneMode: 'ambient',
    namespaces: ['team-a'],
    flows: [{ description: 'ingress gateway to the team-a HTTP services', from: { namespace: 'istio-ingress', serviceAccount: 'platform-gateway-istio' }, to: { namespace: 'team-a', ports: [8080] } }],
    tracingSamplingPercent: 100,
    istiodReplicas: 1,
    gateway: { exposure: 'internet-facing', replicas: 1, sourceCidrs: ['198.51.100.0/24'] },
    rolloutsReplicas: 1,
  },
  // observability layer
  observability: {
    runbookBaseUrl: 'https://github.com/acme/platform/blob/main/docs/runbooks',
    alertmanager: {
      replicas: 2,
      retentionHours: 120,
      storageGiB: 1,
      receivers: [
        { kind: 'null', name: 'blackhole' },
        { kind: 'slack', name: 'platform', channel: '#platform-alerts-test', webhookUrlSecret: { name: 'alertmanager-slack', key: 'webhookUrl' } },
      ],
      defaultReceiver: 'platform',
      routes: [{ matchers: ['alertname="InfoInhibitor"'], receiver: 'blackhole' }],
      deadMansSwitch: { kind: 'heartbeat', receiver: 'heartbeat', urlSecret: { name: 'alertmanager-heartbeat', key: 'url' }, repeatIntervalMinutes: 1, heartbeatPeriodMinutes: 5 },
    },
    alertsTopic: { subscriptions: [{ protocol: 'email', endpoint: 'oncall@acme.example' }] },
    loki: { mode: 'distributed', zoneAware: true, retentionDays: 30, limits: { ingestionRateMiBPerSecond: 8, ingestionBurstSizeMiB: 12, maxGlobalStreams: 10_000 } },
    mimir: { mode: 'distributed', zoneAware: true, retentionDays: 90, limits: { maxGlobalSeries: 300_000, ingestionRateSamplesPerSecond: 20_000, ingestionBurstSizeSamples: 400_000, maxGlobalExemplars: 20_000 } },
    tempo: { mode: 'distributed', partitions: 3, retentionDays: 7, kafka: { nodes: 3, storageGiB: 20, resources: { cpu: 0.5, memoryMiB: 1024 }, replicationFactor: 3, minInsyncReplicas: 2, retentionHours: 6 } },
    alloy: { collectorReplicas: 2, traceSamplingPercent: 50 },
    grafana: {
      replicas: 1,
      sourceCidrs: ['198.51.100.0/24'],
      storageGiB: 5,
      sso: {
        clientId: 'grafana-test',
        clientSecret: { name: 'grafana-oidc', key: 'clientSecret' },
        authUrl: 'https://acme.okta.example/oauth2/default/v1/authorize',
        tokenUrl: 'https://acme.okta.example/oauth2/default/v1/token',
        apiUrl: 'https://acme.okta.example/oauth2/default/v1/userinfo',
        scopes: ['openid', 'profile', 'email', 'groups'],
        adminGroup: 'platform-admins',
      },
    },
  },
  // data layer (off in the shared fixture; data tests use DATA_SERVICES_FIXTURE)
  data: { highAvailability: true, postgres: [], redis: [], kafka: [] },
  // backup, DR and operations
  dr: {
    rpoMinutes: 360,
    rtoMinutes: 120,
    velero: {
      schedules: [{ name: 'cluster', cron: '0 */6 * * *', ttlHours: 240, includedNamespaces: ['*'], excludedNamespaces: ['kube-node-lease', 'kube-public'], snapshotVolumes: true }],
      fileSystemBackupNamespaces: [],
    },
    drill: { schedule: 'cluster', namespaces: ['team-a'], scratchNamespace: 'drill-restore' },
  },
  operations: { mode: 'autopilot', freeze: false, syncWindows: [] },
};

function merge(base: unknown, patch: unknown): unknown {
  if (patch === undefined) return base;
  if (typeof base !== 'object' || base === null || Array.isArray(base) || typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    return patch;
  }
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) out[k] = merge(out[k], v);
  return out;
}

/** `addons.enabled` patch that turns on every security add-on (the fixture leaves them off). */
export const SECURITY_ADDONS_ENABLED = { 'cert-manager': true, openbao: true, 'external-secrets': true } as const;

/** `addons.enabled` patch that turns on Gatekeeper, its Constraints, Falco and falcosidekick (the fixture leaves them off). */
export const SECURITY_POLICY_ADDONS_ENABLED = { gatekeeper: true, 'gatekeeper-constraints': true, falcosidekick: true, falco: true, 'tenant-access': true } as const;

/** `addons.enabled` patch that turns on every mesh add-on and cert-manager, which the ingress Gateway's certificate needs (the fixture leaves the mesh off). */
export const MESH_ADDONS_ENABLED = { 'cert-manager': true, 'gateway-api-crds': true, 'istio-base': true, istiod: true, 'istio-cni': true, ztunnel: true, 'istio-ingress': true, 'argo-rollouts': true } as const;

/**
 * `addons.enabled` patch that turns on Tempo with its dedicated traces Kafka and what they require: the Strimzi
 * operator and the ambient mesh (ztunnel authenticates Tempo to the Kafka, ADR 0034). The fixture leaves them off.
 */
export const TRACES_ADDONS_ENABLED = { ...MESH_ADDONS_ENABLED, 'strimzi-kafka-operator': true, 'traces-kafka': true, 'tempo-distributed': true } as const;

/** The fixture with `patch` deep-merged (arrays replace), validated. @throws ConfigError like any environment */
export function fixtureEnvironment(patch: DeepPartial<EnvironmentInput> = {}): EnvironmentConfig {
  const input = merge(FIXTURE_ENVIRONMENT, patch) as EnvironmentInput;
  return parseEnvironment(input.name, input);
}

/** The fixture with `patch` deep-merged, unvalidated (for tests of validation itself). */
export function fixtureInput(patch: DeepPartial<EnvironmentInput> | Record<string, unknown> = {}): unknown {
  return merge(FIXTURE_ENVIRONMENT, patch);
  // security layer
  // mesh layer
  // data layer
  // observability layer
  // backup, DR and operations
}

/**
 * Patch of the fixture that enables the data layer with one PostgreSQL cluster, one Redis cache and one Kafka
 * cluster (topic + user) consumed by tenant `team-a`: `fixtureEnvironment(DATA_SERVICES_FIXTURE)`.
 */
export const DATA_SERVICES_FIXTURE: { readonly addons: { readonly enabled: Readonly<Record<string, boolean>> }; readonly data: EnvironmentInput['data'] } = {
  addons: {
    enabled: {
      'cert-manager': true,
      'cloudnative-pg': true,
      'plugin-barman-cloud': true,
      'postgres-clusters': true,
      'redis-operator': true,
      'redis-caches': true,
      'strimzi-kafka-operator': true,
      'kafka-clusters': true,
    },
  },
  data: {
    highAvailability: true,
    postgres: [
      {
        name: 'app-pg',
        postgresMajor: 17,
        instances: 3,
        storageGiB: 20,
        resources: { cpu: 0.5, memoryMiB: 1024 },
        backup: { schedule: '0 0 2 * * *', retentionDays: 14 },
        podMonitor: true,
        pooler: { instances: 2, poolMode: 'transaction' },
        databases: [{ name: 'app', owner: 'app', consumers: ['team-a'] }],
      },
    ],
    redis: [{ name: 'app-cache', mode: 'replication', replicas: 3, sentinels: 3, persistence: { sizeGiB: 5 }, resources: { cpu: 0.25, memoryMiB: 512 }, consumers: ['team-a'] }],
    kafka: [
      {
        name: 'app-events',
        nodePools: 'dedicated',
        brokers: 3,
        controllers: 3,
        storageGiB: 50,
        controllerStorageGiB: 10,
        brokerResources: { cpu: 1, memoryMiB: 4096 },
        controllerResources: { cpu: 0.5, memoryMiB: 2048 },
        cruiseControl: true,
        topics: [{ name: 'orders', partitions: 6, replicationFactor: 3, minInsyncReplicas: 2, retentionHours: 168 }],
        users: [{ name: 'orders-app', consumer: 'team-a', topics: [{ topic: 'orders', access: 'produce-consume' }] }],
      },
    ],
  },
};
