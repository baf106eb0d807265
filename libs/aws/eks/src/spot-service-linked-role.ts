import { IamServiceLinkedRole } from '@cdktn/provider-aws/lib/iam-service-linked-role';
import type { EnvironmentConfig } from '@platform/config';
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
  /** Must have `aws.accountIamResources: 'create'`: the role exists once per account (IAM is global). */
  readonly env: EnvironmentConfig;
}

/**
 * The account's EC2 Spot service-linked role `AWSServiceRoleForEC2Spot`
 * (`aws_iam_service_linked_role`, `aws_service_name = "spot.amazonaws.com"`), which Karpenter needs
 * to launch Spot capacity. Created by the one environment per account with
 * `aws.accountIamResources: 'create'`, so the Karpenter controller never needs
 * `iam:CreateServiceLinkedRole`. Its permissions are the AWS managed `AWSEC2SpotServiceRolePolicy`;
 * IAM refuses to delete it while Spot Instances of the account still use it.
 * @throws Error when `env.aws.accountIamResources` is not `create` (another environment, or something
 *   outside Terraform, owns the role; a second `CreateServiceLinkedRole` fails with `InvalidInput`)
 * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/service-linked-roles-spot-instance-requests.html
 * @see https://registry.terraform.io/providers/hashicorp/aws/6.66.0/docs/resources/iam_service_linked_role
 */
export class SpotServiceLinkedRole extends Construct {
  public readonly role: IamServiceLinkedRole;

  constructor(scope: Construct, id: string, props: SpotServiceLinkedRoleProps) {
    super(scope, id);
    const { env } = props;
    if (env.aws.accountIamResources !== 'create') {
      throw new Error(
        `${env.name}: SpotServiceLinkedRole: env.aws.accountIamResources is '${env.aws.accountIamResources}'; only the environment with 'create' creates ${SPOT_SERVICE_LINKED_ROLE_NAME} in account ${env.aws.accountId}`,
      );
    }
    this.role = new IamServiceLinkedRole(this, 'role', {
      awsServiceName: SPOT_SERVICE_NAME,
      description: `EC2 Spot service-linked role of account ${env.aws.accountId} (Karpenter Spot capacity), owned by environment ${env.name}`,
    });
  }
}
