import { clusterName, type EnvironmentConfig, EXTERNAL_DNS, podIdentityEntry } from '@platform/config';
import type { PriorityClassName } from '@platform/k8s-baseline';
import { Addon, EGRESS_AWS_APIS, EGRESS_KUBE_API } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import type { ExternalDnsValues } from './external-dns-values';

/** Pod identity contract entry of external-dns. */
export const EXTERNAL_DNS_POD_IDENTITY = 'external-dns';

/** PriorityClass of external-dns (baseline `PRIORITY_CLASSES`): ingress hosts depend on its records. */
export const EXTERNAL_DNS_PRIORITY_CLASS: PriorityClassName = 'platform-critical';

export interface ExternalDnsAddonProps {
  readonly env: EnvironmentConfig;
  readonly dependsOn: readonly Addon[];
}

/**
 * external-dns for Route 53, running as the contract ServiceAccount: restricted to `dns.domain`
 * (and to `dns.hostedZoneId` when set), TXT registry owned by the cluster name, policy from
 * `addons.externalDnsPolicy` (`upsert-only` never deletes records).
 */
export class ExternalDnsAddon extends Addon<ExternalDnsValues> {
  constructor(scope: Construct, id: string, props: ExternalDnsAddonProps) {
    const { env } = props;
    const entry = podIdentityEntry(env, EXTERNAL_DNS_POD_IDENTITY);
    super(scope, id, {
      env,
      declaration: EXTERNAL_DNS,
      dependsOn: props.dependsOn,
      namespace: { name: entry.namespace, egress: [EGRESS_KUBE_API, EGRESS_AWS_APIS] },
      chart: {
        values: {
          provider: { name: 'aws' },
          sources: ['service', 'ingress'],
          policy: env.addons.externalDnsPolicy,
          registry: 'txt',
          txtOwnerId: clusterName(env),
          domainFilters: [env.dns.domain],
          serviceAccount: { create: false, name: entry.serviceAccount },
          env: [{ name: 'AWS_DEFAULT_REGION', value: env.aws.region }],
          extraArgs: env.dns.hostedZoneId ? [`--zone-id-filter=${env.dns.hostedZoneId}`] : [],
          priorityClassName: EXTERNAL_DNS_PRIORITY_CLASS,
          interval: '1m',
          logFormat: 'json',
          resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
        },
      },
    });
  }
}
