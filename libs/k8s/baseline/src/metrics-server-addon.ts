import type { EnvironmentConfig } from '@platform/config';
import { Addon, EGRESS_KUBE_API } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import type { MetricsServerValues } from './metrics-server-values';

/** Port the metrics-server serves the `v1beta1.metrics.k8s.io` APIService on. @see chart value `containerPort` */
export const METRICS_SERVER_PORT = 10250;

/** Kubelet port metrics-server scrapes on every node. */
export const KUBELET_PORT = 10250;

export interface MetricsServerAddonProps {
  readonly env: EnvironmentConfig;
  readonly dependsOn: readonly Addon[];
}

/**
 * metrics-server from its upstream chart (not the EKS community add-on): it is versioned in the
 * catalog with the other add-ons, staged per environment through `addons.chartVersions`, runs two
 * replicas with a PodDisruptionBudget so `kubectl top`/HPA survive node drains, and gets the same
 * NetworkPolicies as every platform workload. Runs in kube-system; policies select only its pods.
 */
export class MetricsServerAddon extends Addon<MetricsServerValues> {
  constructor(scope: Construct, id: string, props: MetricsServerAddonProps) {
    super(scope, id, {
      env: props.env,
      name: 'metrics-server',
      description: 'Resource metrics API (metrics.k8s.io) for HPA and kubectl top',
      dependsOn: props.dependsOn,
      namespace: {
        name: 'kube-system',
        managedBy: 'external',
        podSelector: { 'app.kubernetes.io/name': 'metrics-server' },
        ingress: [{ description: 'API server aggregation layer calls the metrics APIService', peer: 'vpc', ports: [{ port: METRICS_SERVER_PORT }] }],
        egress: [EGRESS_KUBE_API, { description: 'kubelet summary API on every node', peer: 'vpc', ports: [{ port: KUBELET_PORT }] }],
      },
      chart: {
        key: 'metrics-server',
        values: {
          replicas: 2,
          priorityClassName: 'system-cluster-critical',
          podDisruptionBudget: { enabled: true, minAvailable: 1 },
          resources: { requests: { cpu: '100m', memory: '200Mi' }, limits: { memory: '400Mi' } },
          containerPort: METRICS_SERVER_PORT,
        },
      },
    });
  }
}
