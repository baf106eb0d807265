import { serviceUrl } from '@platform/k8s-core';
import { KubeCronJob, Quantity } from '@platform/k8s-imports/k8s';
import { Construct } from 'constructs';
import { OPENBAO_ENDPOINT, OPENBAO_KUBERNETES_AUTH_MOUNT, OPENBAO_NAMESPACE, OPENBAO_TOKEN_AUDIENCE } from './openbao-endpoint';
import { AWS_CLI_IMAGE_REF, OPENBAO_IMAGE_REF, RESTRICTED_CONTAINER } from './openbao-images';
import { SNAPSHOT_ROLE } from './openbao-server-config';

/** Label the DR layer's RPO rule reads: which data set a CronJob backs up. */
export const BACKUP_OF_LABEL = 'platform.io/backup-of';
/** Value of {@link BACKUP_OF_LABEL} for the Raft snapshots. */
export const OPENBAO_RAFT_BACKUP = 'openbao-raft';

export interface OpenBaoSnapshotCronJobProps {
  /** Cron schedule (5 fields, UTC), e.g. `0 * * * *`. */
  readonly schedule: string;
  /** ServiceAccount of the contract entry `openbao-snapshot` (S3 writes under its own prefix through Pod Identity). */
  readonly serviceAccount: string;
  readonly region: string;
  /** The backups bucket. */
  readonly bucket: string;
  /** Key prefix the pod identity may write, e.g. `openbao-snapshot/`. */
  readonly prefix: string;
  /** Secret in `openbao` holding the server certificate (its `ca.crt` verifies OpenBao). */
  readonly tlsSecretName: string;
}

const LABELS = { 'app.kubernetes.io/name': 'openbao-snapshot', 'app.kubernetes.io/part-of': 'openbao', 'app.kubernetes.io/component': 'backup', [BACKUP_OF_LABEL]: OPENBAO_RAFT_BACKUP };
const SNAPSHOT_FILE = '/snapshots/openbao-raft.snap';

/**
 * Scheduled Raft snapshots to the backups bucket: an init container (`bao`, role `openbao-snapshot`
 * through Kubernetes auth, projected token of audience `openbao`) saves the snapshot from the active
 * node into an emptyDir, then the AWS CLI (Pod Identity of the contract entry) uploads it to
 * `s3://<bucket>/<prefix><yyyy>/<mm>/<dd>/openbao-raft-<timestamp>.snap`, encrypted by the bucket's
 * default SSE-KMS key. The snapshot is itself encrypted by OpenBao's barrier (restoring needs the unseal
 * key). Labelled `platform.io/backup-of: openbao-raft` for the RPO rule.
 * @see https://openbao.org/docs/commands/operator/raft#snapshot-save
 */
export class OpenBaoSnapshotCronJob extends Construct {
  constructor(scope: Construct, id: string, props: OpenBaoSnapshotCronJobProps) {
    super(scope, id);
    const resources = { requests: { cpu: Quantity.fromString('50m'), memory: Quantity.fromString('64Mi') }, limits: { memory: Quantity.fromString('256Mi') } };
    const save = [
      'set -eu',
      `BAO_TOKEN="$(bao write -field=token auth/${OPENBAO_KUBERNETES_AUTH_MOUNT}/login role=${SNAPSHOT_ROLE} jwt=@/var/run/secrets/openbao/token)"`,
      'export BAO_TOKEN',
      `bao operator raft snapshot save ${SNAPSHOT_FILE}`,
    ].join('\n');
    const upload = ['set -eu', `key="${props.prefix}$(date -u +%Y/%m/%d)/openbao-raft-$(date -u +%Y%m%dT%H%M%SZ).snap"`, `aws s3 cp ${SNAPSHOT_FILE} "s3://${props.bucket}/\${key}" --only-show-errors`, 'echo "uploaded s3://' + props.bucket + '/${key}"'].join('\n');
    new KubeCronJob(this, 'cronjob', {
      metadata: { name: 'openbao-snapshot', namespace: OPENBAO_NAMESPACE, labels: LABELS },
      spec: {
        schedule: props.schedule,
        timeZone: 'Etc/UTC',
        concurrencyPolicy: 'Forbid',
        startingDeadlineSeconds: 600,
        successfulJobsHistoryLimit: 1,
        failedJobsHistoryLimit: 3,
        jobTemplate: {
          metadata: { labels: LABELS },
          spec: {
            backoffLimit: 3,
            activeDeadlineSeconds: 1800,
            template: {
              metadata: { labels: LABELS },
              spec: {
                serviceAccountName: props.serviceAccount,
                restartPolicy: 'Never',
                securityContext: { runAsNonRoot: true, runAsUser: 100, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
                initContainers: [
                  {
                    name: 'snapshot',
                    image: OPENBAO_IMAGE_REF,
                    command: ['/bin/sh', '-c', save],
                    env: [
                      { name: 'BAO_ADDR', value: serviceUrl(OPENBAO_ENDPOINT) },
                      { name: 'BAO_CACERT', value: '/tls/ca.crt' },
                      { name: 'HOME', value: '/tmp' },
                    ],
                    resources,
                    securityContext: RESTRICTED_CONTAINER,
                    volumeMounts: [
                      { name: 'snapshots', mountPath: '/snapshots' },
                      { name: 'token', mountPath: '/var/run/secrets/openbao', readOnly: true },
                      { name: 'ca', mountPath: '/tls', readOnly: true },
                      { name: 'tmp', mountPath: '/tmp' },
                    ],
                  },
                ],
                containers: [
                  {
                    name: 'upload',
                    image: AWS_CLI_IMAGE_REF,
                    command: ['/bin/sh', '-c', upload],
                    env: [
                      { name: 'AWS_REGION', value: props.region },
                      { name: 'HOME', value: '/tmp' },
                    ],
                    resources,
                    securityContext: RESTRICTED_CONTAINER,
                    volumeMounts: [
                      { name: 'snapshots', mountPath: '/snapshots', readOnly: true },
                      { name: 'tmp', mountPath: '/tmp' },
                    ],
                  },
                ],
                volumes: [
                  { name: 'snapshots', emptyDir: { sizeLimit: Quantity.fromString('2Gi') } },
                  { name: 'tmp', emptyDir: { sizeLimit: Quantity.fromString('64Mi') } },
                  { name: 'token', projected: { sources: [{ serviceAccountToken: { audience: OPENBAO_TOKEN_AUDIENCE, expirationSeconds: 600, path: 'token' } }] } },
                  { name: 'ca', secret: { secretName: props.tlsSecretName, items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
                ],
              },
            },
          },
        },
      },
    });
  }
}
