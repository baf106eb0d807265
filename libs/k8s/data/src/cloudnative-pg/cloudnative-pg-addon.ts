import { CLOUDNATIVE_PG, type EnvironmentConfig } from '@platform/config';
import type { PriorityClassName } from '@platform/k8s-baseline';
import { Addon, EGRESS_KUBE_API, ingressWebhook, type NetworkRule } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import { POSTGRES_NAMESPACE } from '../common/namespaces';
import type { CloudnativePgValues } from './cloudnative-pg-values';

/** Namespace of the CloudNativePG operator (and of its plugins, which must run next to it). */
export const CNPG_NAMESPACE = 'cnpg-system';
/** Pod labels of the operator (chart selector labels). */
export const CNPG_OPERATOR_POD_LABELS = { 'app.kubernetes.io/name': 'cloudnative-pg' } as const;
/** Admission webhook port. @see values.yaml `webhook.port` */
export const CNPG_WEBHOOK_PORT = 9443;
/** Operator image tag: the chart's appVersion, pinned explicitly. */
export const CNPG_OPERATOR_VERSION = '1.30.0';
/** Port of the instance manager's status endpoint in every PostgreSQL pod, which the operator polls. @see https://cloudnative-pg.io/documentation/current/security/#exposed-ports */
export const CNPG_INSTANCE_STATUS_PORT = 8000;
const PRIORITY: PriorityClassName = 'platform-high';

export interface CloudnativePgAddonProps {
  readonly env: EnvironmentConfig;
  readonly dependsOn: readonly Addon[];
}

/**
 * The CloudNativePG operator (cluster-wide, CRDs included, server-side apply for the large CRDs),
 * in `cnpg-system` next to the Barman Cloud plugin. Egress: the API server and the instance
 * managers (status port) and PostgreSQL of the pods in `databases`. No cascade delete: deleting the
 * CRDs would delete every PostgreSQL cluster.
 */
export class CloudnativePgAddon extends Addon<CloudnativePgValues> {
  constructor(scope: Construct, id: string, props: CloudnativePgAddonProps) {
    const { env } = props;
    const toInstances: NetworkRule = {
      description: 'operator to the instance managers (status, backups) and PostgreSQL of every cluster',
      peer: { namespace: POSTGRES_NAMESPACE },
      ports: [{ port: CNPG_INSTANCE_STATUS_PORT }, { port: 5432 }],
    };
    super(scope, id, {
      env,
      declaration: CLOUDNATIVE_PG,
      dependsOn: props.dependsOn,
      cascadeDelete: false,
      namespace: {
        name: CNPG_NAMESPACE,
        podSelector: CNPG_OPERATOR_POD_LABELS,
        ingress: [ingressWebhook(CNPG_WEBHOOK_PORT)],
        egress: [EGRESS_KUBE_API, toInstances],
      },
      chart: {
        serverSideApply: true,
        values: {
          replicaCount: 1,
          image: { repository: 'ghcr.io/cloudnative-pg/cloudnative-pg', tag: CNPG_OPERATOR_VERSION },
          crds: { create: true },
          config: { clusterWide: true },
          priorityClassName: PRIORITY,
          resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } },
          monitoring: { podMonitorEnabled: false },
        },
      },
    });
  }
}
