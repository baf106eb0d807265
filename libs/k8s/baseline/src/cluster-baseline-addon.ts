import { BASELINE, type EnvironmentConfig, kubernetesApiServiceIp, mandatoryTags, meshNamespaceLabels, podIdentityContract, tenantRouteHostnames } from '@platform/config';
import { Addon, type AddonNamespace, ebsKeyAliasArn, EGRESS_POD_IDENTITY_AGENT, type NetworkRule } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import { ContractServiceAccounts } from './contract-service-accounts';
import { DefaultStorageClass } from './default-storage-class';
import { NamespaceNetworkPolicies, type NetworkPeerAddresses } from './namespace-network-policies';
import { PlatformNamespace } from './platform-namespace';
import { TenantNamespace } from './tenant-namespace';

/** True for an egress rule to the EKS Pod Identity Agent address. */
function reachesPodIdentityAgent(rule: NetworkRule): boolean {
  const agent = EGRESS_POD_IDENTITY_AGENT.peer as { readonly cidr: string };
  return typeof rule.peer === 'object' && 'cidr' in rule.peer && rule.peer.cidr === agent.cidr;
}

export interface ClusterBaselineAddonProps {
  readonly env: EnvironmentConfig;
}

/** What the baseline's NetworkPolicies of an environment need: its name (errors) and the addresses of `vpc` and `kubernetes-api`. */
function networkPolicyContext(env: EnvironmentConfig): NetworkPeerAddresses & { readonly environment: string } {
  return { environment: env.name, vpcCidr: env.network.vpcCidr, kubernetesApiServiceIp: kubernetesApiServiceIp(env) };
}

interface NamespacePlan {
  readonly declaration: AddonNamespace;
  readonly addons: string[];
  /** Add-ons that run pods in the namespace. */
  workloadAddons: number;
  /** Every add-on running pods here scopes its policies with a podSelector. */
  scopedOnly: boolean;
}

/**
 * The cluster baseline (wave 0, manifests only, `kubernetes/addons/baseline/`): the default gp3
 * StorageClass (the PriorityClasses are part of the bootstrap, see `PlatformPriorityClasses`), tenant namespaces with ResourceQuota/LimitRange, every contract
 * ServiceAccount, and, once `secureNamespaces` is given every add-on, each add-on namespace with
 * Pod Security labels and default-deny NetworkPolicies plus the flows the add-on declares.
 */
export class ClusterBaselineAddon extends Addon {
  private secured = false;

  constructor(scope: Construct, id: string, props: ClusterBaselineAddonProps) {
    const { env } = props;
    super(scope, id, {
      env,
      declaration: BASELINE,
      namespace: { name: 'kube-system', managedBy: 'external', workloads: false },
    });
    new DefaultStorageClass(this.manifestFile('storage-classes'), 'storage-classes', { kmsKeyArn: ebsKeyAliasArn(env), volumeTags: mandatoryTags(env) });
    new ContractServiceAccounts(this.manifestFile('service-accounts'), 'service-accounts', { entries: podIdentityContract(env) });
    const tenants = this.manifestFile('tenants');
    for (const tenant of env.tenants) {
      new TenantNamespace(tenants, tenant.namespace, {
        environment: env.name,
        kubernetesVersion: env.cluster.version,
        namespace: tenant.namespace,
        owner: tenant.owner,
        quota: tenant.quota,
        meshLabels: meshNamespaceLabels(env, tenant.namespace),
        routeHostnames: tenantRouteHostnames(env, tenant.namespace),
      });
      new NamespaceNetworkPolicies(tenants, `${tenant.namespace}-network`, { ...networkPolicyContext(env), namespace: tenant.namespace, namePrefix: '', podSelector: {}, ingress: [], egress: [] });
    }
  }

  /**
   * Renders the namespaces of `addons` and of every contract entry (namespaces that no add-on
   * deploys to yet get restricted defaults). Per namespace: the Namespace when managed by the
   * baseline, a namespace-wide default deny (or one scoped to the add-on's pods in shared
   * namespaces such as kube-system), DNS and same-namespace allows, each add-on's rules, and egress
   * to the EKS Pod Identity Agent where the add-on runs as a contract pod identity.
   * @throws Error when called twice, when two add-ons declare a namespace with different Pod
   *   Security, ownership or labels, or share it without pod selectors (a tenant namespace never collides
   *   with an add-on's: the schema reserves every platform namespace, `reservedNamespaces()`)
   */
  public secureNamespaces(addons: readonly Addon[]): void {
    const env = this.env;
    if (this.secured) throw new Error(`${env.name}: ClusterBaselineAddon.secureNamespaces called twice`);
    this.secured = true;
    const plans = new Map<string, NamespacePlan>();
    for (const addon of addons) {
      for (const ns of addon.namespaces) {
        const existing = plans.get(ns.name);
        if (!existing) {
          plans.set(ns.name, { declaration: ns, addons: [addon.addonName], workloadAddons: ns.workloads === false ? 0 : 1, scopedOnly: ns.workloads === false || ns.podSelector !== undefined });
          continue;
        }
        const a = existing.declaration;
        if (
          (a.managedBy ?? 'baseline') !== (ns.managedBy ?? 'baseline') ||
          (a.podSecurity?.level ?? 'restricted') !== (ns.podSecurity?.level ?? 'restricted') ||
          JSON.stringify(a.labels ?? {}) !== JSON.stringify(ns.labels ?? {})
        ) {
          throw new Error(`${env.name}: namespace "${ns.name}" is declared differently by add-ons ${existing.addons.join(', ')} and ${addon.addonName} (managedBy/podSecurity/labels must match)`);
        }
        const bothRunPods = existing.workloadAddons > 0 && ns.workloads !== false;
        if (bothRunPods && (existing.scopedOnly === false || ns.podSelector === undefined)) {
          throw new Error(`${env.name}: namespace "${ns.name}" is shared by add-ons ${existing.addons.join(', ')} and ${addon.addonName}; each must set podSelector so their NetworkPolicies do not collide`);
        }
        existing.addons.push(addon.addonName);
        if (ns.workloads !== false) {
          existing.workloadAddons += 1;
          existing.scopedOnly = existing.scopedOnly && ns.podSelector !== undefined;
        }
      }
    }
    for (const entry of podIdentityContract(env)) {
      if (entry.serviceAccountOwner === 'platform' && !plans.has(entry.namespace)) {
        plans.set(entry.namespace, { declaration: { name: entry.namespace }, addons: [], workloadAddons: 0, scopedOnly: true });
      }
    }

    const namespaces = this.manifestFile('namespaces');
    const policies = this.manifestFile('network-policies');
    for (const name of [...plans.keys()].sort()) {
      const plan = plans.get(name) as NamespacePlan;
      const decl = plan.declaration;
      if ((decl.managedBy ?? 'baseline') === 'baseline') {
        new PlatformNamespace(namespaces, name, { environment: env.name, kubernetesVersion: env.cluster.version, name, podSecurity: decl.podSecurity, labels: { ...decl.labels, ...(plan.addons.length > 0 ? { 'platform.io/addon': plan.addons[0] } : {}) } });
      }
    }
    for (const addon of addons) {
      for (const ns of addon.namespaces) {
        if (ns.workloads === false) continue;
        const scoped = ns.podSelector !== undefined;
        new NamespaceNetworkPolicies(policies, `${addon.addonName}-${ns.name}`, {
          ...networkPolicyContext(env),
          namespace: ns.name,
          namePrefix: scoped ? addon.addonName : '',
          podSelector: ns.podSelector ?? {},
          ingress: ns.ingress ?? [],
          // an add-on running as a pod identity here needs its credentials from the node's agent,
          // for every selected pod unless the add-on scoped that rule to its pod-identity pods itself
          egress: [...(ns.egress ?? []), ...(addon.podIdentities.some((e) => e.namespace === ns.name) && !(ns.egress ?? []).some(reachesPodIdentityAgent) ? [EGRESS_POD_IDENTITY_AGENT] : [])],
        });
      }
    }
    for (const [name, plan] of plans) {
      if (plan.addons.length === 0) {
        new NamespaceNetworkPolicies(policies, `reserved-${name}`, { ...networkPolicyContext(env), namespace: name, namePrefix: '', podSelector: {}, ingress: [], egress: [] });
      }
    }
  }
}
