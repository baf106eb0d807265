import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { K8sDocument } from '../dist-tree';
import { SchemaRegistry } from '../kubernetes/schema-registry';
import { argoCdApplication } from '../testing/fixtures';
import { CHART_REFERENCE_DATA_DOCS, ChartStore } from './chart-store';
import { helmPolicyFindings } from './helm-policies';
import { coalesce, isExactChartVersion, validateHelmValues } from './validate-helm-values';

const UPSTREAM = process.env['PLATFORM_UPSTREAM_DIR'] ?? join(__dirname, '../../../../../shared/upstream');

describe('validateHelmValues', () => {
  const registry = new SchemaRegistry({ upstreamDir: UPSTREAM, kubeVersion: '1.34' });
  const charts = new ChartStore(UPSTREAM);
  const check = (object: Record<string, unknown>) =>
    validateHelmValues([{ file: 'a.yaml', relPath: 'kubernetes/apps/a.yaml', index: 0, object } as K8sDocument], [], charts, registry).map((f) => `${f.rule} ${f.path} ${f.message}`);

  it('accepts keys from values.yaml, free-form maps and typed keys', () => {
    expect(
      check(
        argoCdApplication({
          configs: { cm: { 'resource.customizations.health.argoproj.io_Application': 'hs = {}' }, params: { 'server.insecure': false } },
          controller: { replicas: 1, resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } }, podAnnotations: { a: 'b' } },
          server: { nodeSelector: { 'kubernetes.io/os': 'linux' }, tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }] },
        }),
      ),
    ).toEqual([]);
  });

  it('flags unknown keys, shape mismatches and invalid typed keys', () => {
    expect(check(argoCdApplication({ controler: { replicas: 1 }, server: { replicas: { min: 1 }, resources: { requests: { cpu: 'lots' } } } }))).toEqual([
      'HELM-KEY-001 spec.source.helm.valuesObject.controler key "controler" is not in charts/argo-cd/10.1.1/values.yaml (misspelled, or add a free-form path for chart argo-cd in libs/validation/src/helm/free-form-paths.ts)',
      'HELM-TYPE-001 spec.source.helm.valuesObject.server.replicas values.yaml has a number at "server.replicas", got an object',
      'HELM-TYPE-001 spec.source.helm.valuesObject.server.resources.requests.cpu resources (ResourceRequirements): "lots" is not a valid quantity (e.g. 500m, 1, 256Mi, 1Gi)',
    ]);
  });

  it('checks extraContainers/extraEnv/extraVolumes... against the Kubernetes definitions instead of leaving them free-form', () => {
    expect(
      check(
        argoCdApplication({
          controller: { extraContainers: [{ name: 'proxy', image: 3 }] },
          server: { extraContainers: [{ name: 'ok', image: 'quay.io/org/proxy:1.0.0' }] },
        }),
      ),
    ).toEqual(['HELM-TYPE-001 spec.source.helm.valuesObject.controller.extraContainers[0].image extraContainers (Container): must be string, got 3']);
  });

  it('checks configs.params keys against the argocd-cmd-params-cm keys (a typo is silently ignored by Argo CD)', () => {
    expect(check(argoCdApplication({ configs: { params: { 'server.insecur': true, 'server.insecure': false, 'controller.status.processors': 50, create: true, annotations: { a: 'b' } } } }))).toEqual([
      'HELM-KEY-001 spec.source.helm.valuesObject.configs.params["server.insecur"] "server.insecur" is not a known argocd-cmd-params-cm key (misspelled, or add it to ARGOCD_CMD_PARAMS_KEYS in libs/validation/src/helm/argocd-cmd-params.ts)',
    ]);
    // `--set` names reach the same map.
    const app = argoCdApplication({});
    const helm = (app['spec'] as Record<string, Record<string, Record<string, unknown>>>)['source']['helm'];
    helm['parameters'] = [{ name: 'configs.params.reposerver\\.paralelism\\.limit', value: '2' }];
    expect(check(app).map((s) => s.split(' ').slice(0, 2).join(' '))).toEqual(['HELM-KEY-001 spec.source.helm.parameters[0].name']);
  });

  it('does not treat a {} default as free-form: keys below it must be declared', () => {
    expect(check(argoCdApplication({ apiVersionOverrides: { cloudgoogle: 'v1' }, configs: { repositories: { private: { url: 'https://git.example.test/x.git' } } } }))).toEqual([
      'HELM-KEY-001 spec.source.helm.valuesObject.apiVersionOverrides.cloudgoogle key "apiVersionOverrides.cloudgoogle" is under "apiVersionOverrides", which values.yaml leaves open ({}); declare "apiVersionOverrides" as a free-form path for chart argo-cd in libs/validation/src/helm/free-form-paths.ts (with the reason), or fix the key',
    ]);
  });

  it('names subcharts without reference data in an INFO note instead of skipping them silently', () => {
    const output = { notes: [] as string[], valueFiles: new Set<string>() };
    const doc = { file: 'a.yaml', relPath: 'kubernetes/apps/a.yaml', index: 0, object: argoCdApplication({ 'redis-ha': { enabled: true, haproxy: { whatever: 1 } } }) } as K8sDocument;
    expect(validateHelmValues([doc], [], charts, registry, undefined, output)).toEqual([]);
    expect(output.notes).toEqual(['a.yaml: argo-cd 10.1.1 values under "redis-ha" are not validated (subchart redis-ha (DandyDeveloper/charts) has no reference data)']);
  });

  it('applies the image and privilege policies to the typed image keys and security contexts of Helm values', () => {
    const app = argoCdApplication({
      global: { image: { tag: 'latest' } },
      dex: { image: { repository: 'docker.io/dexidp/dex' } },
      server: { containerSecurityContext: { privileged: true } },
      controller: { hostNetwork: true },
    });
    expect(check(app)).toEqual([
      'K8S-POD-008 spec.source.helm.valuesObject.global.image.tag images must be pinned by tag or digest (no :latest, no tag-less image) (image quay.io/argoproj/argocd:latest at global.image, controller.image, server.image, repoServer.image, applicationSet.image, notifications.image, redisSecretInit.image)',
      'K8S-POD-007 spec.source.helm.valuesObject.dex.image.repository images must come from an allowed registry (public.ecr.aws/, ecr-public.aws.com/, registry.k8s.io/, quay.io/, ghcr.io/, private ECR; Docker Hub is not allowed) (image docker.io/dexidp/dex at dex.image)',
      'K8S-POD-003 spec.source.helm.valuesObject.server.containerSecurityContext.privileged privileged containers are not allowed (securityContext.privileged)',
      'K8S-POD-005 spec.source.helm.valuesObject.controller.hostNetwork hostNetwork is not allowed',
    ]);
    // Images the values do not touch are the chart's pinned defaults; an Application can exempt itself.
    expect(check(argoCdApplication({ server: { replicas: 2 } }))).toEqual([]);
    const exempt = argoCdApplication({ controller: { hostNetwork: true } });
    (exempt['metadata'] as Record<string, unknown>)['annotations'] = { 'policy.platform.io/exempt': 'K8S-POD-005', 'policy.platform.io/exempt-reason': 'test' };
    expect(check(exempt)).toEqual([]);
  });

  it('checks the images of the chart defaults too, for every image the chart renders', () => {
    // A chart default that breaks a policy is reported at the Helm source, naming the values.yaml key.
    const data = charts.get('argo-cd', '10.1.1');
    if (typeof data === 'string') throw new Error(data);
    const defaults = structuredClone(data.defaults);
    (defaults['dex'] as Record<string, Record<string, unknown>>)['image']['tag'] = 'latest';
    ((defaults['redis'] as Record<string, Record<string, unknown>>)['image'])['repository'] = 'docker.io/library/redis';
    const at = { file: 'a.yaml', object: 'app', path: 'spec.source.helm' };
    const layer = { values: { server: { replicas: 2 } }, prefix: 'spec.source.helm.valuesObject', at };
    expect(helmPolicyFindings('argo-cd', defaults, [layer], layer.values, new Set(), at).map((f) => `${f.rule} ${f.path} ${f.message}`)).toEqual([
      'K8S-POD-008 spec.source.helm images must be pinned by tag or digest (no :latest, no tag-less image) (image ghcr.io/dexidp/dex:latest from the chart default dex.image.tag at dex.image)',
      'K8S-POD-007 spec.source.helm images must come from an allowed registry (public.ecr.aws/, ecr-public.aws.com/, registry.k8s.io/, quay.io/, ghcr.io/, private ECR; Docker Hub is not allowed) (image docker.io/library/redis from the chart default redis.image.repository at redis.image)',
    ]);
    // Images of components the values disable are not rendered, so they are not checked.
    const off = { values: { dex: { enabled: false }, redis: { enabled: false } }, prefix: 'spec.source.helm.valuesObject', at };
    expect(helmPolicyFindings('argo-cd', defaults, [off], off.values, new Set(), at)).toEqual([]);
    // redis-ha replaces redis: its images (argo-cd's redis-ha defaults) are checked when it is enabled.
    const ha = { values: { 'redis-ha': { enabled: true, haproxy: { image: { repository: 'haproxy', tag: 'latest' } } } }, prefix: 'spec.source.helm.valuesObject', at };
    expect(helmPolicyFindings('argo-cd', data.defaults, [ha], ha.values, new Set(), at).map((f) => `${f.rule} ${f.path}`)).toEqual([
      'K8S-POD-007 spec.source.helm.valuesObject.redis-ha.haproxy.image.repository',
      'K8S-POD-008 spec.source.helm.valuesObject.redis-ha.haproxy.image.tag',
    ]);
  });

  it('accepts the pinned default images of the charts the platform deploys', () => {
    for (const [chart, version] of [['argo-cd', '10.1.1'], ['karpenter', '1.14.1'], ['aws-load-balancer-controller', '3.5.0'], ['external-dns', '1.21.1'], ['tekton-operator', '0.81.1']]) {
      const data = charts.get(chart, version);
      if (typeof data === 'string') throw new Error(data);
      const at = { file: 'a.yaml', object: chart, path: '-' };
      expect([chart, helmPolicyFindings(chart, data.defaults, [], {}, new Set(), at)]).toEqual([chart, []]);
    }
  });

  it('requires exact chart versions and reference data for them', () => {
    expect(check(argoCdApplication({}, '10.*'))).toEqual([
      'HELM-VER-001 spec.source.targetRevision chart argo-cd: targetRevision "10.*" is not an exact version (expected e.g. 1.2.3; no ranges, *, latest or HEAD)',
    ]);
    const [missing] = check(argoCdApplication({}, '9.9.9'));
    expect(missing).toMatch(/^HELM-CHART-001 spec.source.targetRevision chart argo-cd 9\.9\.9 has no reference data at \S+charts\/argo-cd\/9\.9\.9; pin and fetch it: docs\/validation\.md#pinning-a-new-chart-version$/);
    // The link's target exists: the docs section with the SOURCES / --list / PINNED / --only steps.
    const [doc, anchor] = CHART_REFERENCE_DATA_DOCS.split('#');
    const section = readFileSync(join(__dirname, '../../../..', doc), 'utf8').split(/^### Pinning a new chart version$/m)[1] ?? '';
    expect(anchor).toBe('pinning-a-new-chart-version');
    expect(section).toMatch(/SOURCES[\s\S]*--list --only[\s\S]*PINNED[\s\S]*--only <local folder>/);
    for (const v of ['1.2.3', 'v1.21.1', '1.0.0-rc.1', 'v1.0.0-rc.1+build.5', '1.2.3+sha.0abc']) expect(isExactChartVersion(v)).toBe(true);
    for (const v of ['^1.2.3', '~1.2', '>=1.0.0', '1.2.3 - 1.3.0', '1.2.x', '*', 'latest', 'HEAD', '1.2', '01.2.3', '=1.2.3', 'V1.2.3', ' 1.2.3', '1.2.3\n', '']) {
      expect([v, isExactChartVersion(v)]).toEqual([v, false]);
    }
  });

  it('validates the values merged over the chart defaults against values.schema.json', () => {
    const app = argoCdApplication({});
    const source = (app['spec'] as Record<string, Record<string, unknown>>)['source'];
    Object.assign(source, { repoURL: 'https://charts.external-secrets.io', chart: 'external-secrets', targetRevision: '2.9.0', helm: { valuesObject: { replicaCount: 'two' } } });
    expect(check(app)).toEqual([
      'HELM-SCHEMA-001 spec.source.helm.valuesObject.replicaCount external-secrets 2.9.0 values.schema.json: must be integer, got "two"',
    ]);
  });

  it('checks helm.parameters names like --set paths', () => {
    const app = argoCdApplication({});
    const helm = (app['spec'] as Record<string, Record<string, Record<string, unknown>>>)['source']['helm'];
    helm['parameters'] = [{ name: 'server.replicas', value: '2' }, { name: 'configs.cm.timeout\\.reconciliation', value: '180s' }, { name: 'server.replica', value: '2' }];
    expect(check(app)).toEqual([
      'HELM-KEY-001 spec.source.helm.parameters[2].name key "server.replica" is not in charts/argo-cd/10.1.1/values.yaml (misspelled, or add a free-form path for chart argo-cd in libs/validation/src/helm/free-form-paths.ts)',
    ]);
  });

  it('checks rendered Helm values files like inline values', () => {
    const findings = validateHelmValues([], [{ file: 'v.yaml', relPath: 'kubernetes/bootstrap/v.yaml', chart: 'argo-cd', version: '10.1.1', values: { serverr: {} } }], charts, registry);
    expect(findings.map((f) => `${f.rule} ${f.object} ${f.path}`)).toEqual(['HELM-KEY-001 helm values argo-cd 10.1.1 serverr']);
  });

  it('coalesces like Helm: maps merge, null deletes', () => {
    expect(coalesce({ a: { b: 1, c: 2 }, d: 1 }, { a: { c: 3 }, d: null })).toEqual({ a: { b: 1, c: 3 } });
  });
});
