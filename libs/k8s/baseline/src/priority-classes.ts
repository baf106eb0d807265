import { KubePriorityClass } from '@platform/k8s-imports/k8s';
import { Construct } from 'constructs';

/**
 * Platform PriorityClasses, highest first. User-defined classes may not exceed 1,000,000,000;
 * `system-cluster-critical`/`system-node-critical` stay above them for EKS components.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/#priorityclass
 */
export const PRIORITY_CLASSES = [
  { name: 'platform-critical', value: 900_000_000, description: 'Platform controllers the cluster cannot run without (ArgoCD, Karpenter, ingress, DNS).', globalDefault: false },
  { name: 'platform-high', value: 100_000_000, description: 'Platform services (observability, CI, policy) that tenants depend on.', globalDefault: false },
  { name: 'tenant-high', value: 10_000, description: 'Latency-critical tenant workloads.', globalDefault: false },
  { name: 'tenant-default', value: 1_000, description: 'Default for tenant pods without a priorityClassName.', globalDefault: true },
  { name: 'tenant-batch', value: 100, description: 'Batch and CI jobs; never preempt other pods.', globalDefault: false, preemptionPolicy: 'Never' },
] as const;

export type PriorityClassName = (typeof PRIORITY_CLASSES)[number]['name'];

export interface PlatformPriorityClassesProps {
  /** ArgoCD sync wave (`argocd.argoproj.io/sync-wave`) of the PriorityClasses inside the Application that syncs them. @default none (wave 0) */
  readonly syncWave?: number;
}

/**
 * Renders `PRIORITY_CLASSES`; exactly one is the global default. Part of the bootstrap: applied
 * before the ArgoCD `helm install` (whose pods use `platform-critical`), then reconciled by the
 * root Application.
 */
export class PlatformPriorityClasses extends Construct {
  constructor(scope: Construct, id: string, props: PlatformPriorityClassesProps = {}) {
    super(scope, id);
    const annotations = props.syncWave === undefined ? undefined : { 'argocd.argoproj.io/sync-wave': String(props.syncWave) };
    for (const pc of PRIORITY_CLASSES) {
      new KubePriorityClass(this, pc.name, {
        metadata: { name: pc.name, annotations },
        value: pc.value,
        globalDefault: pc.globalDefault,
        description: pc.description,
        preemptionPolicy: 'preemptionPolicy' in pc ? pc.preemptionPolicy : 'PreemptLowerPriority',
      });
    }
  }
}
