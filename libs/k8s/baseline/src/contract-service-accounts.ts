import { POD_IDENTITY_LABEL, type PodIdentityEntry } from '@platform/config';
import { KubeServiceAccount } from '@platform/k8s-imports/k8s';
import { Construct } from 'constructs';

export interface ContractServiceAccountsProps {
  /** The environment's Pod Identity contract (`podIdentityContract(env)`); only `serviceAccountOwner: 'platform'` entries get a ServiceAccount here. */
  readonly entries: readonly PodIdentityEntry[];
}

/**
 * Every `serviceAccountOwner: 'platform'` ServiceAccount of the cross-layer contract (ADR 0008),
 * exactly once, in its namespace. Charts are told `serviceAccount.create: false` and the name, so
 * the EKS Pod Identity association created by Terraform always finds its ServiceAccount, even for
 * add-ons whose chart is not deployed yet. `eks-addon` entries are created by the EKS add-on.
 * Each carries `POD_IDENTITY_LABEL` (`platform.io/pod-identity: <entry id>`), which the validation keys on.
 */
export class ContractServiceAccounts extends Construct {
  constructor(scope: Construct, id: string, props: ContractServiceAccountsProps) {
    super(scope, id);
    for (const entry of props.entries) {
      if (entry.serviceAccountOwner !== 'platform') continue;
      new KubeServiceAccount(this, entry.id, {
        metadata: {
          name: entry.serviceAccount,
          namespace: entry.namespace,
          labels: { [POD_IDENTITY_LABEL]: entry.id, 'app.kubernetes.io/managed-by': 'platform' },
        },
      });
    }
  }
}
