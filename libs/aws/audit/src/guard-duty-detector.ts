import { DataAwsGuarddutyDetector } from '@cdktn/provider-aws/lib/data-aws-guardduty-detector';
import { GuarddutyDetector } from '@cdktn/provider-aws/lib/guardduty-detector';
import { GuarddutyDetectorFeature } from '@cdktn/provider-aws/lib/guardduty-detector-feature';
import type { EnvironmentConfig } from '@platform/config';
import { Construct } from 'constructs';

/**
 * Detector features turned on: EKS audit log analysis, and Runtime Monitoring with GuardDuty
 * managing its EKS security agent add-on (RUNTIME_MONITORING supersedes EKS_RUNTIME_MONITORING;
 * the two cannot be configured together).
 * @see https://docs.aws.amazon.com/guardduty/latest/ug/guardduty-features-activation-model.html
 */
export const GUARDDUTY_FEATURES = {
  EKS_AUDIT_LOGS: [],
  RUNTIME_MONITORING: [{ name: 'EKS_ADDON_MANAGEMENT', status: 'ENABLED' }],
} as const;

export interface GuardDutyDetectorProps {
  readonly env: EnvironmentConfig;
}

/**
 * GuardDuty for the account and region. With `audit.guardDutyDetector` = `create`: a detector
 * publishing every `audit.guardDutyFindingFrequency` with the `GUARDDUTY_FEATURES`. With `existing`:
 * only a data source, so the plan fails loudly if the owning environment has not created it.
 */
export class GuardDutyDetector extends Construct {
  /** The detector id (token). */
  public readonly detectorId: string;

  constructor(scope: Construct, id: string, props: GuardDutyDetectorProps) {
    super(scope, id);
    const { env } = props;
    if (env.audit.guardDutyDetector === 'existing') {
      this.detectorId = new DataAwsGuarddutyDetector(this, 'detector', {}).id;
      return;
    }
    const detector = new GuarddutyDetector(this, 'detector', { enable: true, findingPublishingFrequency: env.audit.guardDutyFindingFrequency });
    this.detectorId = detector.id;
    for (const [feature, additional] of Object.entries(GUARDDUTY_FEATURES)) {
      new GuarddutyDetectorFeature(this, feature.toLowerCase().replace(/_/g, '-'), {
        detectorId: detector.id,
        name: feature,
        status: 'ENABLED',
        ...(additional.length > 0 ? { additionalConfiguration: additional.map((a) => ({ ...a })) } : {}),
      });
    }
  }
}
