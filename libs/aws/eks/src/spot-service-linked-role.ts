import { IamServiceLinkedRole } from '@cdktn/provider-aws/lib/iam-service-linked-role';
import { Construct } from 'constructs';

/**
 * Service principal of the EC2 Spot service-linked role. EC2 needs the role to launch and manage
 * Spot Instances; `ec2:CreateFleet` with `capacityType: spot` (Karpenter) fails with
 * `AuthFailure.ServiceLinkedRoleCreationNotPermitted` while it is missing and the caller may not create it.
 * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/service-linked-roles-spot-instance-requests.html
 * @see https://karpenter.sh/docs/troubleshooting/#missing-service-linked-role
 */
export const SPOT_SERVICE_NAME = 'spot.amazonaws.com';

/**
 * Name IAM gives the role for {@link SPOT_SERVICE_NAME} (fixed by AWS; the service supports no custom suffix).
 * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/service-linked-roles-spot-instance-requests.html
 */
export const SPOT_SERVICE_LINKED_ROLE_NAME = 'AWSServiceRoleForEC2Spot';

export interface SpotServiceLinkedRoleProps {
  /** The account the role is created in (in its description). */
  readonly accountId: string;
  /** The environment that owns the account's IAM resources (`aws.accountIamResources: 'create'`), in the description. */
  readonly ownerEnvironmentName: string;
}

/**
 * The account's EC2 Spot service-linked role `AWSServiceRoleForEC2Spot`
 * (`aws_iam_service_linked_role`, `aws_service_name = "spot.amazonaws.com"`), which Karpenter needs
 * to launch Spot capacity. Created by the one environment per account with
 * `aws.accountIamResources: 'create'` (the cluster stack decides; validate-environment allows one such
 * environment per account, since a second `CreateServiceLinkedRole` fails with `InvalidInput`), so the
 * Karpenter controller never needs `iam:CreateServiceLinkedRole`. Its permissions are the AWS managed
 * `AWSEC2SpotServiceRolePolicy`; IAM refuses to delete it while Spot Instances of the account still use it.
 * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/service-linked-roles-spot-instance-requests.html
 * @see https://registry.terraform.io/providers/hashicorp/aws/6.66.0/docs/resources/iam_service_linked_role
 */
export class SpotServiceLinkedRole extends Construct {
  public readonly role: IamServiceLinkedRole;

  constructor(scope: Construct, id: string, props: SpotServiceLinkedRoleProps) {
    super(scope, id);
    this.role = new IamServiceLinkedRole(this, 'role', {
      awsServiceName: SPOT_SERVICE_NAME,
      description: `EC2 Spot service-linked role of account ${props.accountId} (Karpenter Spot capacity), owned by environment ${props.ownerEnvironmentName}`,
    });
  }
}
