import { NamespaceNetworkPolicies, type NetworkPeerAddresses, PlatformNamespace } from '@platform/k8s-baseline';
import { Restore } from '@platform/k8s-imports/velero.io';
import { Construct } from 'constructs';
import { restoreDrillChecklist } from './restore-drill-checklist';

/**
 * Resources a drill never restores into the scratch namespace: routes and Ingresses would attach to the
 * shared Gateway or create load balancers and DNS records for production hostnames; NetworkPolicies of
 * the source namespace would widen the scratch namespace's deny-all (policies are additive).
 */
export const DRILL_EXCLUDED_RESOURCES = ['httproutes.gateway.networking.k8s.io', 'grpcroutes.gateway.networking.k8s.io', 'ingresses.networking.k8s.io', 'networkpolicies.networking.k8s.io'] as const;

/** Label on every object of a drill (value: the drill name). */
export const DRILL_LABEL = 'platform.io/drill';

/** A database recovery the drill adds (the data layer's recovery Cluster), rendered into the scratch namespace. */
export interface DrillDatabaseRecovery {
  /** Name of the recovered database cluster in the scratch namespace. */
  readonly name: string;
  /** Renders the recovery objects below `scope` (e.g. a CloudNativePG Cluster bootstrapped from the backup). */
  readonly render: (scope: Construct, id: string, namespace: string) => void;
}

/**
 * What a restore drill uses, flat: the add-on root maps it from the environment (`name`,
 * `cluster.version`, `network.vpcCidr`, `kubernetesApiServiceIp(env)`, `dr.rpoMinutes`, `dr.rtoMinutes`,
 * `dr.drill`). `vpcCidr` and `kubernetesApiServiceIp` address the scratch namespace's NetworkPolicies.
 */
export interface RestoreDrillProps extends NetworkPeerAddresses {
  /** Environment name (`name`): the prefix of error messages and the `dist/<environment>/drills/` path in the checklist. */
  readonly environment: string;
  /** Kubernetes minor of the cluster (`cluster.version`, e.g. `1.34`): the scratch Namespace's Pod Security label version. */
  readonly kubernetesVersion: string;
  /** Recovery point objective, minutes (`dr.rpoMinutes`), stated in the checklist. */
  readonly rpoMinutes: number;
  /** Recovery time objective, minutes (`dr.rtoMinutes`): the checklist's timed steps add up to at most this. */
  readonly rtoMinutes: number;
  /** Drill name: the Restore's name and the label value. @default `drill-<schedule>` */
  readonly name?: string;
  /** Velero's namespace (Restores are read there only). */
  readonly veleroNamespace: string;
  /** Velero Schedule whose latest completed Backup is restored (`dr.drill.schedule`). */
  readonly schedule: string;
  /** Namespaces of that backup to restore (`dr.drill.namespaces`). */
  readonly namespaces: readonly string[];
  /** Scratch namespace they are mapped into (`dr.drill.scratchNamespace`); must not be one of `namespaces`. */
  readonly scratchNamespace: string;
  /** Database recoveries (data layer). @default [] */
  readonly databases?: readonly DrillDatabaseRecovery[];
}

/**
 * A restore drill as code (ADR 0037), rendered to `dist/<env>/drills/` and applied by hand, never synced
 * by ArgoCD: the scratch Namespace (restricted, deny-all except DNS and in-namespace traffic, so
 * restored workloads reach nothing outside), a Velero `Restore` of the latest completed Backup of
 * `schedule` with every namespace mapped into it (PersistentVolumes from their CSI snapshots; routes,
 * Ingresses and NetworkPolicies left out), the database recoveries, and the timed checklist
 * (`checklist`, Markdown) whose steps add up against `rtoMinutes`.
 * @throws Error naming the environment and `dr.drill.scratchNamespace` when the scratch namespace is one of
 *   the restored namespaces
 * @see https://velero.io/docs/v1.18/restore-reference/
 */
export class RestoreDrill extends Construct {
  public readonly restore: Restore;
  public readonly drillName: string;
  /** The drill's checklist (Markdown): trigger, timed steps with exact commands, verification, clean-up. */
  public readonly checklist: string;

  constructor(scope: Construct, id: string, props: RestoreDrillProps) {
    super(scope, id);
    const { environment, scratchNamespace } = props;
    if (props.namespaces.includes(scratchNamespace)) {
      throw new Error(`${environment}: dr.drill.scratchNamespace "${scratchNamespace}" is also in dr.drill.namespaces; a drill must restore next to the original, never over it`);
    }
    this.drillName = props.name ?? `drill-${props.schedule}`;
    const labels = { [DRILL_LABEL]: this.drillName };
    new PlatformNamespace(this, 'namespace', { environment, kubernetesVersion: props.kubernetesVersion, name: scratchNamespace, labels });
    new NamespaceNetworkPolicies(this, 'network-policies', { environment, vpcCidr: props.vpcCidr, kubernetesApiServiceIp: props.kubernetesApiServiceIp, namespace: scratchNamespace, namePrefix: '', podSelector: {}, ingress: [], egress: [] });
    this.restore = new Restore(this, 'restore', {
      metadata: { name: this.drillName, namespace: props.veleroNamespace, labels },
      spec: {
        scheduleName: props.schedule,
        includedNamespaces: [...props.namespaces],
        namespaceMapping: Object.fromEntries(props.namespaces.map((ns) => [ns, scratchNamespace])),
        excludedResources: [...DRILL_EXCLUDED_RESOURCES],
        restorePVs: true,
        existingResourcePolicy: 'none',
      },
    });
    const databases = props.databases ?? [];
    for (const db of databases) db.render(this, `database-${db.name}`, scratchNamespace);
    this.checklist = restoreDrillChecklist({
      environment,
      drillName: this.drillName,
      veleroNamespace: props.veleroNamespace,
      schedule: props.schedule,
      namespaces: props.namespaces,
      scratchNamespace,
      databases: databases.map((d) => d.name),
      rpoMinutes: props.rpoMinutes,
      rtoMinutes: props.rtoMinutes,
    });
  }
}
