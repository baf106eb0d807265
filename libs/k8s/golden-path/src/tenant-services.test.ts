import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type Entity, entitySchemaValidator } from '@backstage/catalog-model';
import { fixtureEnvironment, goldenPathPatch } from '@platform/config/testing';
import { OutputChart } from '@platform/k8s-core';
import { App } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { imageSearchDirs, readImageReferences, workspaceImagesDir } from './image-reference';
import { buildTenantServices, tenantProjectName, tenantServicesPath } from './tenant-services';

/** Synthesized manifests: untyped JSON read along known paths. */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const consumers: string[] = [];

const env = fixtureEnvironment(goldenPathPatch() as never);
const ref = (repo: string) => `111122223333.dkr.ecr.eu-west-1.amazonaws.com/acme/test/${repo}:0123abc@sha256:${'b'.repeat(64)}`;
const images = new Map([
  ['storefront', { image: ref('storefront'), sourceCommit: '0123abc' }],
  ['orders-api', { image: ref('orders-api'), sourceCommit: '0123abc' }],
]);

const ingress = {
  parentRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'istio-ingress', name: 'platform-gateway', sectionName: 'http' },
  wildcardHost: '*.apps.test.acme.example',
  pods: { namespace: 'istio-ingress', podLabels: { 'gateway.networking.k8s.io/gateway-name': 'platform-gateway' } },
  serviceAccount: { namespace: 'istio-ingress', name: 'platform-gateway-istio' },
} as const;

/** orders-api reads a database and a topic of the data namespaces (the fixture declares no data layer). */
const connectData = (_tenant: string, s: { name: string }) =>
  s.name === 'orders-api'
    ? {
        database: { host: 'shop-pg-rw.databases.svc.cluster.local', readOnlyHost: 'shop-pg-ro.databases.svc.cluster.local', port: 5432, database: 'orders', username: 'orders', credentials: { namespace: 'databases', name: 'shop-pg-app', passwordKey: 'password' } },
        topics: [{ bootstrapServers: 'shop-events-kafka-bootstrap.kafka.svc.cluster.local:9093', topic: 'orders.placed', user: { name: 'shop-app', secret: 'shop-app', namespace: 'kafka' }, caSecret: { namespace: 'kafka', name: 'shop-events-cluster-ca-cert', key: 'ca.crt' } }],
      }
    : undefined;

function build() {
  const app = new App();
  const addonManifests = new OutputChart(app, 'external-secrets-data-credentials', { outputPath: 'kubernetes/addons/external-secrets/data-credentials.yaml' });
  const externalSecrets = { registerConsumer: (ns: string) => void consumers.push(ns), manifestFile: (file: string) => (file === 'data-credentials' ? addonManifests : new OutputChart(app, file, { outputPath: `other/${file}.yaml` })) };
  const out = buildTenantServices(app, { env, syncWave: 9, images, ingress, externalSecrets, connectData });
  const files = new Map(app.charts.filter(OutputChart.isOutputChart).map((c) => [c.outputPath, c.toJson() as { kind: string; metadata: { name: string; annotations?: Record<string, string> }; spec: Json }[]]));
  return { out, files };
}

describe('buildTenantServices', () => {
  const { out, files } = build();

  it('renders one file per service under kubernetes/tenants/<tenant>/', () => {
    expect([...files.keys()].filter((p) => p.startsWith(tenantServicesPath('shop'))).sort()).toEqual(['kubernetes/tenants/shop/orders-api.yaml', 'kubernetes/tenants/shop/shared.data-credentials.yaml', 'kubernetes/tenants/shop/storefront.yaml']);
    expect(files.get('kubernetes/tenants/shop/orders-api.yaml')?.find((o) => o.kind === 'Deployment')?.spec.template.spec.containers[0].image).toBe(ref('orders-api'));
  });

  it('delivers the tenant with one Application in the wave after the platform, under its own AppProject', () => {
    const apps = files.get('kubernetes/apps/tenant-shop.yaml') ?? [];
    const project = apps.find((o) => o.kind === 'AppProject');
    const application = apps.find((o) => o.kind === 'Application');
    expect(project?.metadata.name).toBe(tenantProjectName('shop'));
    expect(project?.spec.destinations).toEqual([{ namespace: 'shop', server: 'https://kubernetes.default.svc' }]);
    expect(project?.spec.clusterResourceWhitelist).toEqual([]);
    expect(application?.metadata.annotations?.['argocd.argoproj.io/sync-wave']).toBe('9');
    expect(application?.spec.project).toBe('services-shop');
    expect(application?.spec.source.path).toBe('clusters/test/kubernetes/tenants/shop');
  });

  it('renders Backstage entities outside kubernetes/, valid for @backstage/catalog-model', () => {
    expect(out.catalogFiles.map((f) => f.path)).toEqual(['catalog/shop/orders-api.yaml', 'catalog/shop/storefront.yaml', 'catalog/shop/tenant.yaml']);
    const validate = entitySchemaValidator<Entity>();
    const entities = out.catalogFiles.flatMap((f) => parseAllDocuments(f.content).map((d) => validate(d.toJS())));
    const storefront = entities.find((e) => e.metadata.name === 'storefront');
    expect(storefront?.spec).toMatchObject({ type: 'service', owner: 'group:default/shop', system: 'system:default/shop', dependsOn: ['component:default/orders-api'] });
    expect(entities.find((e) => e.metadata.name === 'orders-api')?.spec?.['dependsOn']).toBeUndefined();
    expect(entities.filter((e) => e.kind !== 'Component').map((e) => `${e.kind}:${e.metadata.name}`)).toEqual(['Group:shop', 'System:shop']);
  });

  it('registers a tenant whose services declare secrets as an External Secrets consumer, once', () => {
    expect(consumers).toEqual(['shop']);
    expect(files.get('kubernetes/tenants/shop/orders-api.yaml')?.filter((o) => o.kind === 'ExternalSecret').map((o) => o.metadata.name)).toEqual(['orders-api-payment-provider']);
  });

  it('copies each data Secret its services read into the tenant namespace once, through the kubernetes store of its namespace', () => {
    expect(out.services.get('shop/orders-api')?.undeliveredSecrets).toEqual([]);
    const copies = files.get('kubernetes/tenants/shop/shared.data-credentials.yaml') ?? [];
    expect(copies.map((o) => [o.kind, o.metadata.name, o.spec.secretStoreRef.name, o.spec.data.map((d: { remoteRef: { key: string; property: string } }) => `${d.remoteRef.key}/${d.remoteRef.property}`)])).toEqual([
      ['ExternalSecret', 'shop-pg-app', 'kubernetes-databases', ['shop-pg-app/password']],
      ['ExternalSecret', 'shop-app', 'kubernetes-kafka', ['shop-app/user.crt', 'shop-app/user.key']],
      ['ExternalSecret', 'shop-events-cluster-ca-cert', 'kubernetes-kafka', ['shop-events-cluster-ca-cert/ca.crt']],
    ]);
    expect(copies[0]?.spec).toMatchObject({ refreshInterval: '1m', secretStoreRef: { kind: 'ClusterSecretStore' }, target: { name: 'shop-pg-app', creationPolicy: 'Owner', deletionPolicy: 'Retain' } });
    const pod = files.get('kubernetes/tenants/shop/orders-api.yaml')?.find((o) => o.kind === 'Deployment')?.spec.template.spec;
    expect(pod.containers[0].env.find((e: { name: string }) => e.name === 'SPRING_DATASOURCE_PASSWORD').valueFrom.secretKeyRef).toEqual({ name: 'shop-pg-app', key: 'password' });
  });

  it('grants least privilege on the platform side: a store per data namespace admitted to its readers, get on exactly the named Secrets', () => {
    const platform = (files.get('kubernetes/addons/external-secrets/data-credentials.yaml') ?? []) as unknown as { kind: string; metadata: { name: string; namespace?: string }; spec?: Json; rules?: Json[]; subjects?: Json[]; roleRef?: Json; automountServiceAccountToken?: boolean }[];
    const stores = platform.filter((o) => o.kind === 'ClusterSecretStore');
    expect(stores.map((o) => o.metadata.name)).toEqual(['kubernetes-databases', 'kubernetes-kafka']);
    expect(stores[1]?.spec).toEqual({
      conditions: [{ namespaces: ['shop'] }],
      provider: {
        kubernetes: {
          remoteNamespace: 'kafka',
          server: { url: 'https://kubernetes.default.svc', caProvider: { type: 'ConfigMap', name: 'kube-root-ca.crt', key: 'ca.crt', namespace: 'external-secrets' } },
          auth: { serviceAccount: { name: 'data-credentials-reader' } },
        },
      },
    });
    const roles = platform.filter((o) => o.kind === 'Role');
    expect(roles.map((r) => [r.metadata.namespace, r.metadata.name, r.rules])).toEqual([
      ['shop', 'external-secrets-data-credentials-token', [{ apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'], resourceNames: ['data-credentials-reader'] }]],
      ['databases', 'shop-data-credentials', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['shop-pg-app'] }]],
      ['kafka', 'shop-data-credentials', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['shop-app', 'shop-events-cluster-ca-cert'] }]],
    ]);
    const bindings = platform.filter((o) => o.kind === 'RoleBinding');
    expect(bindings.map((b) => [b.metadata.namespace, b.subjects])).toEqual([
      ['shop', [{ kind: 'ServiceAccount', name: 'external-secrets', namespace: 'external-secrets' }]],
      ['databases', [{ kind: 'ServiceAccount', name: 'data-credentials-reader', namespace: 'shop' }]],
      ['kafka', [{ kind: 'ServiceAccount', name: 'data-credentials-reader', namespace: 'shop' }]],
    ]);
    expect(platform.find((o) => o.kind === 'ServiceAccount')).toMatchObject({ metadata: { name: 'data-credentials-reader', namespace: 'shop' }, automountServiceAccountToken: false });
  });

  it('refuses declared secrets without External Secrets, naming environment, tenant, service and field', () => {
    expect(() => buildTenantServices(new App(), { env, syncWave: 9, images, ingress })).toThrow(
      'test: tenant "shop" service "orders-api" secrets: delivered by External Secrets from OpenBao; set addons.enabled.external-secrets (and openbao, cert-manager) to true or remove the secrets',
    );
  });

  it('refuses a service without an image reference, naming environment, tenant and service', () => {
    const app = new App();
    const externalSecrets = { registerConsumer: () => undefined, manifestFile: (file: string) => new OutputChart(app, file, { outputPath: `${file}.yaml` }) };
    expect(() => buildTenantServices(app, { env, syncWave: 9, images: new Map(), ingress, externalSecrets })).toThrow('test: tenant "shop" service "storefront" image.repository: no image reference for "storefront" (images/test/storefront.yaml)');
  });
});

describe('readImageReferences', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'images-'));
  fs.mkdirSync(path.join(dir, 'test'));
  const write = (name: string, content: string) => fs.writeFileSync(path.join(dir, 'test', `${name}.yaml`), content);

  it('reads what the build pipeline writes, and an initial pinned reference without a commit', () => {
    write('orders-api', `image: ${ref('orders-api')}\nsourceCommit: 0123abc\n`);
    write('storefront', '# initial\nimage: public.ecr.aws/acme/storefront:1.4.2\n');
    const refs = readImageReferences(dir, 'test', ['storefront', 'orders-api']);
    expect(refs.get('orders-api')).toEqual({ image: ref('orders-api'), sourceCommit: '0123abc' });
    expect(refs.get('storefront')).toEqual({ image: 'public.ecr.aws/acme/storefront:1.4.2' });
  });

  it('refuses a missing file, an unpinned image and a Docker Hub image', () => {
    expect(() => readImageReferences(dir, 'test', ['billing'])).toThrow('test: image of "billing": images/test/billing.yaml does not exist; run the build pipeline for billing');
    write('latest', 'image: public.ecr.aws/acme/x:latest\n');
    expect(() => readImageReferences(dir, 'test', ['latest'])).toThrow('images/test/latest.yaml: image: "public.ecr.aws/acme/x:latest" is not pinned');
    write('hub', 'image: springcommunity/spring-petclinic-api-gateway:3.2.0\n');
    expect(() => readImageReferences(dir, 'test', ['hub'])).toThrow('is not from an allowed registry');
  });
});

describe('imageSearchDirs', () => {
  afterEach(() => {
    delete process.env['PLATFORM_IMAGES_DIR'];
    delete process.env['PLATFORM_GITOPS_CHECKOUT'];
  });

  it('looks in the explicit folder, then the GitOps checkout under its base path, then the workspace', () => {
    process.env['PLATFORM_IMAGES_DIR'] = '/tmp/explicit';
    process.env['PLATFORM_GITOPS_CHECKOUT'] = '/tmp/gitops';
    expect(imageSearchDirs('clusters')).toEqual(['/tmp/explicit', '/tmp/gitops/clusters/images', workspaceImagesDir()]);
  });

  it('takes what the build pipeline wrote over the initial reference', () => {
    const checkout = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-'));
    fs.mkdirSync(path.join(checkout, 'clusters/images/test'), { recursive: true });
    fs.writeFileSync(path.join(checkout, 'clusters/images/test/storefront.yaml'), `image: ${ref('storefront')}\nsourceCommit: 0123abc\n`);
    const initial = fs.mkdtempSync(path.join(os.tmpdir(), 'initial-'));
    fs.mkdirSync(path.join(initial, 'test'));
    fs.writeFileSync(path.join(initial, 'test/storefront.yaml'), 'image: public.ecr.aws/acme/storefront:1.0.0\n');
    fs.writeFileSync(path.join(initial, 'test/orders-api.yaml'), 'image: public.ecr.aws/acme/orders-api:1.0.0\n');
    const refs = readImageReferences([path.join(checkout, 'clusters/images'), initial], 'test', ['storefront', 'orders-api']);
    expect([refs.get('storefront')?.image, refs.get('orders-api')?.image]).toEqual([ref('storefront'), 'public.ecr.aws/acme/orders-api:1.0.0']);
  });
});
