/** Where the pod spec sits in each workload kind (the same mapping the policies' `podSpec` variable uses). */
export const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** Workload kinds with a pod template, for API groups `` (Pod) `apps` and `batch`. */
export function isWorkload(object: Record<string, unknown>): boolean {
  const kind = String(object['kind']);
  const apiVersion = String(object['apiVersion']);
  return kind in POD_SPEC_PATHS && (apiVersion === 'v1' || apiVersion.startsWith('apps/') || apiVersion.startsWith('batch/'));
}

/** The pod spec of a workload and its JSON path, or undefined. */
export function podSpecOf(object: Record<string, unknown>): { readonly path: string; readonly spec: Record<string, unknown> } | undefined {
  if (!isWorkload(object)) return undefined;
  const segments = POD_SPEC_PATHS[String(object['kind'])];
  let node: unknown = object;
  for (const s of segments) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[s];
  }
  return node && typeof node === 'object' ? { path: segments.join('.'), spec: node as Record<string, unknown> } : undefined;
}
