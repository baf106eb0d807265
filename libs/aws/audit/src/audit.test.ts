import { onlyResource, parsePolicy, resourcesOf, type StackJson, synthConstructs, dataSourcesOf } from '@platform/aws-core/testing';
import { CloudTrailAudit } from './cloud-trail-audit';
import { EcrRepositories } from './ecr-repositories';
import { GuardDutyDetector } from './guard-duty-detector';

const trailBucket = 'acme-test-cloudtrail-111122223333';

let json: StackJson;
let sharerJson: StackJson;
beforeAll(() => {
  json = synthConstructs((s) => {
    new CloudTrailAudit(s, 'cloudtrail', {
      accountId: '111122223333',
      region: 'eu-west-1',
      trailName: 'acme-test',
      bucketName: trailBucket,
      keyAliasName: 'alias/acme-test/cloudtrail',
      retentionDays: 400,
      transitionToInfrequentAccessDays: 30,
      accessLogBucketName: 'access-logs',
    });
    new GuardDutyDetector(s, 'guardduty', { mode: 'create', findingPublishingFrequency: 'FIFTEEN_MINUTES' });
    new EcrRepositories(s, 'ecr', {
      accountId: '111122223333',
      keyAliasName: 'alias/acme-test/ecr',
      environmentName: 'test',
      repositories: [
        { id: 'orders', name: 'acme/test/orders' },
        { id: 'payments', name: 'acme/test/payments' },
      ],
      maxImageCount: 25,
    });
  });
  sharerJson = synthConstructs((s) => new GuardDutyDetector(s, 'guardduty', { mode: 'existing', findingPublishingFrequency: 'SIX_HOURS' }));
});

describe('CloudTrailAudit', () => {
  it('is multi-region with log file validation and KMS encryption', () => {
    expect(onlyResource(json, 'aws_cloudtrail')).toMatchObject({
      name: 'acme-test',
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
      kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\.cloudtrail_key/),
    });
  });

  it('writes to its own bucket whose policy admits only this trail, and expires logs and their noncurrent versions after retentionDays', () => {
    const bucket = resourcesOf(json, 'aws_s3_bucket').find(([, b]) => b.bucket === trailBucket);
    expect(bucket).toBeDefined();
    const policy = parsePolicy(onlyResource(json, 'aws_s3_bucket_policy').policy);
    const write = policy.Statement.find((s) => s.Sid === 'CloudTrailWrite');
    expect(write).toMatchObject({ Principal: { Service: 'cloudtrail.amazonaws.com' }, Resource: [expect.stringMatching(/\/AWSLogs\/111122223333\/\*$/)] });
    expect(write?.Condition?.StringEquals['aws:SourceArn']).toBe('arn:aws:cloudtrail:eu-west-1:111122223333:trail/acme-test');
    const rule = (onlyResource(json, 'aws_s3_bucket_lifecycle_configuration').rule as Record<string, unknown>[])[0];
    expect(rule.expiration).toEqual([{ days: 400 }]);
    // Overwritten or deleted log files stay recoverable for the whole retention period, not a day.
    expect(rule.noncurrent_version_expiration).toEqual([{ noncurrent_days: 400 }]);
    expect(rule.transition).toEqual([{ days: 30, storage_class: 'STANDARD_IA' }]);
    expect(onlyResource(json, 'aws_s3_bucket_logging')).toMatchObject({ target_bucket: 'access-logs', target_prefix: `${trailBucket}/` });
    expect(JSON.stringify(onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration'))).toContain('aws:kms');
  });

  it('lets CloudTrail encrypt with the key only for this trail', () => {
    const key = resourcesOf(json, 'aws_kms_key').find(([id]) => id.startsWith('cloudtrail_'))?.[1];
    const stmt = parsePolicy(key?.policy).Statement.find((s) => s.Sid === 'CloudTrailEncryptsLogs');
    expect(stmt?.Condition?.StringEquals).toEqual({ 'aws:SourceArn': 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/acme-test' });
  });
});

describe('GuardDutyDetector', () => {
  it('creates the detector with the configured frequency, EKS audit logs and runtime monitoring with add-on management', () => {
    expect(onlyResource(json, 'aws_guardduty_detector')).toMatchObject({ enable: true, finding_publishing_frequency: 'FIFTEEN_MINUTES' });
    const features = resourcesOf(json, 'aws_guardduty_detector_feature').map(([, f]) => f);
    expect(features).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'EKS_AUDIT_LOGS', status: 'ENABLED' }),
        expect.objectContaining({ name: 'RUNTIME_MONITORING', status: 'ENABLED', additional_configuration: [{ name: 'EKS_ADDON_MANAGEMENT', status: 'ENABLED' }] }),
      ]),
    );
  });

  it('disables runtime monitoring (and so the managed EKS agent) when audit.guardDutyRuntimeMonitoring is off', () => {
    const off = synthConstructs((st) => new GuardDutyDetector(st, 'guardduty', { mode: 'create', findingPublishingFrequency: 'ONE_HOUR', runtimeMonitoring: false }));
    const features = resourcesOf(off, 'aws_guardduty_detector_feature').map(([, f]) => f);
    expect(features).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'EKS_AUDIT_LOGS', status: 'ENABLED' }), expect.objectContaining({ name: 'RUNTIME_MONITORING', status: 'DISABLED' })]));
  });

  it('only reads the detector when another environment owns it', () => {
    expect(resourcesOf(sharerJson, 'aws_guardduty_detector')).toHaveLength(0);
    expect(dataSourcesOf(sharerJson, 'aws_guardduty_detector')).toHaveLength(1);
  });
});

describe('EcrRepositories', () => {
  it('creates immutable, scanned, KMS-encrypted repositories under their full names, keyed by id', () => {
    expect(resourcesOf(json, 'aws_ecr_repository').map(([id]) => id)).toEqual(['ecr_orders', 'ecr_payments']);
    const repos = resourcesOf(json, 'aws_ecr_repository').map(([, r]) => r);
    expect(repos.map((r) => r.name)).toEqual(['acme/test/orders', 'acme/test/payments']);
    for (const r of repos) {
      expect(r).toMatchObject({ image_tag_mutability: 'IMMUTABLE', image_scanning_configuration: { scan_on_push: true } });
      expect(r.encryption_configuration).toEqual([{ encryption_type: 'KMS', kms_key: expect.stringMatching(/^\$\{aws_kms_key\.ecr_key/) }]);
    }
  });

  it('keeps maxImageCount images and expires untagged ones after 7 days', () => {
    const policy = JSON.parse(resourcesOf(json, 'aws_ecr_lifecycle_policy')[0][1].policy as string);
    expect(policy.rules[0].selection).toEqual({ tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 7 });
    expect(policy.rules[1].selection).toEqual({ tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 25 });
  });
});
