import { PlatformStack, type PlatformStackProps } from '@platform/aws-core';
import { ebsCsiDriverConfiguration, EksManagedAddon } from '@platform/aws-eks';
import { PlatformPodIdentities } from '@platform/aws-pod-iam';
import {
  alertsTopicArn,
  BUCKET_PURPOSES,
  type BucketPurpose,
  bucketName,
  clusterName,
  ecrRepositoryName,
  interruptionQueueName,
  karpenterNodeRoleName,
  kmsAlias,
  mandatoryTags,
  podIdentityContract,
  podIdentityRoleName,
} from '@platform/config';
import type { Construct } from 'constructs';

/**
 * State `pod-iam`: one IAM role and one EKS Pod Identity association per contract entry, and the
 * EKS add-ons whose service account is an `eks-addon` contract entry (the EBS CSI driver), created
 * after their association so their pods start with credentials (the EBS CSI controller tags every
 * volume it creates with the mandatory tags). Reads KMS keys by alias and the
 * hosted zone by name: apply after `cluster`, `storage` and `dns`.
 */
export class PodIamStack extends PlatformStack {
  public readonly identities: PlatformPodIdentities;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    const { env } = props;
    const entries = podIdentityContract(env);
    this.identities = new PlatformPodIdentities(this, 'pod-identities', {
      accountId: env.aws.accountId,
      region: env.aws.region,
      clusterName: clusterName(env),
      interruptionQueueName: interruptionQueueName(env),
      karpenterNodeRoleName: karpenterNodeRoleName(env),
      ecrRepositoryPattern: ecrRepositoryName(env, '*'),
      hostedZone: { id: env.dns.hostedZoneId, domain: env.dns.domain },
      bucketNames: Object.fromEntries(BUCKET_PURPOSES.map((p) => [p, bucketName(env, p)])) as Record<BucketPurpose, string>,
      keyAliasName: (purpose) => kmsAlias(env, purpose),
      alertsTopicArn: alertsTopicArn(env),
      roleNameOf: (entry) => podIdentityRoleName(env, entry),
      entries,
    });
    const ebsCsi = entries.find((e) => e.permissions.some((p) => p.kind === 'ebs-csi-driver'));
    if (ebsCsi) {
      new EksManagedAddon(this, 'addon-aws-ebs-csi-driver', {
        addon: 'aws-ebs-csi-driver',
        clusterName: clusterName(env),
        kubernetesVersion: env.cluster.version,
        configuration: ebsCsiDriverConfiguration(mandatoryTags(env)),
        dependsOn: [this.identities.identities[ebsCsi.id].association],
      });
    }
  }
}
