import * as path from 'node:path';
import { synthClusterAddons } from '@platform/cluster-addons';
import { loadAllEnvironments } from '@platform/synth';
import { parseAllDocuments } from 'yaml';

// Spec of the EcoTrack tenant as a whole: every Secret its services read exists in its namespace (ADR 0054).
const WORKSPACE = path.resolve(__dirname, '../../../..');
const declaring = loadAllEnvironments(path.join(WORKSPACE, 'environments')).filter((env) => env.tenants.some((t) => t.namespace === 'ecotrack' && t.services.length > 0));

type Obj = { kind: string; metadata: { name: string; namespace?: string }; spec?: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('ecotrack (tenant)', () => {
  it.each(declaring.map((env) => [env.name, env] as const))('reads only Secrets that External Secrets writes into its namespace, with the keys it reads, in %s', (_name, env) => {
    const objects = synthClusterAddons(env)
      .files.filter((f) => f.path.startsWith('kubernetes/tenants/ecotrack/'))
      .flatMap((f) => parseAllDocuments(f.content).map((d) => d.toJS() as Obj));
    const written = new Map(objects.filter((o) => o.kind === 'ExternalSecret').map((o) => [String(o.spec?.['target']?.name), (o.spec?.['data'] ?? []).map((d: { secretKey: string }) => d.secretKey) as string[]]));
    const refs = objects
      .filter((o) => o.kind === 'Deployment' || o.kind === 'Rollout')
      .flatMap((o) => (o.spec?.['template']?.spec?.containers ?? []).flatMap((c: { env?: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[] }) => (c.env ?? []).flatMap((e) => (e.valueFrom?.secretKeyRef ? [{ workload: o.metadata.name, variable: e.name, ...e.valueFrom.secretKeyRef }] : []))));
    // the database, cache and Kafka credentials, and the declared OpenBao secret, are all referenced
    expect(new Set(refs.map((r) => r.variable))).toEqual(new Set(['SPRING_DATASOURCE_PASSWORD', 'SPRING_DATA_REDIS_PASSWORD', 'SPRING_KAFKA_SSL_KEYSTORECERTIFICATECHAIN', 'SPRING_KAFKA_SSL_KEYSTOREKEY', 'SPRING_KAFKA_SSL_TRUSTSTORECERTIFICATES', 'EMISSION_FACTORS_API_KEY']));
    expect(refs.filter((r) => !written.get(r.name)?.includes(r.key))).toEqual([]);
  });
});
