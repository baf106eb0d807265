import { type EnvironmentConfig, PLUGIN_BARMAN_CLOUD } from '@platform/config';
import type { PriorityClassName } from '@platform/k8s-baseline';
import { Addon, EGRESS_KUBE_API } from '@platform/k8s-core';
import type { CertManagerAddon } from '@platform/k8s-security';
import type { Construct } from 'constructs';
import { CNPG_NAMESPACE, CNPG_OPERATOR_POD_LABELS, type CloudnativePgAddon } from '../cloudnative-pg/cloudnative-pg-addon';
import type { PluginBarmanCloudValues } from './plugin-barman-cloud-values';

/** Name the operator knows the plugin by (`Cluster.spec.plugins[].name`, `ScheduledBackup.spec.pluginConfiguration.name`). */
export const BARMAN_CLOUD_PLUGIN_NAME = 'barman-cloud.cloudnative-pg.io';
/** Plugin version (chart appVersion), pinned explicitly for both images. */
export const BARMAN_CLOUD_PLUGIN_VERSION = 'v0.13.0';
/** gRPC (mTLS) port the operator calls the plugin on. @see values.yaml `service.port` */
export const BARMAN_CLOUD_PLUGIN_PORT = 9090;
/** Pod labels of the plugin (chart selector labels). */
export const BARMAN_CLOUD_POD_LABELS = { 'app.kubernetes.io/name': 'plugin-barman-cloud' } as const;
const PRIORITY: PriorityClassName = 'platform-high';

export interface PluginBarmanCloudAddonProps {
  readonly env: EnvironmentConfig;
  readonly operator: CloudnativePgAddon;
  /** cert-manager: the chart's Issuer and Certificates (operator <-> plugin mTLS) need its CRDs and controller first. */
  readonly certManager: CertManagerAddon;
}

/**
 * The Barman Cloud CNPG-I plugin (ADR 0025): installs the `ObjectStore` CRD and the plugin
 * Deployment in the operator's namespace (the operator discovers plugins there); it injects the
 * barman-cloud sidecar into PostgreSQL pods that list it in `spec.plugins`. Operator <-> plugin
 * traffic is mTLS with certificates the chart requests from cert-manager.
 */
export class PluginBarmanCloudAddon extends Addon<PluginBarmanCloudValues> {
  constructor(scope: Construct, id: string, props: PluginBarmanCloudAddonProps) {
    const { env } = props;
    const image = (repository: string) => ({ registry: 'ghcr.io', repository, tag: BARMAN_CLOUD_PLUGIN_VERSION });
    super(scope, id, {
      env,
      declaration: PLUGIN_BARMAN_CLOUD,
      dependsOn: [props.operator, props.certManager],
      cascadeDelete: false,
      namespace: {
        name: CNPG_NAMESPACE,
        podSelector: BARMAN_CLOUD_POD_LABELS,
        ingress: [{ description: 'CloudNativePG operator to the plugin (gRPC over mTLS)', peer: { namespace: CNPG_NAMESPACE, podLabels: CNPG_OPERATOR_POD_LABELS }, ports: [{ port: BARMAN_CLOUD_PLUGIN_PORT }] }],
        egress: [EGRESS_KUBE_API],
      },
      chart: {
        serverSideApply: true,
        values: {
          image: image('cloudnative-pg/plugin-barman-cloud'),
          sidecarImage: image('cloudnative-pg/plugin-barman-cloud-sidecar'),
          crds: { create: true },
          priorityClassName: PRIORITY,
          resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } },
        },
      },
    });
  }
}
