import type { EnvironmentConfig } from '@platform/config';
import type { App } from 'cdktn';
import { AuditStack } from './stacks/audit-stack';
import { BootstrapStack } from './stacks/bootstrap-stack';
import { CertificatesStack } from './stacks/certificates-stack';
import { ClusterStack } from './stacks/cluster-stack';
import { CostStack } from './stacks/cost-stack';
import { DnsStack } from './stacks/dns-stack';
import { NetworkStack } from './stacks/network-stack';
import { PodIamStack } from './stacks/pod-iam-stack';
import { StorageStack } from './stacks/storage-stack';

/**
 * Stack names in apply order (first time). Later stacks find earlier ones' resources by
 * deterministic names, tags and KMS aliases through data sources, never by cross-stack references:
 * bootstrap (tools/scripts/bootstrap-state.sh) -> network -> cluster -> storage -> dns -> pod-iam
 * -> audit -> cost -> certificates. `certificates` comes last: ACM validation needs the zone
 * created by `dns` to be delegated from its parent zone, which happens outside Terraform.
 * @see docs/architecture.md "Stacks and apply order"
 */
export const FOUNDATION_STACKS = ['bootstrap', 'network', 'cluster', 'storage', 'dns', 'pod-iam', 'audit', 'cost', 'certificates'] as const;

/**
 * Composes the environment's Terraform stacks. Each stack has its own state
 * (`<env>/<stack>.tfstate`) so a change to one layer cannot touch another's resources.
 */
export function buildFoundation(app: App, env: EnvironmentConfig): void {
  new BootstrapStack(app, 'bootstrap', { env });
  new NetworkStack(app, 'network', { env });
  new ClusterStack(app, 'cluster', { env });
  new StorageStack(app, 'storage', { env });
  new DnsStack(app, 'dns', { env });
  new PodIamStack(app, 'pod-iam', { env });
  new AuditStack(app, 'audit', { env });
  new CostStack(app, 'cost', { env });
  new CertificatesStack(app, 'certificates', { env });
}
