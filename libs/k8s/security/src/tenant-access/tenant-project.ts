import { type GitOpsTarget, PlatformProject } from '@platform/k8s-gitops';
import { JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';

/** AppProject of a tenant: `tenant-<namespace>`. */
export function tenantProjectNameOf(namespace: string): string {
  return `tenant-${namespace}`;
}

/**
 * Namespaced kinds a tenant's Applications may not create: the platform's guardrails in its namespace, and the
 * ways around the platform edge and the mesh's identity rules: a `Gateway` (class `istio` provisions a new
 * load-balanced gateway outside the platform one), a `PeerAuthentication` (could turn the mesh's STRICT mutual
 * TLS off for its pods) and every `networking.istio.io` kind (ServiceEntry, VirtualService, DestinationRule,
 * Sidecar, EnvoyFilter ... re-route or re-configure the mesh). Entries are ArgoCD globs.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/projects/ (namespaceResourceBlacklist)
 */
export const TENANT_NAMESPACE_RESOURCE_BLACKLIST: readonly { readonly group: string; readonly kind: string }[] = [
  { group: '', kind: 'ResourceQuota' },
  { group: '', kind: 'LimitRange' },
  { group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { group: 'rbac.authorization.k8s.io', kind: 'Role' },
  { group: 'rbac.authorization.k8s.io', kind: 'RoleBinding' },
  { group: 'security.istio.io', kind: 'AuthorizationPolicy' },
  { group: 'security.istio.io', kind: 'PeerAuthentication' },
  { group: 'gateway.networking.k8s.io', kind: 'Gateway' },
  { group: 'networking.istio.io', kind: '*' },
];

export interface TenantProjectProps {
  /** The environment's GitOps repository (always a source) and sync windows (`gitOpsTarget(env)`). */
  readonly gitops: GitOpsTarget;
  /** The tenant's namespace, the only destination. */
  readonly namespace: string;
  /** The team's SSO group (ArgoCD project role `team`). @default none: no project role */
  readonly group?: string;
  /** Git repositories the team's Applications may use besides the GitOps repo. */
  readonly sourceRepos: readonly string[];
}

/**
 * The tenant's AppProject: its namespace on the in-cluster destination only, the GitOps repo plus its own
 * repositories, no cluster-scoped kind, none of {@link TENANT_NAMESPACE_RESOURCE_BLACKLIST}, and a project role
 * `team` giving the team's SSO group full control of the project's Applications and nothing else.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/projects/#project-roles
 */
export class TenantProject extends Construct {
  public readonly project: PlatformProject;

  constructor(scope: Construct, id: string, props: TenantProjectProps) {
    super(scope, id);
    const name = tenantProjectNameOf(props.namespace);
    this.project = new PlatformProject(this, 'project', {
      gitops: props.gitops,
      name,
      description: `Applications of tenant ${props.namespace}: its namespace and repositories only`,
      sourceRepos: [props.gitops.repoUrl, ...props.sourceRepos],
      destinationNamespaces: [props.namespace],
    });
    this.project.project.addJsonPatch(JsonPatch.add('/spec/namespaceResourceBlacklist', TENANT_NAMESPACE_RESOURCE_BLACKLIST.map((k) => ({ ...k }))));
    if (props.group) {
      this.project.project.addJsonPatch(
        JsonPatch.add('/spec/roles', [
          {
            name: 'team',
            description: `Team ${props.group}: manage the Applications of ${name}`,
            groups: [props.group],
            policies: [`p, proj:${name}:team, applications, *, ${name}/*, allow`, `p, proj:${name}:team, logs, get, ${name}/*, allow`],
          },
        ]),
      );
    }
  }
}
