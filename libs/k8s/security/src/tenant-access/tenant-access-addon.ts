import { type EnvironmentConfig, TENANT_ACCESS } from '@platform/config';
import { Addon } from '@platform/k8s-core';
import { ARGOCD_NAMESPACE, gitOpsTarget, PROJECTS_SYNC_WAVE } from '@platform/k8s-gitops';
import type { Construct } from 'constructs';
import { TenantProject } from './tenant-project';
import { TenantRole } from './tenant-role';

export interface TenantAccessAddonProps {
  readonly env: EnvironmentConfig;
  /** The baseline, which renders the tenant namespaces. */
  readonly dependsOn: readonly Addon[];
}

/**
 * Per tenant (`tenants[]`): a Role + RoleBinding giving its `group` edit rights in its namespace only
 * ({@link TenantRole}; none without a group: no access by default), and its AppProject `tenant-<namespace>` restricted to that namespace and its
 * `sourceRepos` ({@link TenantProject}). The namespaces themselves (default deny, quota, limits) are the baseline's.
 */
export class TenantAccessAddon extends Addon {
  constructor(scope: Construct, id: string, props: TenantAccessAddonProps) {
    const { env } = props;
    super(scope, id, {
      env,
      declaration: TENANT_ACCESS,
      dependsOn: props.dependsOn,
      // places AppProjects in argocd and RBAC in the tenant namespaces; runs no pods
      namespace: { name: ARGOCD_NAMESPACE, managedBy: 'external', workloads: false },
    });
    const rbac = env.tenants.some((t) => t.group) ? this.manifestFile('rbac') : undefined;
    const projects = this.manifestFile('projects');
    const gitops = gitOpsTarget(env);
    for (const t of env.tenants) {
      if (t.group && rbac) new TenantRole(rbac, t.namespace, { namespace: t.namespace, group: t.group });
      const p = new TenantProject(projects, t.namespace, { gitops, namespace: t.namespace, group: t.group, sourceRepos: t.sourceRepos });
      p.project.project.metadata.addAnnotation('argocd.argoproj.io/sync-wave', String(PROJECTS_SYNC_WAVE));
    }
  }
}
