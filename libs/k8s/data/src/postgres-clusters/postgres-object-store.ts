import {
  ObjectStore,
  ObjectStoreSpecConfigurationDataCompression,
  ObjectStoreSpecConfigurationWalCompression,
  ObjectStoreSpecInstanceSidecarConfigurationResourcesLimits,
  ObjectStoreSpecInstanceSidecarConfigurationResourcesRequests,
} from '@platform/k8s-imports/barmancloud.cnpg.io';
import { Construct } from 'constructs';
import { typedResources } from '../common/data-resources';

/** Requests of the barman-cloud sidecar in each PostgreSQL pod (gzip of WAL segments and base backup files). */
const SIDECAR_RESOURCES = { cpu: 0.1, memoryMiB: 256 } as const;

export interface PostgresObjectStoreProps {
  /** ObjectStore name. */
  readonly name: string;
  readonly namespace: string;
  /** Backups bucket name (`bucketName(env, 'backups')`). */
  readonly bucket: string;
  /** Key prefix the writer's Pod Identity policy allows, ending in `/` (e.g. `cnpg-backup/`); barman adds `<serverName>/`. */
  readonly prefix: string;
  /** AWS region of the bucket (the sidecar's `AWS_DEFAULT_REGION`). */
  readonly region: string;
  /** Recovery window, days (`retentionPolicy: <n>d`); at least 1. */
  readonly retentionDays: number;
}

/**
 * A Barman Cloud `ObjectStore` on S3 with credentials from the pod's identity (EKS Pod Identity of
 * the instance ServiceAccount, `inheritFromIAMRole`), gzip-compressed WAL and base backups, and the
 * recovery window as retention. Objects are encrypted by the bucket's default SSE-KMS.
 * @throws Error when `prefix` does not end in `/` or `retentionDays` is below 1
 * @see https://cloudnative-pg.io/plugin-barman-cloud/docs/object_stores/#aws-s3
 */
export class PostgresObjectStore extends Construct {
  /** `s3://<bucket>/<prefix without trailing slash>`. */
  public readonly destinationPath: string;

  constructor(scope: Construct, id: string, props: PostgresObjectStoreProps) {
    super(scope, id);
    if (!props.prefix.endsWith('/') || props.prefix.startsWith('/')) throw new Error(`PostgresObjectStore ${props.name}: prefix "${props.prefix}" must be relative and end with /`);
    if (!Number.isInteger(props.retentionDays) || props.retentionDays < 1) throw new Error(`PostgresObjectStore ${props.name}: retentionDays ${props.retentionDays} must be an integer >= 1`);
    this.destinationPath = `s3://${props.bucket}/${props.prefix.slice(0, -1)}`;
    new ObjectStore(this, 'store', {
      metadata: { name: props.name, namespace: props.namespace },
      spec: {
        retentionPolicy: `${props.retentionDays}d`,
        configuration: {
          destinationPath: this.destinationPath,
          s3Credentials: { inheritFromIamRole: true },
          wal: { compression: ObjectStoreSpecConfigurationWalCompression.GZIP, maxParallel: 4 },
          data: { compression: ObjectStoreSpecConfigurationDataCompression.GZIP, jobs: 2 },
        },
        instanceSidecarConfiguration: {
          env: [{ name: 'AWS_DEFAULT_REGION', value: props.region }],
          resources: typedResources(SIDECAR_RESOURCES, ObjectStoreSpecInstanceSidecarConfigurationResourcesLimits, ObjectStoreSpecInstanceSidecarConfigurationResourcesRequests),
        },
      },
    });
  }
}
