import type { Construct } from 'constructs';
import { KubeConfigMap } from '@platform/k8s-imports/k8s';
import { type DashboardSpec, dashboardJson } from './dashboard';

export interface GrafanaDashboardsProps {
  readonly name: string;
  readonly namespace: string;
  readonly dashboards: readonly DashboardSpec[];
}

/**
 * One ConfigMap holding every platform dashboard as `<uid>.json` (stable key order), mounted by the grafana chart
 * (`dashboardsConfigMaps`) into a file provider folder: no sidecar, no Kubernetes API access for Grafana.
 * @throws Error when two dashboards share a uid
 */
export function grafanaDashboardsConfigMap(scope: Construct, id: string, props: GrafanaDashboardsProps): KubeConfigMap {
  const data: Record<string, string> = {};
  for (const d of props.dashboards) {
    const key = `${d.uid}.json`;
    if (data[key]) throw new Error(`dashboard uid "${d.uid}" is declared twice`);
    data[key] = JSON.stringify(dashboardJson(d), null, 2);
  }
  return new KubeConfigMap(scope, id, { metadata: { name: props.name, namespace: props.namespace }, data });
}
