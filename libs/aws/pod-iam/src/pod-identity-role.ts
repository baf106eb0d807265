import { EksPodIdentityAssociation } from '@cdktn/provider-aws/lib/eks-pod-identity-association';
import { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktn/provider-aws/lib/iam-role-policy';
import { policyJson, type PolicyStatement, regionalArn, serviceTrustPolicy } from '@platform/aws-core';
import type { PodIdentityEntry } from '@platform/config';
import { Construct } from 'constructs';

/** The service principal EKS Pod Identity assumes roles as. @see https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html */
export const POD_IDENTITY_PRINCIPAL = 'pods.eks.amazonaws.com';

/** @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html */
export const IAM_ROLE_NAME_MAX_LENGTH = 64;

export interface PodIdentityRoleProps {
  /** Account of the cluster: only its EKS may assume the role (`aws:SourceAccount`). */
  readonly accountId: string;
  /** Region of the cluster. */
  readonly region: string;
  /** The cluster name (`clusterName(env)`): the association's cluster and the trust's `aws:SourceArn`. */
  readonly clusterName: string;
  /** The role name, `podIdentityRoleName(env, entry)` (`<cluster>-<entry id>`), at most 64 characters. */
  readonly roleName: string;
  /**
   * The contract entry (`podIdentityContract(env)`): its `id` names the inline policy, its `namespace` and
   * `serviceAccount` are the one (namespace, service account) pair the association binds.
   */
  readonly entry: PodIdentityEntry;
  /** The entry's permissions as policy statements (exact resources). */
  readonly statements: readonly PolicyStatement[];
}

/**
 * One workload identity of the contract (ADR 0008): the IAM role `roleName`
 * trusting `pods.eks.amazonaws.com` (sts:AssumeRole + sts:TagSession) for this account's cluster
 * only, an inline policy with the entry's statements, and exactly one EKS Pod Identity association
 * for the entry's namespace/service account. No ARN reaches Kubernetes: the association binds the
 * role to the service account by name.
 * @throws Error naming the entry when it has no statements, or `roleName` and its value when it exceeds 64 characters
 *   (this construct is the one place of both rules)
 * @see https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html
 */
export class PodIdentityRole extends Construct {
  public readonly role: IamRole;
  public readonly policy: IamRolePolicy;
  public readonly association: EksPodIdentityAssociation;

  constructor(scope: Construct, id: string, props: PodIdentityRoleProps) {
    super(scope, id);
    const { entry } = props;
    if (props.statements.length === 0) throw new Error(`${this.node.path}: pod identity entry "${entry.id}" has no permissions; drop it from the contract`);
    const cluster = props.clusterName;
    const name = props.roleName;
    if (name.length > IAM_ROLE_NAME_MAX_LENGTH) {
      throw new Error(
        `${this.node.path}: roleName "${name}" of pod identity entry "${entry.id}" exceeds ${IAM_ROLE_NAME_MAX_LENGTH} characters; shorten the entry id, tags.organization or the environment name`,
      );
    }
    this.role = new IamRole(this, 'role', {
      name,
      description: `EKS Pod Identity of ${entry.namespace}/${entry.serviceAccount} in ${cluster}`,
      assumeRolePolicy: serviceTrustPolicy(POD_IDENTITY_PRINCIPAL, ['sts:AssumeRole', 'sts:TagSession'], {
        StringEquals: { 'aws:SourceAccount': props.accountId },
        ArnEquals: { 'aws:SourceArn': regionalArn(props, 'eks', `cluster/${cluster}`) },
      }),
    });
    this.policy = new IamRolePolicy(this, 'policy', { role: this.role.id, name: entry.id, policy: policyJson(props.statements, this.node.path) });
    this.association = new EksPodIdentityAssociation(this, 'association', {
      clusterName: cluster,
      namespace: entry.namespace,
      serviceAccount: entry.serviceAccount,
      roleArn: this.role.arn,
      dependsOn: [this.policy],
    });
  }
}
