import { DataAwsGuarddutyDetector } from '@cdktn/provider-aws/lib/data-aws-guardduty-detector';
import { GuarddutyDetector } from '@cdktn/provider-aws/lib/guardduty-detector';
import { GuarddutyDetectorFeature } from '@cdktn/provider-aws/lib/guardduty-detector-feature';
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

/** How often GuardDuty publishes updated findings. @see https://docs.aws.amazon.com/guardduty/latest/APIReference/API_CreateDetector.html */
export type GuardDutyFindingFrequency = 'FIFTEEN_MINUTES' | 'ONE_HOUR' | 'SIX_HOURS';

export interface GuardDutyDetectorProps {
  /**
   * `create`: this environment owns the account and region's one detector (`audit.guardDutyDetector`).
   * `existing`: another environment owns it; only a data source is read.
   */
  readonly mode: 'create' | 'existing';
  /** Finding publishing frequency of a created detector (`audit.guardDutyFindingFrequency`); unused with `existing`. */
  readonly findingPublishingFrequency: GuardDutyFindingFrequency;
  /** Runtime Monitoring with the managed EKS agent (`audit.guardDutyRuntimeMonitoring`); off renders the feature DISABLED. @default true */
  readonly runtimeMonitoring?: boolean;
}

/**
 * GuardDuty for the account and region. With `mode` = `create`: a detector publishing every
 * `findingPublishingFrequency` with the `GUARDDUTY_FEATURES` (Runtime Monitoring DISABLED when `runtimeMonitoring` is false). With `existing`:
 * only a data source, so the plan fails loudly if the owning environment has not created it.
 */
export class GuardDutyDetector extends Construct {
  /** The detector id (token). */
  public readonly detectorId: string;

  constructor(scope: Construct, id: string, props: GuardDutyDetectorProps) {
    super(scope, id);
    if (props.mode === 'existing') {
      this.detectorId = new DataAwsGuarddutyDetector(this, 'detector', {}).id;
      return;
    }
    const detector = new GuarddutyDetector(this, 'detector', { enable: true, findingPublishingFrequency: props.findingPublishingFrequency });
    this.detectorId = detector.id;
    for (const [feature, additional] of Object.entries(GUARDDUTY_FEATURES)) {
      const enabled = feature !== 'RUNTIME_MONITORING' || (props.runtimeMonitoring ?? true);
      new GuarddutyDetectorFeature(this, feature.toLowerCase().replace(/_/g, '-'), {
        detectorId: detector.id,
        name: feature,
        status: enabled ? 'ENABLED' : 'DISABLED',
        ...(additional.length > 0 ? { additionalConfiguration: additional.map((a) => ({ ...a })) } : {}),
      });
    }
  }
}
