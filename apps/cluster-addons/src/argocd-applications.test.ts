import * as fs from 'node:fs';
import * as path from 'node:path';
import { ADDONS } from '@platform/config';
import { fixtureEnvironment, MESH_ADDONS_ENABLED, SECURITY_POLICY_ADDONS_ENABLED } from '@platform/config/testing';
import { App } from 'cdk8s';
import { parse } from 'yaml';
import { buildClusterAddons } from './addons-app';
import { type Application, all, applicationNamed, applications, byKind, chartSourceOf, chartValuesOf, env, files, renderTree, sourcesOf, tree } from './testing/rendered-cluster-addons';

describe('sync waves of the platform add-ons', () => {
  it('are computed from the dependency graph: CRDs and baseline first, the build Pipeline after Tekton, the ALB controller and external-dns', () => {
    const addonApps = applications.filter((a) => a.metadata.name !== 'test-root');
    const waves = Object.fromEntries(addonApps.map((a) => [a.metadata.name, Number(a.metadata.annotations?.['argocd.argoproj.io/sync-wave'])]));
    expect(waves).toEqual({
      argocd: 2,
      baseline: 0,
      'karpenter-crd': 0,
      karpenter: 1,
      'aws-load-balancer-controller': 1,
      'external-dns': 1,
      'tekton-operator': 1,
      'tekton-builds': 2,
      'kube-prometheus-stack': 1,
      // the stores' chart ServiceMonitors need the monitor CRDs
      'mimir-distributed': 2,
      loki: 2,
      alloy: 3,
      'alloy-logs': 3,
      'alloy-singleton': 3,
      grafana: 3,
      velero: 2,
    });
    const project = byKind('AppProject').find((p) => p.metadata.name === 'platform');
    expect(project?.metadata.annotations?.['argocd.argoproj.io/sync-wave']).toBe('-1');
    const root = files.get('kubernetes/bootstrap/root-application.yaml') ?? [];
    expect(root.map((o) => `${o.kind}/${o.metadata.name}/${o.metadata.annotations?.['argocd.argoproj.io/sync-wave']}`)).toEqual(['AppProject/platform-bootstrap/-1', 'Application/test-root/-1']);
  });

  it('syncs every Application that renders an ALB Ingress in a later wave than the AWS Load Balancer Controller (an Ingress without an address is Progressing)', () => {
    const waveOf = (name: string): number => Number(applicationNamed(name)?.metadata.annotations?.['argocd.argoproj.io/sync-wave']);
    // Ingresses rendered as manifests of an add-on (kubernetes/addons/<addon>/) and by a chart's values
    const withManifestIngress = [...files].filter(([file, objects]) => file.startsWith('kubernetes/addons/') && objects.some((o) => o.kind === 'Ingress')).map(([file]) => file.split('/')[2] as string);
    const withChartIngress = applications
      .filter((a) => (chartValuesOf(a)?.['server'] as { ingress?: { enabled?: boolean } } | undefined)?.ingress?.enabled === true || (chartValuesOf(a)?.['ingress'] as { enabled?: boolean } | undefined)?.enabled === true)
      .map((a) => a.metadata.name);
    const withIngress = [...new Set([...withManifestIngress, ...withChartIngress])].sort();
    expect(withIngress).toEqual(['argocd', 'grafana', 'tekton-builds']);
    for (const name of withIngress) expect({ name, after: waveOf(name) > waveOf('aws-load-balancer-controller') }).toEqual({ name, after: true });
  });

  it('orders the extra manifests of a chart add-on after the chart inside its one Application (resource sync wave 1)', () => {
    for (const [file, objects] of files) {
      if (!file.startsWith('kubernetes/addons/')) continue;
      const addon = file.split('/')[2] as string;
      const hasChart = chartSourceOf(applications.find((a) => a.metadata.name === addon)) !== undefined;
      for (const o of objects) expect({ file, name: o.metadata.name, wave: o.metadata.annotations?.['argocd.argoproj.io/sync-wave'] }).toEqual({ file, name: o.metadata.name, wave: hasChart ? '1' : undefined });
    }
    for (const name of ['karpenter', 'tekton-operator']) {
      const app = applications.find((a) => a.metadata.name === name) as Application;
      expect(app.spec.source).toBeUndefined();
      expect(app.spec.sources?.map((src) => src.chart ?? src.path)).toEqual([name, `clusters/test/kubernetes/addons/${name}`]);
    }
  });

  it('lets Applications holding custom resources skip the dry run of missing kinds and retry longer', () => {
    const withCrs = applications.filter((a) => a.spec.syncPolicy.syncOptions.includes('SkipDryRunOnMissingResource=true')).map((a) => a.metadata.name);
    expect(withCrs.sort()).toEqual(['karpenter', 'kube-prometheus-stack', 'tekton-builds', 'tekton-operator', 'velero']);
    for (const a of applications) {
      expect({ app: a.metadata.name, retry: a.spec.syncPolicy.retry }).toEqual({
        app: a.metadata.name,
        retry: withCrs.includes(a.metadata.name) ? { limit: 10, backoff: { duration: '30s', factor: 2, maxDuration: '5m' } } : { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } },
      });
    }
  });

  it('match the waves returned by buildClusterAddons, whose add-ons come in registry order (ADDONS), whatever order the layers compose them in', () => {
    const { waves, addons } = buildClusterAddons(new App(), env);
    for (const app of applications.filter((a) => a.metadata.name !== 'test-root')) {
      expect(String(waves.get(app.metadata.name))).toBe(app.metadata.annotations?.['argocd.argoproj.io/sync-wave']);
    }
    const inRegistryOrder = (names: readonly string[]): string[] => ADDONS.map((d) => d.name).filter((n) => names.includes(n));
    const names = addons.map((a) => a.addonName);
    expect(names).toEqual(inRegistryOrder(names));
    // the mesh is composed after the observability collector it sends traces to, and falco last, yet both keep their registry place
    const everything = fixtureEnvironment({ addons: { enabled: { ...MESH_ADDONS_ENABLED, ...SECURITY_POLICY_ADDONS_ENABLED } } });
    const all = buildClusterAddons(new App(), everything).addons.map((a) => a.addonName);
    expect(all).toEqual(expect.arrayContaining(['istiod', 'alloy', 'falco']));
    expect(all).toEqual(inRegistryOrder(all));
  });

  it('install Karpenter CRDs from karpenter-crd only', () => {
    const karpenter = applications.find((a) => a.metadata.name === 'karpenter');
    expect(chartSourceOf(karpenter)?.helm?.skipCrds).toBe(true);
    const crd = applications.find((a) => a.metadata.name === 'karpenter-crd');
    expect(crd?.spec.syncPolicy.syncOptions).toContain('ServerSideApply=true');
    // ArgoCD never deletes the Karpenter CRDs (that would delete every NodePool and drain the nodes)
    expect(chartSourceOf(crd)?.helm?.valuesObject).toEqual({ additionalAnnotations: { 'argocd.argoproj.io/sync-options': 'Delete=false' } });
  });
});

describe('ArgoCD Applications and AppProjects', () => {
  it('puts each add-on in its own apps/<addon>.yaml and the root app in bootstrap', () => {
    expect([...files.keys()].filter((p) => p.startsWith('kubernetes/apps/')).sort()).toEqual(
      [...[
        'alloy',
        'alloy-logs',
        'alloy-singleton',
        'argocd',
        'aws-load-balancer-controller',
        'baseline',
        'external-dns',
        'grafana',
        'karpenter',
        'karpenter-crd',
        'kube-prometheus-stack',
        'loki',
        'mimir-distributed',
        'projects',
        'tekton-builds',
        'tekton-operator',
        'velero',
      ].map((n) => `kubernetes/apps/${n}.yaml`)].sort(),
    );
    const root = files.get('kubernetes/bootstrap/root-application.yaml')?.find((o) => o.kind === 'Application') as Application;
    expect(root.spec.sources?.[0]?.path).toBe('clusters/test/kubernetes/apps');
    expect(files.get('kubernetes/bootstrap/namespace.yaml')?.map((o) => o.kind)).toEqual(['Namespace']);
  });

  it('makes the root Application and its AppProject self-managed: the root app also syncs exactly its own bootstrap file', () => {
    const root = files.get('kubernetes/bootstrap/root-application.yaml')?.find((o) => o.kind === 'Application') as Application;
    expect(root.spec.source).toBeUndefined();
    expect(root.spec.sources).toEqual([
      { repoURL: env.gitops.repoUrl, targetRevision: 'main', path: 'clusters/test/kubernetes/apps', directory: { recurse: false } },
      { repoURL: env.gitops.repoUrl, targetRevision: 'main', path: 'clusters/test/kubernetes/bootstrap', directory: { recurse: false, include: '{root-application.yaml,priority-classes.yaml}' } },
    ]);
    // the bootstrap project may manage exactly the cluster-scoped kind of those files
    const bootstrapProject = byKind('AppProject').find((p) => p.metadata.name === 'platform-bootstrap');
    expect(bootstrapProject?.spec?.['clusterResourceWhitelist']).toEqual([{ group: 'scheduling.k8s.io', kind: 'PriorityClass' }]);
    // every object is rendered once in the whole tree, so no two sources fight over one
    const ids = all.map((o) => `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? '-'}/${o.metadata.name}`);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('cascades deletion except for the root app, ArgoCD itself and charts whose CRDs cannot be protected', () => {
    const withoutFinalizer = applications.filter((a) => !a.metadata.finalizers).map((a) => a.metadata.name);
    expect([...new Set(withoutFinalizer)].sort()).toEqual(['argocd', 'tekton-operator', 'test-root']);
    for (const app of applications.filter((a) => a.metadata.finalizers)) expect(app.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
  });

  it('gives every Application the sync policy of the operation mode (ADR 0038): autopilot prunes, supervised does not', () => {
    for (const app of applications) {
      expect(app.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true, allowEmpty: false });
    }
    const window = { kind: 'allow', schedule: '0 8 * * 1-4', duration: '9h', manualSync: true } as const;
    const supervised = renderTree(fixtureEnvironment({ operations: { mode: 'supervised', syncWindows: [window] } })).all;
    const supervisedApps = supervised.filter((o): o is Application => o.kind === 'Application');
    expect(supervisedApps.length).toBe(applications.length);
    for (const app of supervisedApps) expect(app.spec.syncPolicy.automated).toEqual({ prune: false, selfHeal: true, allowEmpty: false });
    const windows = supervised.filter((o) => o.kind === 'AppProject').map((p) => [p.metadata.name, (p.spec as { syncWindows: unknown[] }).syncWindows]);
    expect(windows).toEqual([
      ['platform-bootstrap', [{ ...window, applications: ['*'], timeZone: 'UTC' }]],
      ['platform', [{ ...window, applications: ['*'], timeZone: 'UTC' }]],
    ]);
  });

  it('freezes every add-on Application with a deny-all window (manual syncs too), never the root app', () => {
    const frozen = renderTree(fixtureEnvironment({ operations: { freeze: true } })).all;
    const windows = Object.fromEntries(frozen.filter((o) => o.kind === 'AppProject').map((p) => [p.metadata.name, (p.spec as { syncWindows: unknown[] }).syncWindows]));
    expect(windows['platform']).toEqual([{ kind: 'deny', schedule: '* * * * *', duration: '1h', manualSync: false, applications: ['*'], timeZone: 'UTC' }]);
    expect(windows['platform-bootstrap']).toEqual([]);
  });

  it('restricts AppProjects to explicit repos and namespaces that cover every Application', () => {
    const projects = new Map(byKind('AppProject').map((p) => [p.metadata.name, p.spec as { sourceRepos: string[]; destinations: { namespace: string }[]; clusterResourceWhitelist: { group: string; kind: string }[] }]));
    for (const [, p] of projects) {
      expect(p.sourceRepos).not.toContain('*');
      expect(p.destinations.map((d) => d.namespace)).not.toContain('*');
      expect(p.clusterResourceWhitelist.map((c) => c.kind)).not.toContain('*');
    }
    for (const app of applications) {
      const project = projects.get(app.spec.project);
      expect(project).toBeDefined();
      for (const src of sourcesOf(app)) expect(project?.sourceRepos).toContain(src.repoURL);
      expect(project?.destinations.map((d) => d.namespace)).toContain(app.spec.destination.namespace);
    }
    const namespaced = all.filter((o) => o.metadata.namespace && !o.apiVersion.startsWith('argoproj.io'));
    for (const o of namespaced) expect(projects.get('platform')?.destinations.map((d) => d.namespace)).toContain(o.metadata.namespace);
  });

  it('points every path Application at a folder that synth produced', () => {
    const paths = applications.filter((a) => a.metadata.name !== 'test-root').flatMap((a) => sourcesOf(a).flatMap((src) => (src.path ? [src.path] : [])));
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) {
      const local = p.replace(/^clusters\/test\//, '');
      expect([...files.keys()].some((f) => path.posix.dirname(f) === local)).toBe(true);
    }
  });
});

describe('chart values', () => {
  const upstream = process.env['PLATFORM_UPSTREAM_DIR'] ?? path.resolve(__dirname, '../../../../shared/upstream');
  /** Free-form maps of each chart: keys below them are not in values.yaml by design. */
  const FREE_FORM: Record<string, string[]> = {
    'argo-cd': ['configs.cm', 'configs.params', 'configs.rbac'],
    // subcharts without reference data, and the Alertmanager config/CR spec passed verbatim
    'kube-prometheus-stack': ['kube-state-metrics', 'prometheus-node-exporter', 'alertmanager.config', 'alertmanager.alertmanagerSpec'],
    // Loki/Mimir configuration sections, subcharts without reference data, and resources the chart leaves as `requests: {}` examples
    alloy: ['configReloader.resources'],
    // grafana.ini sections, provisioning files and maps rendered verbatim; keys read by the templates but only commented in values.yaml
    grafana: ['grafana.ini', 'datasources', 'dashboardProviders', 'dashboardsConfigMaps', 'envValueFrom', 'fullnameOverride', 'priorityClassName', 'ingress.ingressClassName'],
    loki: ['loki.storage', 'loki.compactor', 'loki.limits_config', 'loki.schemaConfig', 'rollout_operator'],
    'mimir-distributed': [
      'mimir.structuredConfig',
      'rollout_operator',
      ...['compactor', 'distributor', 'ingester', 'overrides_exporter', 'querier', 'query_frontend', 'query_scheduler', 'ruler', 'store_gateway'].map((c) => `${c}.resources`),
    ],
  };

  function missingKeys(values: unknown, defaults: unknown, prefix: string, freeForm: string[]): string[] {
    if (typeof values !== 'object' || values === null || Array.isArray(values)) return [];
    if (freeForm.includes(prefix)) return [];
    if (typeof defaults !== 'object' || defaults === null) return prefix && defaults === null ? [] : [prefix];
    if (Object.keys(defaults).length === 0) return [];
    return Object.entries(values).flatMap(([k, v]) => {
      const p = prefix ? `${prefix}.${k}` : k;
      if (!(k in (defaults as Record<string, unknown>))) return freeForm.includes(p) ? [] : [p];
      return missingKeys(v, (defaults as Record<string, unknown>)[k], p, freeForm);
    });
  }

  it('only sets keys that exist in the chart values.yaml (outside free-form maps)', () => {
    let checked = 0;
    for (const app of applications) {
      const src = chartSourceOf(app);
      if (!src?.chart || !src.helm) continue;
      const file = path.join(upstream, 'charts', src.chart, src.targetRevision as string, 'values.yaml');
      // a missing reference file fails the test (set PLATFORM_UPSTREAM_DIR), it never skips the chart
      expect({ chart: src.chart, valuesYaml: fs.existsSync(file) ? 'present' : file }).toEqual({ chart: src.chart, valuesYaml: 'present' });
      checked += 1;
      expect({ chart: src.chart, missing: missingKeys(src.helm.valuesObject, parse(fs.readFileSync(file, 'utf8')) as unknown, '', FREE_FORM[src.chart] ?? []) }).toEqual({ chart: src.chart, missing: [] });
    }
    expect(checked).toBe(14);
  });
});

describe('chart versions in manifest.json', () => {
  it('lists every Helm chart of every Application in kubernetes/apps/, single- and multi-source, with its targetRevision', () => {
    // found by walking each Application for `chart` fields, independently of how sources are read
    const charts: Record<string, string> = {};
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o['chart'] === 'string' && typeof o['targetRevision'] === 'string') charts[`chart:${o['chart']}`] = o['targetRevision'];
        Object.values(o).forEach(walk);
      }
    };
    for (const [file, objects] of files) if (file.startsWith('kubernetes/apps/')) objects.filter((o) => o.kind === 'Application').forEach(walk);
    expect(Object.keys(charts).sort()).toEqual(['chart:alloy', 'chart:argo-cd', 'chart:aws-load-balancer-controller', 'chart:external-dns', 'chart:grafana', 'chart:karpenter', 'chart:karpenter-crd', 'chart:kube-prometheus-stack', 'chart:loki', 'chart:mimir-distributed', 'chart:tekton-operator', 'chart:velero']);
    const chartVersions = Object.fromEntries(Object.entries(tree.versions).filter(([k]) => k.startsWith('chart:')));
    expect(chartVersions).toEqual(charts);
  });
});
