import { EksAddon } from '@cdktn/provider-aws/lib/eks-addon';
import type { ITerraformDependable } from 'cdktn';
import { Construct } from 'constructs';
import { type EksAddonName, eksAddonVersion } from './addon-catalog';

export interface EksManagedAddonProps {
  /** EKS add-on name (`aws eks describe-addon-versions`), e.g. `vpc-cni`; its version comes from `EKS_ADDON_VERSIONS`. */
  readonly addon: EksAddonName;
  /**
   * The cluster name. Pass the cluster resource's `name` attribute in the cluster's own stack (so
   * Terraform orders the add-on after the cluster); other stacks pass `clusterName(env)`.
   */
  readonly clusterName: string;
  /** The cluster's Kubernetes minor (`cluster.version`), which selects the pinned add-on version. */
  readonly kubernetesVersion: string;
  /** Add-on configuration (`aws eks describe-addon-configuration`), serialized to JSON. @default none */
  readonly configuration?: Readonly<Record<string, unknown>>;
  /** Resources the add-on must wait for (e.g. nodes for CoreDNS, a Pod Identity association). @default none */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * An EKS managed add-on at the version pinned in `EKS_ADDON_VERSIONS` for `kubernetesVersion`. EKS
 * owns the add-on's fields (`OVERWRITE` on create and update), so drift made with kubectl is reset.
 * @throws Error naming the construct path and `kubernetesVersion` when the catalog has no versions for it
 * @see https://docs.aws.amazon.com/eks/latest/userguide/eks-add-ons.html
 */
export class EksManagedAddon extends Construct {
  public readonly addon: EksAddon;

  constructor(scope: Construct, id: string, props: EksManagedAddonProps) {
    super(scope, id);
    let addonVersion: string;
    try {
      addonVersion = eksAddonVersion(props.kubernetesVersion, props.addon);
    } catch (e) {
      throw new Error(`${this.node.path}: ${(e as Error).message}`, { cause: e });
    }
    this.addon = new EksAddon(this, 'addon', {
      clusterName: props.clusterName,
      addonName: props.addon,
      addonVersion,
      resolveConflictsOnCreate: 'OVERWRITE',
      resolveConflictsOnUpdate: 'OVERWRITE',
      ...(props.configuration ? { configurationValues: JSON.stringify(props.configuration) } : {}),
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
  }
}
