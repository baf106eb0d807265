import { KubeRole, KubeRoleBinding, type PolicyRule } from '@platform/k8s-imports/k8s';
import { Construct } from 'constructs';

/** Name of the tenant's Role and RoleBinding in its namespace. */
export const TENANT_ROLE = 'tenant-edit';

const WRITE = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
const READ = ['get', 'list', 'watch'];

/**
 * What a tenant team may do in its own namespace: manage its workloads and their configuration, read pods,
 * logs and events, delete pods (restart). Not: Secrets (they come from ExternalSecrets), RBAC, quotas, limit
 * ranges and NetworkPolicies (platform guardrails), `pods/exec` and `pods/attach` (a shell in a container is a
 * Falco alert; debugging goes through logs, metrics and traces).
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles (what `edit` grants, minus the above)
 */
export const TENANT_RULES: readonly PolicyRule[] = [
  { apiGroups: [''], resources: ['configmaps', 'services', 'persistentvolumeclaims', 'serviceaccounts'], verbs: WRITE },
  { apiGroups: [''], resources: ['pods'], verbs: [...READ, 'delete'] },
  { apiGroups: [''], resources: ['pods/log', 'events', 'endpoints', 'resourcequotas', 'limitranges'], verbs: READ },
  { apiGroups: ['apps'], resources: ['deployments', 'statefulsets'], verbs: WRITE },
  { apiGroups: ['apps'], resources: ['replicasets', 'controllerrevisions'], verbs: READ },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: WRITE },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: WRITE },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: WRITE },
  { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: READ },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: READ },
  { apiGroups: ['gateway.networking.k8s.io'], resources: ['httproutes'], verbs: WRITE },
  { apiGroups: ['argoproj.io'], resources: ['rollouts', 'analysisruns'], verbs: WRITE },
  { apiGroups: ['monitoring.coreos.com'], resources: ['servicemonitors', 'podmonitors', 'prometheusrules'], verbs: WRITE },
  { apiGroups: ['external-secrets.io'], resources: ['externalsecrets'], verbs: WRITE },
];

export interface TenantRoleProps {
  readonly namespace: string;
  /** Kubernetes group of the team (the groups claim of the cluster's OIDC identity provider, or the access entry's group). */
  readonly group: string;
}

/** The tenant's Role ({@link TENANT_RULES}) in its namespace, bound to its group: edit there, nothing elsewhere. */
export class TenantRole extends Construct {
  constructor(scope: Construct, id: string, props: TenantRoleProps) {
    super(scope, id);
    const metadata = { name: TENANT_ROLE, namespace: props.namespace, labels: { 'platform.io/tenant': props.namespace } };
    new KubeRole(this, 'role', { metadata, rules: TENANT_RULES.map((r) => ({ ...r })) });
    new KubeRoleBinding(this, 'binding', {
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: TENANT_ROLE },
      subjects: [{ kind: 'Group', name: props.group, apiGroup: 'rbac.authorization.k8s.io' }],
    });
  }
}
