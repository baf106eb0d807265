#!/usr/bin/env node
// Downloads the pinned upstream reference data (chart values.yaml/values.schema.json/Chart.yaml, CRD YAML,
// Kubernetes API definitions) that `nx validate` and `tools/scripts/import-crds.sh` read, from
// raw.githubusercontent.com at the exact commits listed in SOURCES.md. Files are never edited.
//
// Usage:
//   node tools/scripts/fetch-upstream.mjs <target-dir> [--sums <SHA256SUMS file>] [--only <prefix>]... [--dry-run]
//
// Which files: the lines of a SHA256SUMS file (`--sums`, else <target-dir>/SHA256SUMS when present), and
// every downloaded file is verified against its checksum. Without a SHA256SUMS file, each source folder is
// listed through the GitHub contents API (api.github.com) at the pinned commit, and a SHA256SUMS is
// written for what was fetched (review it, then share it so others verify against it).
// `--only charts/argo-cd` restricts the run to paths starting with that prefix (repeatable).
// `--dry-run` prints each file with the URL(s) it would be fetched from, and downloads nothing.
// GITHUB_TOKEN, when set, is sent to api.github.com (higher rate limit); it is never sent elsewhere.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** What a chart folder holds: upstream file names kept verbatim. */
const CHART_FILES = /^(Chart\.yaml|values\.yaml|values\.schema\.json)$/;
const YAML_FILES = /\.ya?ml$/;

const ISTIO = ['istio/istio', '56df41f63e513f834c9a3af33d8aed82d1d961f2'];
const TEKTON_OPERATOR = ['tektoncd/operator', '1510682bd212324f31d74277f092f4f482ca56d3'];
const KARPENTER = ['aws/karpenter-provider-aws', 'bde00654cd316fddb3dccfba3f5ac07039865429'];
const GATEKEEPER = ['open-policy-agent/gatekeeper', 'cdf332c3f2762c616d4b6f433712a8d7ed62b3d8'];
const ESO = ['external-secrets/external-secrets', 'cc5bfbc2234ace9cb0caff4ea89c435cf517b27b'];
const CERT_MANAGER = ['cert-manager/cert-manager', '24e33194fb39488eff2bbf10c6dc640f407cad44'];
const REDIS = ['OT-CONTAINER-KIT/redis-operator', '5dd04e17419a9a32bd0d220fc9dae5dffbf4f39a'];
const STRIMZI = ['strimzi/strimzi-kafka-operator', '6c7b43c4af0db547c10463ba09d1dfa6f5e156a0'];
const LBC = ['kubernetes-sigs/aws-load-balancer-controller', '11eb202c97e4ae2ee45e0658c4cde9a4b59f33d4'];
const EXTERNAL_DNS = ['kubernetes-sigs/external-dns', '9f26451346774099a8b3e3e5cc46a53bf2fd1461'];
const KPS = ['prometheus-community/helm-charts', 'ea930baeebeba39f56d6b44e351f23b2a072a600'];
const ALLOY = ['grafana/alloy', '233907cff225ce253f812bdfc14138dac1fa0cd2'];
const CDK8S = ['cdk8s-team/cdk8s', '71f8cba7ecc809d861e837e842217202d5e5a16c'];

/**
 * Local folder -> upstream repository, commit and folder(s) (tried in order for each file), as listed
 * in SOURCES.md. `rename` maps a local file name to its upstream name; `filter` selects files when
 * listing a folder (no SHA256SUMS).
 */
const SOURCES = [
  chart('charts/argo-cd/10.1.1', 'argoproj/argo-helm', 'af0a9310bacbaa4636018dfe22c801a6d33a5c43', 'charts/argo-cd'),
  chart('charts/argo-rollouts/2.41.0', 'argoproj/argo-helm', '8796aeaa82428f96c3a20293f75a1a805f99d32b', 'charts/argo-rollouts'),
  chart('charts/tekton-operator/0.81.1', ...TEKTON_OPERATOR, 'charts/tekton-operator'),
  chart('charts/base/1.30.3', ...ISTIO, 'manifests/charts/base'),
  { local: 'charts/istiod/1.30.3/profiles', repo: ISTIO[0], commit: ISTIO[1], dirs: ['manifests/charts/base/files'], filter: /^profile-.*\.yaml$/ },
  chart('charts/istiod/1.30.3', ...ISTIO, 'manifests/charts/istio-control/istio-discovery'),
  chart('charts/gateway/1.30.3', ...ISTIO, 'manifests/charts/gateway'),
  chart('charts/cni/1.30.3', ...ISTIO, 'manifests/charts/istio-cni'),
  chart('charts/ztunnel/1.30.3', ...ISTIO, 'manifests/charts/ztunnel'),
  chart('charts/gatekeeper/3.23.0', ...GATEKEEPER, 'charts/gatekeeper'),
  chart('charts/falco/9.1.0', 'falcosecurity/charts', '53586de4fb9d8d02006131ade702b161cd7e06e3', 'charts/falco'),
  chart('charts/falcosidekick/0.14.0', 'falcosecurity/charts', '314187ff5883d0f69cce8d6765f641c8ec0c6cae', 'charts/falcosidekick'),
  chart('charts/openbao/0.29.2', 'openbao/openbao-helm', '6b4437be33d74e9eefcdb8f535ea7f37422c8813', 'charts/openbao', /^values\.openshift\.yaml$/),
  chart('charts/external-secrets/2.9.0', ...ESO, 'deploy/charts/external-secrets'),
  chart('charts/cert-manager/v1.21.1', ...CERT_MANAGER, 'deploy/charts/cert-manager'),
  chart('charts/cloudnative-pg/0.29.0', 'cloudnative-pg/charts', 'd1b5ad60cee2d9432a9cc05627b42a8d8dc7bbae', 'charts/cloudnative-pg'),
  chart('charts/redis-operator/0.26.1', ...REDIS, 'charts/redis-operator'),
  chart('charts/strimzi-kafka-operator/1.2.0', ...STRIMZI, 'helm-charts/helm3/strimzi-kafka-operator'),
  chart('charts/karpenter/1.14.1', ...KARPENTER, 'charts/karpenter'),
  chart('charts/karpenter-crd/1.14.1', ...KARPENTER, 'charts/karpenter-crd'),
  chart('charts/aws-load-balancer-controller/3.5.0', ...LBC, 'helm/aws-load-balancer-controller'),
  chart('charts/external-dns/1.21.1', ...EXTERNAL_DNS, 'charts/external-dns'),
  chart('charts/kube-prometheus-stack/88.5.3', ...KPS, 'charts/kube-prometheus-stack'),
  chart('charts/grafana/12.11.1', 'grafana-community/helm-charts', '864f7794683680e5100a38670e103c4fa6e37e29', 'charts/grafana'),
  chart('charts/loki/18.11.0', 'grafana-community/helm-charts', '3386a1156177c6bcd7fdb1ad4c6b1dda094296e0', 'charts/loki', /^(monolithic|simple-scalable|distributed)-values\.yaml$/),
  chart('charts/loki/7.3.0-grafana-gel', 'grafana/loki', '50c738b4d5b28db6e26723c3828da13bb46f0f06', 'production/helm/loki'),
  chart('charts/tempo-distributed/3.3.0', 'grafana-community/helm-charts', '2785d07ea9c6d47cb2ed7d7768f47d8394ffd208', 'charts/tempo-distributed'),
  chart('charts/alloy/1.11.1', ...ALLOY, 'operations/helm/charts/alloy'),
  chart('charts/velero/12.1.0', 'vmware-tanzu/helm-charts', '73466ca986bbfe34dbd5c30bbf7d62d545d634a2', 'charts/velero'),
  crds('crds/argo-cd/v3.4.4', 'argoproj/argo-cd', '443415b5527ac55366e0760c93ef0e1abd0cf273', ['manifests/crds'], /-crd\.yaml$/),
  crds('crds/argo-rollouts/v1.9.0', 'argoproj/argo-rollouts', '838d4e792be666ec11bd0c80331e0c5511b5010e', ['manifests/crds'], /-crd\.yaml$/),
  crds('crds/tekton-pipeline/v1.15.0', 'tektoncd/pipeline', '70f730815249a12aa725266fba7f3ff39653aaea', ['config/300-crds'], /^300-.*\.yaml$/),
  crds('crds/tekton-triggers/v0.37.0', 'tektoncd/triggers', '72d276a2174023d0db81db9ee84bd18e2874da3b', ['config'], /^300-.*\.yaml$/),
  crds('crds/tekton-operator/v0.81.1', ...TEKTON_OPERATOR, ['config/base/generated-crds'], /^operator\.tekton\.dev_.*\.yaml$/),
  {
    local: 'examples/tekton-operator/v0.81.1',
    repo: TEKTON_OPERATOR[0],
    commit: TEKTON_OPERATOR[1],
    dirs: ['config/crs/kubernetes/config'],
    rename: (name) => name.replace(/^tektonconfig-(all|basic|lite)\.yaml$/, '$1/operator_v1alpha1_config_cr.yaml'),
    listed: ['tektonconfig-all.yaml', 'tektonconfig-basic.yaml', 'tektonconfig-lite.yaml'],
  },
  crds('crds/istio/1.30.3', ...ISTIO, ['manifests/charts/base/files'], /^crd-all\.gen\.yaml$/),
  crds('crds/gatekeeper/v3.23.0', ...GATEKEEPER, ['charts/gatekeeper/crds'], YAML_FILES),
  crds('crds/external-secrets/v2.9.0', ...ESO, ['config/crds/bases'], /\.yaml$/),
  crds('crds/cert-manager/v1.21.1', ...CERT_MANAGER, ['deploy/crds'], /\.yaml$/),
  crds('crds/cloudnative-pg/v1.30.0', 'cloudnative-pg/cloudnative-pg', '4b5e244a7d031f67e025c83c1555e7726ecbbfa1', ['config/crd/bases'], /^postgresql\.cnpg\.io_.*\.yaml$/),
  crds('crds/redis-operator/v0.26.0-HEAD-5dd04e17', ...REDIS, ['config/crd/bases'], /\.yaml$/),
  crds('crds/strimzi/1.2.0', ...STRIMZI, ['install/cluster-operator'], /^04\d-Crd-.*\.yaml$/),
  crds('crds/karpenter/v1.14.1', ...KARPENTER, ['pkg/apis/crds'], /\.yaml$/),
  crds('crds/aws-load-balancer-controller/v3.5.0', ...LBC, ['config/crd/bases', 'config/crd/gateway', 'config/crd/aga'], /k8s\.aws_.*\.yaml$/),
  crds('crds/external-dns/chart-1.21.1', ...EXTERNAL_DNS, ['charts/external-dns/crds'], /^dnsendpoints\.externaldns\.k8s\.io\.yaml$/),
  crds('crds/prometheus-operator/v0.93.1', ...KPS, ['charts/kube-prometheus-stack/charts/crds/crds'], /^crd-.*\.yaml$/),
  crds('crds/alloy/chart-1.11.1', ...ALLOY, ['operations/helm/charts/alloy/charts/crds/crds'], /^monitoring\.grafana\.com_podlogs\.yaml$/),
  crds('crds/velero/v1.18.1', 'vmware-tanzu/velero', '26ef8fa7df68dfa9ab8aa4669b8ac47340b0c510', ['config/crd/v1/bases', 'config/crd/v2alpha1/bases'], /^velero\.io_.*\.yaml$/),
  ...['v1.33.0', 'v1.34.0', 'v1.35.0', 'v1.36.0'].map((v) => ({
    local: `kubernetes/${v}`,
    repo: CDK8S[0],
    commit: CDK8S[1],
    dirs: [`kubernetes-schemas/${v}`],
    listed: ['_definitions.json'],
  })),
];

function chart(local, repo, commit, dir, extra) {
  return { local, repo, commit, dirs: [dir], filter: extra ? new RegExp(`${CHART_FILES.source}|${extra.source}`) : CHART_FILES };
}

function crds(local, repo, commit, dirs, filter) {
  return { local, repo, commit, dirs, filter };
}

function usage(message) {
  if (message) process.stderr.write(`error: ${message}\n`);
  process.stderr.write('usage: node tools/scripts/fetch-upstream.mjs <target-dir> [--sums <SHA256SUMS>] [--only <prefix>]... [--dry-run]\n');
  process.exit(2);
}

/** `<sha256>  [./]<path>` lines -> Map(path -> sha256). */
function readSums(file) {
  const sums = new Map();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([0-9a-f]{64})\s+\*?(?:\.\/)?(.+)$/.exec(line.trim());
    if (m) sums.set(m[2], m[1]);
  }
  return sums;
}

/** The source whose local folder is the longest prefix of `path`. */
function sourceFor(path) {
  return SOURCES.filter((s) => path.startsWith(`${s.local}/`)).sort((a, b) => b.local.length - a.local.length)[0];
}

async function download(url) {
  const res = await fetch(url, { redirect: 'follow' });
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

async function listDir(source, dir) {
  const headers = { Accept: 'application/vnd.github+json', 'User-Agent': 'platform-fetch-upstream' };
  if (process.env.GITHUB_TOKEN) headers.Authorization = `Bearer ${process.env.GITHUB_TOKEN}`;
  const url = `https://api.github.com/repos/${source.repo}/contents/${dir}?ref=${source.commit}`;
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()).filter((e) => e.type === 'file' || e.type === 'symlink').map((e) => e.name);
}

async function fetchFile(source, localPath) {
  const name = localPath.slice(source.local.length + 1);
  const upstreamName = source.rename ? source.rename(name) : name;
  for (const dir of source.dirs) {
    const url = `https://raw.githubusercontent.com/${source.repo}/${source.commit}/${dir}/${upstreamName}`;
    const body = await download(url);
    if (body) return { body, url };
  }
  throw new Error(`${localPath}: not found upstream in ${source.repo}@${source.commit} under ${source.dirs.join(', ')}`);
}

async function plannedFiles(sums, only) {
  if (sums) return [...sums.keys()].filter((p) => only.length === 0 || only.some((o) => p.startsWith(o))).sort();
  const files = [];
  for (const source of SOURCES) {
    if (only.length > 0 && !only.some((o) => source.local.startsWith(o) || o.startsWith(source.local))) continue;
    if (source.listed) {
      files.push(...source.listed.map((n) => `${source.local}/${n}`));
      continue;
    }
    for (const dir of source.dirs) {
      for (const name of await listDir(source, dir)) if (source.filter.test(name)) files.push(`${source.local}/${name}`);
    }
  }
  return [...new Set(files)].sort();
}

async function main() {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { sums: { type: 'string' }, only: { type: 'string', multiple: true }, 'dry-run': { type: 'boolean' } } });
  if (positionals.length !== 1) usage();
  const target = resolve(positionals[0]);
  const sumsFile = values.sums ? resolve(values.sums) : join(target, 'SHA256SUMS');
  const sums = existsSync(sumsFile) ? readSums(sumsFile) : undefined;
  if (values.sums && !sums) usage(`--sums ${values.sums} not found`);
  const only = values.only ?? [];
  const files = await plannedFiles(sums, only);
  if (files.length === 0) usage('nothing to fetch (check --only)');
  const written = [];
  let failures = 0;
  for (const path of files) {
    const source = sourceFor(path);
    if (!source) {
      process.stderr.write(`error: ${path}: no upstream source known (add it to SOURCES in ${import.meta.url})\n`);
      failures++;
      continue;
    }
    if (values['dry-run']) {
      const name = path.slice(source.local.length + 1);
      const upstreamName = source.rename ? source.rename(name) : name;
      process.stdout.write(`${path} <- ${source.dirs.map((d) => `https://raw.githubusercontent.com/${source.repo}/${source.commit}/${d}/${upstreamName}`).join(' | ')}\n`);
      continue;
    }
    try {
      const { body, url } = await fetchFile(source, path);
      const sha = createHash('sha256').update(body).digest('hex');
      const expected = sums?.get(path);
      if (expected && expected !== sha) {
        process.stderr.write(`error: ${path}: sha256 ${sha} does not match SHA256SUMS (${expected}); from ${url}\n`);
        failures++;
        continue;
      }
      const dest = join(target, path);
      mkdirSync(dirname(dest), { recursive: true });
      writeFileSync(`${dest}.tmp`, body);
      renameSync(`${dest}.tmp`, dest);
      written.push([sha, path]);
      process.stdout.write(`${expected ? 'verified' : 'fetched '} ${path}\n`);
    } catch (err) {
      process.stderr.write(`error: ${err.message}\n`);
      failures++;
    }
  }
  if (values['dry-run']) process.exit(failures === 0 ? 0 : 1);
  if (!sums && written.length > 0) {
    writeFileSync(join(target, 'SHA256SUMS'), written.map(([sha, p]) => `${sha}  ./${p}\n`).join(''));
    process.stdout.write(`wrote ${join(target, 'SHA256SUMS')} (unverified: no SHA256SUMS was given)\n`);
  }
  process.stdout.write(`${written.length} files into ${target}, ${failures} failed\n`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((err) => {
  process.stderr.write(`error: ${err.message}\n`);
  process.exit(1);
});
