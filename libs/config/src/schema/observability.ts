import { z } from 'zod';
import { dataResourcesSchema } from './data';
import { deadMansSwitchIssues, deadMansSwitchSchema } from './dead-mans-switch';
import { ipv4Cidr } from './primitives';

/** Kubernetes Secret name (DNS-1123 subdomain) or key. */
const secretName = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { message: 'must be a DNS-1123 name such as alertmanager-slack' });
const secretKey = z.string().regex(/^[-._a-zA-Z0-9]+$/, { message: 'must be a Secret key such as webhookUrl' });
const receiverName = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { message: 'must be a lower-case name such as platform-critical' });

/**
 * One Alertmanager receiver. Credentials are never inline: a Slack webhook URL is read from a key of a
 * Secret in the monitoring namespace (mounted by the operator under `/etc/alertmanager/secrets/`).
 * @see https://prometheus.io/docs/alerting/latest/configuration/#receiver
 */
export const alertReceiverSchema = z.discriminatedUnion('kind', [
  /** Drops the alert (e.g. `InfoInhibitor`, or the Watchdog where `deadMansSwitch` is `disabled`). */
  z.strictObject({ kind: z.literal('null'), name: receiverName }),
  /**
   * The environment's KMS-encrypted alerts topic (`alertsTopicName`), published to through Alertmanager's Pod
   * Identity (no keys); its subscribers are `alertsTopic.subscriptions`.
   */
  z.strictObject({ kind: z.literal('sns'), name: receiverName }),
  z.strictObject({
    kind: z.literal('slack'),
    name: receiverName,
    /** Channel, e.g. `#platform-alerts`. */
    channel: z.string().regex(/^#[a-z0-9][a-z0-9._-]{0,79}$/, { message: 'must be a Slack channel such as #platform-alerts' }),
    /** Secret (monitoring namespace) and key holding the incoming-webhook URL. */
    webhookUrlSecret: z.strictObject({ name: secretName, key: secretKey }),
  }),
]);

/** One child route of the Alertmanager routing tree. @see https://prometheus.io/docs/alerting/latest/configuration/#route */
export const alertRouteSchema = z.strictObject({
  /** Label matchers, e.g. `severity="critical"` or `alertname=~"KubePod.*"`. */
  matchers: z
    .array(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*(=|!=|=~|!~)"[^"]*"$/, { message: 'must be a matcher such as severity="critical"' }))
    .min(1),
  receiver: receiverName,
  /** Keep matching the following sibling routes. @default false */
  continue: z.boolean().default(false),
});

/** Alertmanager (kube-prometheus-stack) per environment. */
export const alertmanagerSchema = z
  .strictObject({
    /** Replicas of the Alertmanager StatefulSet, gossiping as one cluster; 2+ spread over zones for HA. */
    replicas: z.number().int().min(1).max(5),
    /** Silences and notification log retention, hours. */
    retentionHours: z.number().int().min(1).max(8760),
    /** Persistent volume per replica (silences, notification log), GiB. */
    storageGiB: z.number().int().min(1).max(100),
    /** Receivers, referenced by name from `defaultReceiver` and `routes`. */
    receivers: z.array(alertReceiverSchema).min(1),
    /** Receiver of every alert no route matches. */
    defaultReceiver: receiverName,
    /** Routes tried in order below the root route (after the Watchdog route of a heartbeat `deadMansSwitch`). */
    routes: z.array(alertRouteSchema),
    /**
     * Where the always-firing `Watchdog` goes: a heartbeat receiver pinged through a Secret's URL, its route first
     * in the tree, or `disabled` with a reason (ADR 0058). Required: no environment drops the Watchdog silently.
     * @see https://prometheus.io/docs/alerting/latest/configuration/#webhook_config
     */
    deadMansSwitch: deadMansSwitchSchema,
  })
  .superRefine((a, ctx) => {
    // RUN_ALWAYS-safe: guards every field it reads
    const names = Array.isArray(a.receivers) ? a.receivers.map((r) => r.name) : [];
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i) ctx.addIssue({ code: 'custom', path: ['receivers', i, 'name'], message: `receiver "${n}" is declared twice; give each receiver its own name` });
    });
    // the heartbeat receiver is not in receivers; deadMansSwitchIssues reports a route or default naming it
    const heartbeat = a.deadMansSwitch?.kind === 'heartbeat' ? a.deadMansSwitch.receiver : undefined;
    const known = (name: string, path: (string | number)[]): void => {
      if (!names.includes(name) && name !== heartbeat) ctx.addIssue({ code: 'custom', path, message: `receiver "${name}" is not declared in receivers (${names.join(', ')}); declare it or use one of those` });
    };
    if (typeof a.defaultReceiver === 'string') known(a.defaultReceiver, ['defaultReceiver']);
    if (Array.isArray(a.routes)) a.routes.forEach((r, i) => known(r.receiver, ['routes', i, 'receiver']));
    deadMansSwitchIssues(a, ctx);
  });

const retentionDays = z.number().int().min(1).max(3650);

/** Upstream defaults of the Loki per-tenant limits the platform sets. @see https://grafana.com/docs/loki/latest/configure/#limits_config */
export const LOKI_LIMITS_DEFAULTS = { ingestionRateMiBPerSecond: 4, ingestionBurstSizeMiB: 6, maxGlobalStreams: 5000 } as const;

/**
 * Loki's per-tenant limits (`limits_config`). The whole cluster is one tenant (`auth_enabled: false`, tenant
 * `fake`), so these are the cluster's limits: beyond them Loki answers 429 and the lines are lost. Loki's "MB" is
 * 2^20 bytes, hence MiB. The `platform-loki` alerts warn at 80 % of the streams and the rate and page on every line
 * discarded for a limit (ADR 0057).
 * @see https://grafana.com/docs/loki/latest/configure/#limits_config
 * @see https://grafana.com/docs/loki/latest/operations/request-validation-rate-limits/
 */
export const lokiLimitsSchema = z
  .strictObject({
    /** `ingestion_rate_mb`: log bytes accepted per second (lines and structured metadata), MiB/s. @default 4 */
    ingestionRateMiBPerSecond: z.number().positive().max(1024).default(LOKI_LIMITS_DEFAULTS.ingestionRateMiBPerSecond),
    /** `ingestion_burst_size_mb`: bytes one push may burst above the rate, MiB; at least the rate. @default 6 */
    ingestionBurstSizeMiB: z.number().positive().max(4096).default(LOKI_LIMITS_DEFAULTS.ingestionBurstSizeMiB),
    /** `max_global_streams_per_user`: active streams (unique label sets) across the ingesters. @default 5000 */
    maxGlobalStreams: z.number().int().min(1000).max(10_000_000).default(LOKI_LIMITS_DEFAULTS.maxGlobalStreams),
  })
  .superRefine((l, ctx) => {
    if (typeof l.ingestionBurstSizeMiB === 'number' && typeof l.ingestionRateMiBPerSecond === 'number' && l.ingestionBurstSizeMiB < l.ingestionRateMiBPerSecond) {
      ctx.addIssue({ code: 'custom', path: ['ingestionBurstSizeMiB'], message: `${l.ingestionBurstSizeMiB} is below ingestionRateMiBPerSecond ${l.ingestionRateMiBPerSecond}; a burst smaller than one second of the rate rejects pushes the rate allows (use at least ${l.ingestionRateMiBPerSecond})` });
    }
  });

/** Upstream defaults of the Mimir per-tenant limits the platform sets. @see https://grafana.com/docs/mimir/latest/configure/configuration-parameters/#limits */
export const MIMIR_LIMITS_DEFAULTS = { maxGlobalSeries: 150_000, ingestionRateSamplesPerSecond: 10_000, ingestionBurstSizeSamples: 200_000, maxGlobalExemplars: 0 } as const;

/**
 * Mimir's per-tenant limits (`limits`). The whole cluster is one tenant (`anonymous`, multitenancy off), so these
 * are the cluster's limits: beyond them the distributors reject samples (`cortex_discarded_samples_total`) and the
 * series are lost. `maxGlobalSeries` must fit the ingesters' memory (checked by the Mimir add-on). The `platform-mimir`
 * alerts warn at 80 % of the series and the rate and page on every sample discarded for a limit (ADR 0057).
 * @see https://grafana.com/docs/mimir/latest/configure/configuration-parameters/#limits
 * @see https://grafana.com/docs/mimir/latest/manage/run-production-environment/planning-capacity/
 */
export const mimirLimitsSchema = z
  .strictObject({
    /** `max_global_series_per_user`: in-memory series across the ingesters (before replication). @default 150000 */
    maxGlobalSeries: z.number().int().min(10_000).max(100_000_000).default(MIMIR_LIMITS_DEFAULTS.maxGlobalSeries),
    /** `ingestion_rate`: samples accepted per second. @default 10000 */
    ingestionRateSamplesPerSecond: z.number().int().min(1000).max(100_000_000).default(MIMIR_LIMITS_DEFAULTS.ingestionRateSamplesPerSecond),
    /** `ingestion_burst_size`: samples one push may burst above the rate; at least the rate. @default 200000 */
    ingestionBurstSizeSamples: z.number().int().min(1000).max(1_000_000_000).default(MIMIR_LIMITS_DEFAULTS.ingestionBurstSizeSamples),
    /** `max_global_exemplars_per_user`: exemplars kept in memory (Tempo's span metrics send them); 0 drops every exemplar. @default 0 */
    maxGlobalExemplars: z.number().int().min(0).max(10_000_000).default(MIMIR_LIMITS_DEFAULTS.maxGlobalExemplars),
  })
  .superRefine((m, ctx) => {
    if (typeof m.ingestionBurstSizeSamples === 'number' && typeof m.ingestionRateSamplesPerSecond === 'number' && m.ingestionBurstSizeSamples < m.ingestionRateSamplesPerSecond) {
      ctx.addIssue({ code: 'custom', path: ['ingestionBurstSizeSamples'], message: `${m.ingestionBurstSizeSamples} is below ingestionRateSamplesPerSecond ${m.ingestionRateSamplesPerSecond}; a burst smaller than one second of the rate rejects pushes the rate allows (use at least ${m.ingestionRateSamplesPerSecond})` });
    }
  });

/**
 * Loki per environment. `monolithic`: one single-binary replica, replication factor 1 (dev); `distributed`:
 * one Deployment/StatefulSet per component, replication factor 3 (staging, prod).
 * @see https://grafana.com/docs/loki/latest/get-started/deployment-modes/
 */
export const lokiSchema = z
  .strictObject({
    mode: z.enum(['monolithic', 'distributed']),
    /**
     * Three zone StatefulSets of one ingester each (rollout-operator), spread one per availability zone
     * (`topology.kubernetes.io/zone`, DoNotSchedule), so the replication factor of 3 survives the loss of an AZ;
     * distributed mode and `network.azCount` >= 3 only.
     * @see https://grafana.com/docs/loki/latest/operations/zone-ingesters/
     */
    zoneAware: z.boolean(),
    /** Log retention enforced by the compactor, days; at most `storage.logsRetentionDays` (the bucket expiry, XL-OBS-001). */
    retentionDays,
    /** Per-tenant (= cluster) ingestion limits; dev small, prod large. @default upstream defaults ({@link LOKI_LIMITS_DEFAULTS}) */
    limits: lokiLimitsSchema.default(LOKI_LIMITS_DEFAULTS),
  })
  .superRefine((l, ctx) => {
    if (l.zoneAware === true && l.mode !== 'distributed') ctx.addIssue({ code: 'custom', path: ['zoneAware'], message: `is true but mode is "${l.mode}"; zone-aware replication needs mode "distributed" (or set zoneAware: false)` });
  });

/**
 * Mimir per environment. `small`: one replica per component, replication factor 1, no caches (dev);
 * `distributed`: replicated components, memcached caches, replication factor 3.
 * @see https://grafana.com/docs/helm-charts/mimir-distributed/latest/run-production-environment-with-helm/
 */
export const mimirSchema = z
  .strictObject({
    mode: z.enum(['small', 'distributed']),
    /**
     * Ingesters and store-gateways in three zones (rollout-operator), each zone in its own availability zone (the
     * chart's zone anti-affinity on `topology.kubernetes.io/zone`), so the replication factor of 3 survives the loss of
     * an AZ; distributed mode and `network.azCount` >= 3 only.
     * @see https://grafana.com/docs/mimir/latest/configure/configure-zone-aware-replication/
     */
    zoneAware: z.boolean(),
    /** Blocks retention enforced by the compactor, days; at most `storage.metricsRetentionDays` (the bucket expiry, XL-OBS-001). */
    retentionDays,
    /** Per-tenant (= cluster) ingestion limits; dev small, prod large. @default upstream defaults ({@link MIMIR_LIMITS_DEFAULTS}) */
    limits: mimirLimitsSchema.default(MIMIR_LIMITS_DEFAULTS),
  })
  .superRefine((m, ctx) => {
    if (m.zoneAware === true && m.mode !== 'distributed') ctx.addIssue({ code: 'custom', path: ['zoneAware'], message: `is true but mode is "${m.mode}"; zone-aware replication needs mode "distributed" (or set zoneAware: false)` });
  });

/**
 * The dedicated Kafka Tempo queues spans in (namespace `traces-kafka`, used by Tempo only, ADR 0034): one pool of
 * combined broker+controller nodes spread over zones, a plaintext listener guarded by the ambient mesh, and the
 * topic `tempo-traces` with `tempo.partitions` partitions. The queue only buffers: spans are in S3 once the
 * block-builders have flushed them, so retention is hours and volumes are small.
 */
export const tempoKafkaSchema = z
  .strictObject({
    /** Kafka nodes, each a broker and a KRaft controller: 1 (dev) or an odd 3+ spread over zones. */
    nodes: z.number().int().min(1).max(9),
    /** Log volume per node, GiB (encrypted gp3). */
    storageGiB: z.number().int().min(1).max(4096),
    /** Requests (and memory limit) of each node. */
    resources: dataResourcesSchema,
    /** Copies of each partition of the traces topic; at most `nodes`. */
    replicationFactor: z.number().int().min(1).max(9),
    /** `min.insync.replicas` of the traces topic (distributors produce with acks=all); below `replicationFactor` when it is above 1. */
    minInsyncReplicas: z.number().int().min(1).max(9),
    /** `retention.ms` of the traces topic, hours: how long the block-builders and live-stores may fall behind before spans are lost. */
    retentionHours: z.number().int().min(1).max(72, { message: 'must be at most 72 hours: the queue only buffers spans until the block-builders write them to S3' }),
  })
  .superRefine((k, ctx) => {
    // RUN_ALWAYS-safe: numbers only compared when they are numbers
    if (typeof k.nodes === 'number' && k.nodes % 2 === 0) ctx.addIssue({ code: 'custom', path: ['nodes'], message: `${k.nodes} nodes cannot form a KRaft majority quorum after one failure; use an odd count (1, or 3 across zones)` });
    if (typeof k.replicationFactor === 'number' && typeof k.nodes === 'number' && k.replicationFactor > k.nodes) {
      ctx.addIssue({ code: 'custom', path: ['replicationFactor'], message: `${k.replicationFactor} exceeds the ${k.nodes} nodes; lower it to at most ${k.nodes} or add nodes` });
    }
    if (typeof k.minInsyncReplicas === 'number' && typeof k.replicationFactor === 'number') {
      if (k.minInsyncReplicas > k.replicationFactor) {
        ctx.addIssue({ code: 'custom', path: ['minInsyncReplicas'], message: `${k.minInsyncReplicas} exceeds replicationFactor ${k.replicationFactor}; the distributors (acks=all) could never write` });
      } else if (k.replicationFactor > 1 && k.minInsyncReplicas >= k.replicationFactor) {
        ctx.addIssue({ code: 'custom', path: ['minInsyncReplicas'], message: `${k.minInsyncReplicas} is not below replicationFactor ${k.replicationFactor}; one node down would stop every distributor write (use ${k.replicationFactor - 1})` });
      }
    }
  });

/**
 * Tempo per environment (tempo-distributed 3.x: microservices only, spans queued in Kafka, ADR 0034).
 * `small`: one replica per stateless component (dev); `distributed`: replicated distributors, queriers,
 * query-frontends and backend-workers (staging, prod).
 * @see https://grafana.com/docs/tempo/latest/set-up-for-tracing/setup-tempo/plan/deployment-modes/
 */
export const tempoSchema = z.strictObject({
  mode: z.enum(['small', 'distributed']),
  /**
   * Partitions of the traces topic, which is also the replica count of the block-builders and of the
   * live-stores (the chart requires them equal); 3+ to spread them over zones.
   */
  partitions: z.number().int().min(1).max(64),
  /** Trace retention enforced by the backend scheduler, days; at most `storage.tracesRetentionDays` (the bucket expiry, XL-OBS-001). */
  retentionDays,
  /** The dedicated traces Kafka (add-on `traces-kafka`). */
  kafka: tempoKafkaSchema,
});

/** Alloy per environment. */
export const alloySchema = z.strictObject({
  /** Replicas of the clustered collector (OTLP receiver, scrapes); 2+ for HA, spread over zones. */
  collectorReplicas: z.number().int().min(1).max(20),
  /**
   * Share of traces kept by the collector's probabilistic sampler, percent: the platform's one trace-sampling
   * decision (by trace id, so every span of a trace gets the same one on every replica). The mesh records every
   * request it traces (`mesh.tracingSamplingPercent: 100` while Tempo runs, ADR 0034).
   */
  traceSamplingPercent: z.number().gt(0, { message: 'must be above 0 (0 would drop every trace); use a small share such as 1' }).max(100),
});

/** One subscription of the alerts topic. E-mail subscriptions stay pending until the recipient confirms them. */
export const alertSubscriptionSchema = z.discriminatedUnion('protocol', [
  z.strictObject({ protocol: z.literal('email'), endpoint: z.email({ message: 'must be an e-mail address such as oncall@acme.example' }) }),
  z.strictObject({ protocol: z.literal('https'), endpoint: z.url({ protocol: /^https$/, message: 'must be an https:// URL (a paging or chat webhook accepting SNS notifications)' }) }),
]);

const httpsUrl = z.url({ protocol: /^https$/, message: 'must be an https:// URL' });

/**
 * Grafana per environment, behind an internet-facing ALB open to `sourceCidrs`, OIDC SSO like ArgoCD (Grafana's
 * generic OAuth needs the provider's endpoints). Dashboards, datasources and users (from SSO, roles from the groups at
 * every login) are provisioned, so Grafana's SQLite database holds only sessions and preferences: one replica keeps
 * it on an encrypted gp3 volume (`storageGiB`); two or more (HA) keep it per pod (no volume, which is zonal and
 * single-attach), with ALB sticky sessions, a PodDisruptionBudget and a spread over zones.
 * @see https://grafana.com/docs/grafana/latest/setup-grafana/configure-security/configure-authentication/generic-oauth/
 * @see https://grafana.com/docs/grafana/latest/setup-grafana/set-up-for-high-availability/
 */
export const grafanaSchema = z
  .strictObject({
    /** Grafana pods: 1 (dev) or 2+ spread over zones (staging, prod), so losing a node or an AZ keeps the UI up. */
    replicas: z.number().int().min(1).max(10),
    /** Networks allowed to reach `grafana.<dns.domain>` (ALB inbound CIDRs), never 0.0.0.0/0. */
    sourceCidrs: z
      .array(ipv4Cidr)
      .min(1)
      .superRefine((cidrs, ctx) => {
        cidrs.forEach((c, i) => {
          if (c.endsWith('/0')) ctx.addIssue({ code: 'custom', path: [i], message: `"${c}" opens Grafana to the internet; list the organization's egress ranges` });
        });
      }),
    /** Volume of Grafana's database, GiB; with `replicas` 1 only (more replicas keep no volume). */
    storageGiB: z.number().int().min(1).max(100).optional(),
    sso: z.strictObject({
      /** OAuth client id registered for Grafana at the provider. */
      clientId: z.string().min(1),
      /** Secret in the grafana namespace holding the client secret (delivered by the secrets layer). */
      clientSecret: z.strictObject({ name: secretName, key: secretKey }),
      authUrl: httpsUrl,
      tokenUrl: httpsUrl,
      /** UserInfo endpoint (login, e-mail, groups). */
      apiUrl: httpsUrl,
      scopes: z.array(z.string().regex(/^[A-Za-z0-9._:/-]+$/)).min(1).refine((s) => s.includes('openid'), { message: 'must include openid' }),
      /** Group whose members are Grafana Admins; everyone else who can log in is a Viewer. */
      adminGroup: z.string().regex(/^[^'\\]+$/, { message: 'must not contain quotes or backslashes (it is embedded in a JMESPath expression)' }),
    }),
  })
  .superRefine((g, ctx) => {
    if (g.replicas === 1 && g.storageGiB === undefined) ctx.addIssue({ code: 'custom', path: ['storageGiB'], message: 'is required with replicas 1 (the volume of its database); set e.g. storageGiB: 5' });
    if (typeof g.replicas === 'number' && g.replicas > 1 && g.storageGiB !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['storageGiB'], message: `${g.storageGiB} is set but replicas is ${g.replicas}: replicated Grafana keeps no volume (a gp3 volume attaches to one pod in one zone); remove storageGiB` });
    }
  });

/** The observability layer's per-environment fields. */
export const observabilitySchema = z.strictObject({
  /**
   * The `docs/runbooks` folder of the platform repository as a browsable HTTPS URL without a trailing slash;
   * every alert's `runbook_url` is `<this>/<file>#<section>`.
   */
  runbookBaseUrl: z.string().regex(/^https:\/\/[^\s#?]+[^\s#?/]$/, { message: 'must be an https:// URL of the docs/runbooks folder without a trailing slash, such as https://github.com/acme/platform/blob/main/docs/runbooks' }),
  alertmanager: alertmanagerSchema,
  /**
   * The alerts SNS topic (KMS-encrypted): GuardDuty findings of MEDIUM or higher, budget notifications and the
   * Alertmanager `sns` receivers reach these subscribers.
   */
  alertsTopic: z.strictObject({ subscriptions: z.array(alertSubscriptionSchema).min(1, { message: 'needs at least one subscription, or GuardDuty findings reach nobody; add e.g. { protocol: \'email\', endpoint: \'oncall@acme.example\' }' }) }),
  loki: lokiSchema,
  mimir: mimirSchema,
  tempo: tempoSchema,
  alloy: alloySchema,
  grafana: grafanaSchema,
});

/** Logical zones of zone-aware Loki and Mimir (the charts' zone-a, zone-b, zone-c): each needs an availability zone of its own. */
export const OBSERVABILITY_ZONES = 3;

/** Zone-aware Loki and Mimir place each of their three zones in its own availability zone: the VPC needs three. */
export function zoneAwareIssues(env: { readonly network?: { readonly azCount?: unknown }; readonly observability?: { readonly loki?: { readonly zoneAware?: unknown }; readonly mimir?: { readonly zoneAware?: unknown } } }, ctx: z.RefinementCtx): void {
  const azCount = env.network?.azCount;
  if (typeof azCount !== 'number' || azCount >= OBSERVABILITY_ZONES) return;
  for (const store of ['loki', 'mimir'] as const) {
    if (env.observability?.[store]?.zoneAware === true) {
      ctx.addIssue({ code: 'custom', path: ['observability', store, 'zoneAware'], message: `is true but network.azCount is ${azCount}; its ${OBSERVABILITY_ZONES} zones each need an availability zone of their own (set network.azCount to ${OBSERVABILITY_ZONES} or more, or zoneAware: false)` });
    }
  }
}

/**
 * Traces are sampled in one place, Alloy (`observability.alloy.traceSamplingPercent`, ADR 0034): while Tempo runs
 * and the mesh traces requests, the mesh must not sample again (two samplers multiply: 2% x 20% keeps 0.4%).
 */
export function tracesSamplingIssues(env: { readonly addons?: { readonly enabled?: unknown }; readonly mesh?: { readonly tracingSamplingPercent?: unknown }; readonly observability?: { readonly alloy?: { readonly traceSamplingPercent?: unknown } } }, ctx: z.RefinementCtx): void {
  const enabled = (typeof env.addons?.enabled === 'object' && env.addons.enabled !== null ? env.addons.enabled : {}) as Readonly<Record<string, unknown>>;
  const meshPercent = env.mesh?.tracingSamplingPercent;
  if (enabled['tempo-distributed'] === true && enabled['istiod'] === true && typeof meshPercent === 'number' && meshPercent !== 100) {
    ctx.addIssue({
      code: 'custom',
      path: ['mesh', 'tracingSamplingPercent'],
      message: `${meshPercent} samples traces a second time while Tempo runs (Alloy keeps observability.alloy.traceSamplingPercent = ${String(env.observability?.alloy?.traceSamplingPercent)}% of them); set it to 100 and choose the share in observability.alloy.traceSamplingPercent`,
    });
  }
}
