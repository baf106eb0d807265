// The pinned upstream reference data: where each file comes from (repository, commit, folder) and its
// expected sha256, plus the sync logic. Imported by fetch-upstream.mjs (the CLI) and by its tests.
// No network access happens at import time; `syncFiles` takes the fetch function to use.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

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
export const SOURCES = [
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
  chart('charts/mimir-distributed/5.6.0', 'grafana/mimir', 'a3ae5dd4bae321b2def2475a6941c05157ac2186', 'operations/helm/charts/mimir-distributed', /^(small|capped-small)\.yaml$/),
  chart('charts/plugin-barman-cloud/0.7.0', 'cloudnative-pg/charts', '83bd9c59514cb7ff3692049d85ba604dcb458700', 'charts/plugin-barman-cloud'),
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
  crds('crds/plugin-barman-cloud/v0.14.0', 'cloudnative-pg/plugin-barman-cloud', '1e13020fe5f09fd8fc29ea03828f7b61375b3721', ['config/crd/bases'], /^barmancloud\.cnpg\.io_.*\.yaml$/),
  crds('crds/gateway-api/v1.5.1', 'kubernetes-sigs/gateway-api', 'e7677b70ae75d14a4448fba94870e7deea6cf0ad', ['config/crd/standard'], /^gateway\.networking\.k8s\.io_.*\.yaml$/),
  crds('crds/external-snapshotter/v8.6.0', 'kubernetes-csi/external-snapshotter', '78e32cd84e0abec2621924a30e38c755f93e180a', ['client/config/crd'], /^snapshot\.storage\.k8s\.io_.*\.yaml$/),
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


/**
 * Expected sha256 of every pinned file (local path -> sha256), like a lockfile. Generated once from the
 * reviewed SHA256SUMS of the reference data (integrity metadata, not upstream content); the first download
 * is verified against it, with no listing through api.github.com. To pin a new source, fetch it with
 * `--list --only <local folder>`, review the files, and add the printed lines here.
 */
export const PINNED = {
  'charts/alloy/1.11.1/Chart.yaml': 'fd1508d15c390bfb529c23e73c2f9ab69fb493db45d6480bc4b699a12cd43def',
  'charts/alloy/1.11.1/values.yaml': 'e5baf1fac88469c03fe2692e4ccda75ab5b0b705193694755d959550c73ae59c',
  'charts/argo-cd/10.1.1/Chart.yaml': '8525bf3f4a0a6861ec4b235b157e76090fa64c8917d5ab6248243d36288af5ba',
  'charts/argo-cd/10.1.1/values.yaml': '8ee687712e738650ab9e7f3e2d1f4fb4ad877e26a8eaed539f957e1d66872086',
  'charts/argo-rollouts/2.41.0/Chart.yaml': '95c65b7fa131c8ea70d775584378f5a9d8e7e418dce5e831a54f460b278676d0',
  'charts/argo-rollouts/2.41.0/values.yaml': 'd2c66ff020614592654df0f714324b4f5b826888704c5d020b9d1973378bc8fa',
  'charts/aws-load-balancer-controller/3.5.0/Chart.yaml': '9644ee828751254ee65afccb72579f11f83c5231059952e3048aa76f64a6d894',
  'charts/aws-load-balancer-controller/3.5.0/values.yaml': 'c330e0b3aaeed9d6b75e70564563dcdb231ee970db587f23eff5c013461f2dd4',
  'charts/base/1.30.3/Chart.yaml': 'a52b0f3786932dac321471db526bad1247feac170933e8d90fecb942aba7d13d',
  'charts/base/1.30.3/values.yaml': '3543b89cb620ad6f8cfab3910cdf3e5d1f4af8d73d30cb73b3b36c65d3da6f56',
  'charts/cert-manager/v1.21.1/Chart.yaml': '643e41e3c9c3f6bde5a6fbdc359adfc6222af2b42623f16fb97a97ae46c8db8d',
  'charts/cert-manager/v1.21.1/values.schema.json': '47730ad9154f6cde7a081de7541f88e085ff92a5e5fd65a41a3d0223ff735bea',
  'charts/cert-manager/v1.21.1/values.yaml': '4d818a0facf6c8462fcd316f40bcc1c693f3a4aa0a2ad445bf4c54fa950203cf',
  'charts/cloudnative-pg/0.29.0/Chart.yaml': 'aa3a9759ec55837559f49228e2987517207458fc4d1d9f3f69ad20e9a05a62c4',
  'charts/cloudnative-pg/0.29.0/values.schema.json': 'b9fd2c036e961aee3ff1d58b9bdbfb3bf03d5b65f9360d8cff6a79e523683418',
  'charts/cloudnative-pg/0.29.0/values.yaml': 'ace42f8958c68f4efe085963bb1c9bf190de317b3ffb330a10f67713993e7874',
  'charts/cni/1.30.3/Chart.yaml': '7cde3196012a30eff76a5fbf93702321a57ee6969650e9248dd06666d3f702cd',
  'charts/cni/1.30.3/values.yaml': '7ee2380f25a77779ca89d2e65f8993e7920e35fb1673968053dc4e0571d5a5fb',
  'charts/external-dns/1.21.1/Chart.yaml': '5bcc0a084f04873668d0c5c613101c40ea3ef0fb5c6236800d5b765f743c58bb',
  'charts/external-dns/1.21.1/values.schema.json': 'fd180b628a5d0e565a5469ef5b37e58dd661176092b5e2cb1059b210b4afa1a4',
  'charts/external-dns/1.21.1/values.yaml': '3769875a194421f7f0dfd8aab1c23f08da3b61a47b574214a2aa197f7b277810',
  'charts/external-secrets/2.9.0/Chart.yaml': '20afd15a4ae9a20195ca1df538a49d88a12e962a8d261cf3ec39fd1ae238bb3d',
  'charts/external-secrets/2.9.0/values.schema.json': 'a6cdce7b4f5ca9debdbf4164816daedc41d71589cf7d90bb513159603ed81312',
  'charts/external-secrets/2.9.0/values.yaml': '13811e7dd028c69c933d299728181f5b094bcab03de0cea26a8a020b2c7d402d',
  'charts/falco/9.1.0/Chart.yaml': '534d779770a419cb5edaabecc96af683ea8e13caaedfdd21ead0b827a96ed8dd',
  'charts/falco/9.1.0/values.yaml': '1ae49ee9c0b89a51a8b34847e36aaab8c26705f02d698fbfd49aba7a7b0547cb',
  'charts/falcosidekick/0.14.0/Chart.yaml': '972dd07b76f80f66b72510e9e639b87d3efb2a77f134336bbf7dfefc2da6c4b4',
  'charts/falcosidekick/0.14.0/values.yaml': '69c91bf89bedcd6a7a8130c611d5948affa079c946d73c745879043660df4d24',
  'charts/gatekeeper/3.23.0/Chart.yaml': '35aafbbc71d8f4c55effac6547edaa31828debabf806d6d704d329ba31a9e060',
  'charts/gatekeeper/3.23.0/values.yaml': '0025a75bce5407f86ed5226925dd182094b26743eea13759d20da283a75c53a4',
  'charts/gateway/1.30.3/Chart.yaml': '9f69b224986606d98a193537a9becc3f3228f757205e4620d0d9b58340627f94',
  'charts/gateway/1.30.3/values.schema.json': '6a58a62ea7417ed4e7dd18d25d0a674ce888a18d4b44fc832e876e2d7aa7c1f6',
  'charts/gateway/1.30.3/values.yaml': 'fa272809ac6991894a9ed0ad8c84995af0a65a1262ed040bf9b987f7ca8ca7b5',
  'charts/grafana/12.11.1/Chart.yaml': '4ca1085863a002c5d92bc4189fd083bde1f61ba5fc72b87d4a3274f99577b87e',
  'charts/grafana/12.11.1/values.yaml': '653e88838eb7553f561d2e6ffa3cbaa7d5b5029398af6ea2fdd2c27793853a68',
  'charts/istiod/1.30.3/Chart.yaml': '7d387c74d04462b1d63cc8d26468ef6f13434b156ee129ad6716d894658405d5',
  'charts/istiod/1.30.3/profiles/profile-ambient.yaml': 'dcf8adac4772e9d0e7022098a23982908e2063f3a5e0fe448e7a949f4289356d',
  'charts/istiod/1.30.3/profiles/profile-compatibility-version-1.25.yaml': '9f6776119f6073b862fe00f11c50ea28ec6fce982ab2359ff53240bf5e8042b6',
  'charts/istiod/1.30.3/profiles/profile-compatibility-version-1.26.yaml': '1b720bd112f7099b0c35cc5e3f96195e18d9f873cf3d9c72c81c60487f30e2bf',
  'charts/istiod/1.30.3/profiles/profile-compatibility-version-1.27.yaml': '54550c15f95a2df3f84983715ed7dacf05713b1a2b0523d939fc6473b98cc00f',
  'charts/istiod/1.30.3/profiles/profile-compatibility-version-1.28.yaml': 'fac0f3776b43d29cc735f99677eac3d6c770b01d894f491e341c8261060acdbc',
  'charts/istiod/1.30.3/profiles/profile-compatibility-version-1.29.yaml': 'e7d882e37898dd818b08524f52ef18dac63f0e920057e2eed6e94b9f128131b6',
  'charts/istiod/1.30.3/profiles/profile-demo.yaml': '53de9370a361e606c5f3ad782127f414836760b4240e260c2733ab6efbb1b618',
  'charts/istiod/1.30.3/profiles/profile-platform-gke.yaml': '58c04311d73c8f39b7e4e5ae278720c3eee6ba4a8e818adcd7094eac0c676885',
  'charts/istiod/1.30.3/profiles/profile-platform-k3d.yaml': '4053f054316af84bbc0e76b37320fb99018b624da5ac98244de3a9a5a5e213c1',
  'charts/istiod/1.30.3/profiles/profile-platform-k3s.yaml': 'd935227e97c6a5656b031345e04fc88bd53547c30058e7b3f371273fecfb261e',
  'charts/istiod/1.30.3/profiles/profile-platform-microk8s.yaml': '818c2b03c74c13ef2bb079baa5dfc4f54847359fe66c0cb7696a61564b941506',
  'charts/istiod/1.30.3/profiles/profile-platform-minikube.yaml': 'cd870e9a16ac395faeed4516c98cf9bf9e3085da5c1868e89c7ca5951b66b407',
  'charts/istiod/1.30.3/profiles/profile-platform-openshift.yaml': '32d91a1d3f928fd517d28fdcc9a8ef864d1a58f5ed626efe1ab403a28e9f16e6',
  'charts/istiod/1.30.3/profiles/profile-preview.yaml': '55f6448208417a04f0a4ec88a8eefb7f845b5128e931ed6a7656cf946513341d',
  'charts/istiod/1.30.3/profiles/profile-remote.yaml': 'bc9b5615a849a9c359fa3b66a10160314a36e2bf59f769d79ee3a21960f067ad',
  'charts/istiod/1.30.3/profiles/profile-stable.yaml': 'c62169b981edfe7f5fc122c653609a39a440f5532ec22510c57491b48ca95524',
  'charts/istiod/1.30.3/values.yaml': 'd6b9d64100f695973a1b87a2cedfce597669807d77fd14d00149d56538dd43a1',
  'charts/karpenter-crd/1.14.1/Chart.yaml': 'b235447ba14910828638249049a200721a5f194b47524e41b736de9ca7f6ac28',
  'charts/karpenter-crd/1.14.1/values.yaml': '8fcfe5dd6d8010b61d500148d6e2a91f1b8a40a11a6ef2e89ac3304649eee892',
  'charts/karpenter/1.14.1/Chart.yaml': '8f26d436ff8d0624aace0c34b07bf73f408520c78aef07e30e5d34d07c36792d',
  'charts/karpenter/1.14.1/values.yaml': '18813aba28c48fd65d76007e8919d355acc3583d82c6c14ea797c8cd5bf09437',
  'charts/kube-prometheus-stack/88.5.3/Chart.yaml': 'e4af5d8f82d2c626d7a0c52dab589a39817acae7486196de16eef230388eb7ed',
  'charts/kube-prometheus-stack/88.5.3/values.yaml': '659289e3cc0ff503db75dd2969c8fe7295657357b82ff085d0b2a824d68b7755',
  'charts/loki/18.11.0/Chart.yaml': '74f7efe19c38aacea0be21e71e0a1a40ad1939608986e5b48097de894ea879b7',
  'charts/loki/18.11.0/distributed-values.yaml': 'a4b48c4eff4864384f7bd25e1d27a25a45303a0358b4326e3ca8811b93f5207c',
  'charts/loki/18.11.0/monolithic-values.yaml': 'eb096494385a4271780f109f047c89c46033352fa990ea0957557e05d3c13822',
  'charts/loki/18.11.0/simple-scalable-values.yaml': 'd4c76576e652bd47f9bb9544970d80484ba56d234e1f0f15e5d5e2e45bdc12d0',
  'charts/loki/18.11.0/values.schema.json': 'fae54d8b2d9f90b6e1724a8f429950491249dbc93e6daf4ea3ae0099d2e600c0',
  'charts/loki/18.11.0/values.yaml': '10b9d980c8b807bbfe51cfc459e7518c3c0256646734c70f1e4ff3e559fc5849',
  'charts/loki/7.3.0-grafana-gel/Chart.yaml': '463bcf30c98992c0626446d98839820a8d42bc4de9351cb0eef02d199a6c4c43',
  'charts/loki/7.3.0-grafana-gel/values.schema.json': 'f10d8e5eb250a753884093a9df368b8727de08d790ca927014a88ffc27b72850',
  'charts/loki/7.3.0-grafana-gel/values.yaml': 'db72f0aa2dda00edf10181389d5b7f889331b89fecbf81c86c0fbe1d8d3eda4d',
  'charts/mimir-distributed/5.6.0/Chart.yaml': '1e5bed5f4da6c2e8fde8c5652173e675ff814f07ac105109c1a5237db7be5353',
  'charts/mimir-distributed/5.6.0/capped-small.yaml': '6d9914971bd9beef8f47b45c78d3aa768b0a654a7aa007fc295a7fc287f2618a',
  'charts/mimir-distributed/5.6.0/small.yaml': '2cffb94170a72afed525229bb5e2ea64365ed7a8714870aeba5ca463f57079a2',
  'charts/mimir-distributed/5.6.0/values.yaml': 'ce117b14a7e5023234ffaa3af343c5327125dfdb56da9ef52342a12f1f832d18',
  'charts/openbao/0.29.2/Chart.yaml': '1c2319cd859c0245e2d359e8c5a994ddf161dc47fa151d3f810d8de55cf50c84',
  'charts/openbao/0.29.2/values.openshift.yaml': 'abe728ea66438ba9a9421a7135c8c712d7c21ec07e89aad1e3dd1edb68c6ca06',
  'charts/openbao/0.29.2/values.schema.json': '2a77b5003139dcfd34666a7e53e841b458f6866e8642fdeb7fb448b103e27dc1',
  'charts/openbao/0.29.2/values.yaml': '8a8c8cf48ceaac0ba40547a1e3f93880144714ef98f2d2fe37cac626f6033c25',
  'charts/plugin-barman-cloud/0.7.0/Chart.yaml': 'b8b398b6a3d972645d2c48158c180f865e0163ea606714e157d78128ce477138',
  'charts/plugin-barman-cloud/0.7.0/values.schema.json': 'f06f753fb236f59c5e0b17ef9de5fd93b47c502940a26d2454bce90773167d09',
  'charts/plugin-barman-cloud/0.7.0/values.yaml': '98213f09b95248f5201bbbde198d37d0c94d8b9d8fddf30139b6cb3d70083927',
  'charts/redis-operator/0.26.1/Chart.yaml': '98dd3b3f925275fe5246487af0d49b42384c75c99989f30527a932ee432fe447',
  'charts/redis-operator/0.26.1/values.yaml': 'ce5d2d5f6867cccf3f21d41dc88c07962ba344dcf28f27b141c9a0b5071490fa',
  'charts/strimzi-kafka-operator/1.2.0/Chart.yaml': 'cd2cc8cea97b221181b62796546168fa83957a5ab5b4c44427f1cbb57f787f93',
  'charts/strimzi-kafka-operator/1.2.0/values.yaml': 'daad8911c0bd0a77b9dd576dcd114a114d3180ebdba767b30673e655dca3e8f9',
  'charts/tekton-operator/0.81.1/Chart.yaml': 'ec33fac7dd426694671b07ee8d52502f729d1bb2df0c3449fd41c0ad009206ec',
  'charts/tekton-operator/0.81.1/values.yaml': 'dc825831fbeef51be5623ea634665bf87446c7c1006fc9fad9388c14247518c8',
  'charts/tempo-distributed/3.3.0/Chart.yaml': 'fff1ad64043484cf1ca8fa711c02ec6d8a7d970d6bffcaffb8228d4461623143',
  'charts/tempo-distributed/3.3.0/values.yaml': '4aa0de659e64dd4837ea51c45a29a33f297a0b9306cb6dcdb3a9cf4765aabffe',
  'charts/velero/12.1.0/Chart.yaml': '947baaa2a2d0f3886f00121b37d8cc703a2a50b7b821f24daa0c156a66f42b0e',
  'charts/velero/12.1.0/values.schema.json': '3ea8040262a908a733bb5763f0810e1aeefbe422b6c6127fe248b9a1a48c7dd3',
  'charts/velero/12.1.0/values.yaml': 'cddd350f3fdcdf8f08d77b8a3f9b9b41436fc4a3bf4bde5911ae5b78cb922d72',
  'charts/ztunnel/1.30.3/Chart.yaml': 'fe887b88403267731f11dee728e21b598fae624f1ebf5025189d06eded720dcc',
  'charts/ztunnel/1.30.3/values.yaml': '84a7da68e6e727211d43d7c4714b60e0619bd8a3dede33c9412bfb47b47ed34e',
  'crds/alloy/chart-1.11.1/monitoring.grafana.com_podlogs.yaml': 'ce3f299373821463734358cd232d0d2d7789c8ed4a37ef6e4ed6a7d2ec9eb5ee',
  'crds/argo-cd/v3.4.4/application-crd.yaml': 'fa8a0c7f8127f85bbbf57467e7c659ec7d47e7d162cc76c1b07482ebf2b98f49',
  'crds/argo-cd/v3.4.4/applicationset-crd.yaml': '51f69883c692698fbcf3c82455c07c0f6413899ac9d96565a9e8395c0196f58d',
  'crds/argo-cd/v3.4.4/appproject-crd.yaml': '7b99337686905b444864c84b1305938a7bfbca9b5f4e2c5d5d2de4acae16ceb3',
  'crds/argo-rollouts/v1.9.0/analysis-run-crd.yaml': 'eb1052e728aeb5e46eb1c1202958585eb48edc5ba25b406b7b41c1049009477d',
  'crds/argo-rollouts/v1.9.0/analysis-template-crd.yaml': '96a871705477bb8876f91630789ce753c8291f0ff5457a8cbc781ff150522369',
  'crds/argo-rollouts/v1.9.0/cluster-analysis-template-crd.yaml': '265283fa1dbf10a6b37c3b1e0ece97fa7fe561ca66da8521ca4b194297b31882',
  'crds/argo-rollouts/v1.9.0/experiment-crd.yaml': '419f87b0f6b1b3bfaf0020d71e2b3fe269e232a344e175d123dadceaa17de7ab',
  'crds/argo-rollouts/v1.9.0/rollout-crd.yaml': 'd79c0dab9bb386b1c9329fb69cf0d843fff2152b3f7916839755c1aabc7387f5',
  'crds/aws-load-balancer-controller/v3.5.0/aga.k8s.aws_globalaccelerators.yaml': '305d35cf4c8d28d230aee9e1366804f9b1ec9f7753d78ec8659a3edbf94b120b',
  'crds/aws-load-balancer-controller/v3.5.0/elbv2.k8s.aws_albtargetcontrolconfigs.yaml': '9f78853c37088c1533f4a90c01fd878c0b65ec6d6905434f727cad903fef390f',
  'crds/aws-load-balancer-controller/v3.5.0/elbv2.k8s.aws_ingressclassparams.yaml': 'ecc9a6272f05b23da799e8c62f2ace623ca7b061e9808fdee50d1ab15dfbd825',
  'crds/aws-load-balancer-controller/v3.5.0/elbv2.k8s.aws_targetgroupbindings.yaml': '0efbdd3d88d29abbdd6feb2c1329dceb5e1b7788644f2d9b0be9158589a98432',
  'crds/aws-load-balancer-controller/v3.5.0/gateway.k8s.aws_listenerruleconfigurations.yaml': '491262254fd755852ee8badf2c2fbbcdc12233c9aa3112c9bccbfe5cffb83767',
  'crds/aws-load-balancer-controller/v3.5.0/gateway.k8s.aws_loadbalancerconfigurations.yaml': '9c2694988752fc9c1acc9840f0db7b62a4d24cfc0288977177039213f72015b1',
  'crds/aws-load-balancer-controller/v3.5.0/gateway.k8s.aws_targetgroupconfigurations.yaml': '562db78fa27798dc7b302c7cb22b44d2dfa370da54503f40a7aa208ef3fc655c',
  'crds/cert-manager/v1.21.1/acme.cert-manager.io_challenges.yaml': 'dff7542a2ee6581e3963a076410212ad3207201b70df8a328aa50826d569161c',
  'crds/cert-manager/v1.21.1/acme.cert-manager.io_orders.yaml': 'b1e9c938b9724482cc0612aac949b40e062001fc9732234c591f24cb9ffc5ca7',
  'crds/cert-manager/v1.21.1/cert-manager.io_certificaterequests.yaml': '74cf3801ab146a1745498de5f3b619cde6f2dc89ae03755084be08129ce726c3',
  'crds/cert-manager/v1.21.1/cert-manager.io_certificates.yaml': '7ad91029c00ec959d54215b19d3b1a9b7e0247eaa60f987151c2b70d8661f8af',
  'crds/cert-manager/v1.21.1/cert-manager.io_clusterissuers.yaml': '30008001b78aafb8e110af61359561104b5fafc3a4dc6ac0013245d0ee3fe4ca',
  'crds/cert-manager/v1.21.1/cert-manager.io_issuers.yaml': '05e37efb02777e0362d24269fa103c2fc11419f9c85e31854ef873e5d9e5c5cc',
  'crds/cloudnative-pg/v1.30.0/postgresql.cnpg.io_backups.yaml': '694bafce2eda4603629657c2141a89189c15250c74215002a6987538d3d78ff5',
  'crds/cloudnative-pg/v1.30.0/postgresql.cnpg.io_clusterimagecatalogs.yaml': 'a409d4e9418110672d14c263793d0458dd328f794caac668671c08c257e762ae',
  'crds/cloudnative-pg/v1.30.0/postgresql.cnpg.io_clusters.yaml': 'ae47f4a00f6e998faef57e480f9a3960cd48ea16a79270861fc7442601507472',
  'crds/cloudnative-pg/v1.30.0/postgresql.cnpg.io_databaseroles.yaml': 'bbe900fb057c5ea29bb3f41537b941eee80f528f22733e54a5b2704c4bd9516d',
  'crds/cloudnative-pg/v1.30.0/postgresql.cnpg.io_databases.yaml': '53f7dfca6d23eb70246f41f1e7db596f8782341cd4fffb6ad990107cc8a588e7',
  'crds/cloudnative-pg/v1.30.0/postgresql.cnpg.io_failoverquorums.yaml': 'c97e5376830385bf47f2d669269e40812ae9251668dbf630d25f94361a82413f',
  'crds/cloudnative-pg/v1.30.0/postgresql.cnpg.io_imagecatalogs.yaml': 'dce0b11005f65a4728144c155a78183169eeb63d42c57b6af6270b4fbdf2b8aa',
  'crds/cloudnative-pg/v1.30.0/postgresql.cnpg.io_poolers.yaml': '9e0dad05355f72dceb154a12b43ebe8a410d470133ad228bf711c1fdee221124',
  'crds/cloudnative-pg/v1.30.0/postgresql.cnpg.io_publications.yaml': '481121c9f7232402726364a7331f8684ce540c45805574e20a11b6dfb36fd2df',
  'crds/cloudnative-pg/v1.30.0/postgresql.cnpg.io_scheduledbackups.yaml': '1dffb969a92ed6b09abe59d9c848ff97c6646c7824e75f8e0b8379df8473a145',
  'crds/cloudnative-pg/v1.30.0/postgresql.cnpg.io_subscriptions.yaml': 'd6ed0223df8a7898ff10b9ca6c2d2543144cade69f351adaff349da6b97458f5',
  'crds/external-dns/chart-1.21.1/dnsendpoints.externaldns.k8s.io.yaml': '96f4383d550a04d7c78b3312edc6e0f9dab9777d8195ff4cfdc76a0ca9587bbe',
  'crds/external-secrets/v2.9.0/external-secrets.io_clusterexternalsecrets.yaml': '9f5563a19efb4bce47f3916937eac160eae1eaec56560e4f6f77b1b2047a8664',
  'crds/external-secrets/v2.9.0/external-secrets.io_clusterpushsecrets.yaml': '04a739caa297b02c7295fb89923fc1e375c6e2beecca8b232fe6bbd98104e5ef',
  'crds/external-secrets/v2.9.0/external-secrets.io_clustersecretstores.yaml': 'f847c69ae317a76527fc37c163ddfe15d9026e14eb47dd325319e914e0433c2a',
  'crds/external-secrets/v2.9.0/external-secrets.io_externalsecrets.yaml': '5044be5a610ca90a075f34f03ed20b462695c43387ba9410db7f4250e47b1e2f',
  'crds/external-secrets/v2.9.0/external-secrets.io_pushsecrets.yaml': '1d97b97b4aca0799bc8dc05d45d34adf2265ae5c3a87268026b6aafb1718f4ec',
  'crds/external-secrets/v2.9.0/external-secrets.io_secretstores.yaml': '7f750858d393913915a2f15daff9e1d2f56ca207c09920c055d7a68cceacb641',
  'crds/external-secrets/v2.9.0/generators.external-secrets.io_acraccesstokens.yaml': '3b0da191e0327a2742596456afddac2d777632a0f12e91bc97c7adb38e664da9',
  'crds/external-secrets/v2.9.0/generators.external-secrets.io_beyondtrustworkloadcredentialsdynamicsecrets.yaml': '5d1e1f798f55d3239db4da6588b024335e6a4313b73a489ba16d29af0ea832c9',
  'crds/external-secrets/v2.9.0/generators.external-secrets.io_cloudsmithaccesstokens.yaml': 'da10466fd30f57619c7380eb2573b3f2be5da62385dcc1c191d3a7b8ac48a8f6',
  'crds/external-secrets/v2.9.0/generators.external-secrets.io_clustergenerators.yaml': 'b6d04f02297d5010f450960d152d0857cf6612b84cd3331752f9ebc67bbd1443',
  'crds/external-secrets/v2.9.0/generators.external-secrets.io_ecrauthorizationtokens.yaml': 'c87b2951b854eac3e02bb05d08b009419f82c5bee07f70692a1a267770568351',
  'crds/external-secrets/v2.9.0/generators.external-secrets.io_fakes.yaml': '94cae0a6c5fd5af5f79bc198d1e4c9dde5ca32aa9715aff1613c6ed1c76ba3f0',
  'crds/external-secrets/v2.9.0/generators.external-secrets.io_gcraccesstokens.yaml': '60ac960640e4b1190ee4d6f6df866abcc2ff257b926732b8d9433113a28f665f',
  'crds/external-secrets/v2.9.0/generators.external-secrets.io_generatorstates.yaml': 'e620aff1177ad76c3556735d8496a0b5f71bc50218d77d1c27a6afae7165d81b',
  'crds/external-secrets/v2.9.0/generators.external-secrets.io_githubaccesstokens.yaml': '6d78b74b9d74011a04947bc9144f9aefa0ada806c79282691f7c0db097286557',
  'crds/external-secrets/v2.9.0/generators.external-secrets.io_gitlabdeploytokens.yaml': '88f8c1dc17268135bff359d8fab254e64ccd0151c8b9545a5f847c6caf0ab496',
  'crds/external-secrets/v2.9.0/generators.external-secrets.io_grafanas.yaml': '27fd48653f2244008a4bd566aaedd2aadbab1fc99c85c2356e0c58ba942f4786',
  'crds/external-secrets/v2.9.0/generators.external-secrets.io_mfas.yaml': 'cba5dbc3ca6d0969c90febc6ed6f375bab6f6a50e0683043ec6a5a7930bf4cc4',
  'crds/external-secrets/v2.9.0/generators.external-secrets.io_passwords.yaml': '72ef666dcd0e24b71a2a8fe122ed01c86203f7a3a323ea90dc77a604b6a263da',
  'crds/external-secrets/v2.9.0/generators.external-secrets.io_quayaccesstokens.yaml': '63c0a99490a089c05c84e447674141b345e2dc7967b75faaa4068cc95a62d6fe',
  'crds/external-secrets/v2.9.0/generators.external-secrets.io_sshkeys.yaml': '2f9cacd20abacbeb756238ac4decef1b2dbc6282a080d5d6a4fa37ee9961fb42',
  'crds/external-secrets/v2.9.0/generators.external-secrets.io_stssessiontokens.yaml': 'c02147c37010e81f36213a2c59aef5be2bff26e58cb25a439b3971b040c7ae08',
  'crds/external-secrets/v2.9.0/generators.external-secrets.io_uuids.yaml': '74b525e87a6a8dc0898f13fc0d53a4cc637280834a73f490af3ff6164f7604f1',
  'crds/external-secrets/v2.9.0/generators.external-secrets.io_vaultdynamicsecrets.yaml': '1a7cdfe705d3420c27f996602bd613d44a22a0b10a73751bf6154ab1cd6288fe',
  'crds/external-secrets/v2.9.0/generators.external-secrets.io_webhooks.yaml': '82b412a5fd5f330b1cbc394ecba8e7b1677a06d68b0189f93f4c1a14ed3098f6',
  'crds/external-snapshotter/v8.6.0/snapshot.storage.k8s.io_volumesnapshotclasses.yaml': '75e6565aac2c0f2949ed13ea884bbaa388cb7be576b558b709cf1168e011828d',
  'crds/external-snapshotter/v8.6.0/snapshot.storage.k8s.io_volumesnapshotcontents.yaml': '895a3c1e73b60f06a0deb566dd123d01bdf1b2efc5d5ff5231ff8bbcf42dafc7',
  'crds/external-snapshotter/v8.6.0/snapshot.storage.k8s.io_volumesnapshots.yaml': 'b032116e987fb1d7d93cec7d942833adeb9d95c9bdc7e00c10b280c2fe4a6c33',
  'crds/gatekeeper/v3.23.0/assign-customresourcedefinition.yaml': '701e69df5a12599d13033aff0133f36338cdd66426635dc955d92675409e931c',
  'crds/gatekeeper/v3.23.0/assignimage-customresourcedefinition.yaml': 'f66d9883f636a5dfa4a4ec090957aee88bdd636f2db90d80acd5a67bbb0e073b',
  'crds/gatekeeper/v3.23.0/assignmetadata-customresourcedefinition.yaml': 'd84a4bb3cf60c2276061afcffbfe193ce756b9665a4db0c42a56bacd8e88131f',
  'crds/gatekeeper/v3.23.0/config-customresourcedefinition.yaml': '57275b6324bd9440a999aa00ee21d3b421a5334d08a2d3d74b197bef382842aa',
  'crds/gatekeeper/v3.23.0/configpodstatus-customresourcedefinition.yaml': 'a75a0aaacb791c3245818628c4f74705395b73ae66cdf7d881571e2bcf35c5de',
  'crds/gatekeeper/v3.23.0/connection-customresourcedefinition.yaml': '2db43f9b32a810446d73b384772f5a925c9193584809ab1859894f16c3998674',
  'crds/gatekeeper/v3.23.0/connectionpodstatus-customresourcedefinition.yaml': 'e6d2d40c5767fb6853b97da9c0dcbe1220acc7afec56c405152d02c94630e5e4',
  'crds/gatekeeper/v3.23.0/constraintpodstatus-customresourcedefinition.yaml': '1fd59b7ef318198809cc38deaf1bf767977ea0a876b1254dedd7f3b203c864c1',
  'crds/gatekeeper/v3.23.0/constrainttemplate-customresourcedefinition.yaml': '17006cca906a2d06c0d9db6bac46ef6e6b97d31db9270ed274cc0b45d8502f6d',
  'crds/gatekeeper/v3.23.0/constrainttemplatepodstatus-customresourcedefinition.yaml': 'f8d8a1d55a971541254dc83d6d161699bcb06a72328ef540f18575a00429e192',
  'crds/gatekeeper/v3.23.0/expansiontemplate-customresourcedefinition.yaml': '99397c44c105be05e06b33249f3c187a55dbaf12964f2f53663d2cdb5f5cdb76',
  'crds/gatekeeper/v3.23.0/expansiontemplatepodstatus-customresourcedefinition.yaml': '94130dcfa2a25dbaa68bec79ba8b513d95bb8c6f2acfce6e87b7a8b158a6182e',
  'crds/gatekeeper/v3.23.0/modifyset-customresourcedefinition.yaml': 'ccd399d821599bc57a1f92877e3e3ec2ea5783a7644ebe9c6bb98855eee1d141',
  'crds/gatekeeper/v3.23.0/mutatorpodstatus-customresourcedefinition.yaml': 'c90873b4ceedc1f89e705b52a94e4e50dbe38f131db9f557721a65314fa65695',
  'crds/gatekeeper/v3.23.0/provider-customresourcedefinition.yaml': 'f5b2e4c732285c0bc58e4ecc4d802de0041a2648b7bd83daed5bacc61011f254',
  'crds/gatekeeper/v3.23.0/providerpodstatus-customresourcedefinition.yaml': '3eec1897a1b4fa751f44d81e7118ab344a31d75e3d48a4f7353cb6dfc12ff22e',
  'crds/gatekeeper/v3.23.0/syncset-customresourcedefinition.yaml': 'b64be2a7348f529eac2ed0c5022c9c8e062ce9be8ddf0b3a0b587bcf742a1b36',
  'crds/gateway-api/v1.5.1/gateway.networking.k8s.io_backendtlspolicies.yaml': '9b8818172153d72f9c84032db0be0a4a657277d13f5bbc22226ad9481ff57971',
  'crds/gateway-api/v1.5.1/gateway.networking.k8s.io_gatewayclasses.yaml': '234ad4b2757ee1b3596a4187bb98df071c5bbdd9e1806f692f2dbf8387e6bef4',
  'crds/gateway-api/v1.5.1/gateway.networking.k8s.io_gateways.yaml': '7416e8300eb4d8c0a71a23445609075bbacbe8bc80104584b019cfe1ebe77c31',
  'crds/gateway-api/v1.5.1/gateway.networking.k8s.io_grpcroutes.yaml': '979f4125d44d3df24659ba00d1d04ff8e76c45423193e8aae82dd5810d7827df',
  'crds/gateway-api/v1.5.1/gateway.networking.k8s.io_httproutes.yaml': '682203b109baecb18d38073a578f7bc2c17d22fe9b0c27bf030850abe014c370',
  'crds/gateway-api/v1.5.1/gateway.networking.k8s.io_listenersets.yaml': '9221468d19fdfbb0026113b1ef64abac64f27607975aff2410361b8b38f0e0bb',
  'crds/gateway-api/v1.5.1/gateway.networking.k8s.io_referencegrants.yaml': 'a8902c486eed0b7339f5bb8a476ccaba0918eb038048402bdc01cbb69b0fbb51',
  'crds/gateway-api/v1.5.1/gateway.networking.k8s.io_tlsroutes.yaml': '818e4827c469a40e2527a2851591e656782c50fea8dd44812c900d219da09345',
  'crds/gateway-api/v1.5.1/gateway.networking.k8s.io_vap_safeupgrades.yaml': '981a4da92706cb567c051e006ff229429947f054b90cd0719c297abe14f958a1',
  'crds/istio/1.30.3/crd-all.gen.yaml': 'dcb43ff6b9af2f629b80b6a82597f5a91db259c757e66cc5353ac007da28351a',
  'crds/karpenter/v1.14.1/autoscaling.x-k8s.io_capacitybuffers.yaml': '66fd5680b902b38fb9657ad2b432196a06c42b37d078e53be2e39909200a6342',
  'crds/karpenter/v1.14.1/karpenter.k8s.aws_ec2nodeclasses.yaml': '62dec59f01c0972d4503ca3ed25f243ba9c2f561be0d964ce7a14c8df406132f',
  'crds/karpenter/v1.14.1/karpenter.sh_nodeclaims.yaml': '96037dc241031fe0f7a09ddf78183d885ce6a1dfe115f7b3fbf8a12c564be694',
  'crds/karpenter/v1.14.1/karpenter.sh_nodeoverlays.yaml': '6ff6199aff096cc87cd9508f8c5ae62c6d3452aa90c2828ee36380340f3ece62',
  'crds/karpenter/v1.14.1/karpenter.sh_nodepools.yaml': '3bb64a20c80776b77aa19a699ebdaf34480a7b2e7ec4ef890b43225b3517f878',
  'crds/plugin-barman-cloud/v0.14.0/barmancloud.cnpg.io_objectstores.yaml': '7c98720494253421339acd03aa77487869326ea20d4768a0c3aef8ff076daaef',
  'crds/prometheus-operator/v0.93.1/crd-alertmanagerconfigs.yaml': '8b99c40209fe22cf825ac86aca786d4864f627fde51b1eb5316bda78cd4080d0',
  'crds/prometheus-operator/v0.93.1/crd-alertmanagers.yaml': 'afe1da0b7be024c656a7ae387576caac97c3f057b953e169ffa9fee854417496',
  'crds/prometheus-operator/v0.93.1/crd-podmonitors.yaml': '41de2587baafa31240438654a3ae5dc19ef40296c31cb186855fa4ce85b03fb9',
  'crds/prometheus-operator/v0.93.1/crd-probes.yaml': 'ecdd35902462d861ea824669008546563c5c0b3308e58622865c83d5b0475262',
  'crds/prometheus-operator/v0.93.1/crd-prometheusagents.yaml': '62f6cdac08e5c188d9ed3873f252708b91d4cc984996948566402c02c89e5ddf',
  'crds/prometheus-operator/v0.93.1/crd-prometheuses.yaml': '69e7ba4f57570bf1181f7f63aab42fd916caccf6a9c5bc8519ff55b64a9ac147',
  'crds/prometheus-operator/v0.93.1/crd-prometheusrules.yaml': '72b1e5f9959e67990d1598eb31b24ca4415007e31df3916356ef216316b2bf40',
  'crds/prometheus-operator/v0.93.1/crd-scrapeconfigs.yaml': '64d41ae0db231a1db450b3b268bc99a29cdc8b5f11f3cb62be140e91e0a36838',
  'crds/prometheus-operator/v0.93.1/crd-servicemonitors.yaml': '3322d612f23bf144c887c94bf247b0b4a69189adf37c0d482d2c6267ffe906ab',
  'crds/prometheus-operator/v0.93.1/crd-thanosrulers.yaml': '5c4e7bad31aedf4f5d77a1c30d4ea4b288bedf86fa2e77588d068057d5b00628',
  'crds/redis-operator/v0.26.0-HEAD-5dd04e17/redis.redis.opstreelabs.in_redis.yaml': 'aaaaf9291a7de39011f112e41c7909fa1ce121908e98fab0cdb1f11c961bfeb6',
  'crds/redis-operator/v0.26.0-HEAD-5dd04e17/redis.redis.opstreelabs.in_redisclusters.yaml': '3b115f96ad874793f483f13f332bb89fa1973451cac72213a05d0aa8f90f446f',
  'crds/redis-operator/v0.26.0-HEAD-5dd04e17/redis.redis.opstreelabs.in_redisreplications.yaml': '1d62dfc5638de69a71b3610752c455ee3aa16a1db853d5e3f2c9e4e2d8bdbbcd',
  'crds/redis-operator/v0.26.0-HEAD-5dd04e17/redis.redis.opstreelabs.in_redissentinels.yaml': '5b119926c54876486817e54213214516cb96c3e451c159ec2f54f00aafea1754',
  'crds/strimzi/1.2.0/040-Crd-kafka.yaml': 'b5b27fc8d52068a77cde7c40d47c068023c7b4e92fc266c45200db2d2506392a',
  'crds/strimzi/1.2.0/041-Crd-kafkaconnect.yaml': '00339af1b873aefbfc4406ef251d03d0928a8d7f6a85c45bd322080e21d6f3be',
  'crds/strimzi/1.2.0/042-Crd-strimzipodset.yaml': 'e669bc6b5bbebd4dd911e5ad0b9817cbbee9b920f1a8a1ab0fc8dda116bb2fc8',
  'crds/strimzi/1.2.0/043-Crd-kafkatopic.yaml': '36390f0731c699448076d4ee739e8b7f331d083e91a7fb71500aaa830ab1127e',
  'crds/strimzi/1.2.0/044-Crd-kafkauser.yaml': 'c7e91b9b027a516b43dc7d369e781ee23a6ea177ae15fe0c33af6f722e26e05f',
  'crds/strimzi/1.2.0/045-Crd-kafkanodepool.yaml': '411c1b32ef8c1a6408ac9d4fe791115a6ce2b41107204588f976a3ed19be2430',
  'crds/strimzi/1.2.0/046-Crd-kafkabridge.yaml': '0b20cb76e3217b9183a40464b51e2344cbd672bdf5bab33f39c9f67e9326a411',
  'crds/strimzi/1.2.0/047-Crd-kafkaconnector.yaml': '8050325edfec7ac90718f9e40f3f808b5489d7ae6c11b1634bc82426955b8fff',
  'crds/strimzi/1.2.0/048-Crd-kafkamirrormaker2.yaml': 'ca92dcb51e1982838150682d6de820392d3f046adf4ec9a9f049b522c90cb3e0',
  'crds/strimzi/1.2.0/049-Crd-kafkarebalance.yaml': 'e84ffcd975c62025436ead73298c53b3e3409746986295d57dc156b6710201b2',
  'crds/tekton-operator/v0.81.1/operator.tekton.dev_manualapprovalgates.yaml': '2c956a713ba591e054df947c9f49da92714b034affa72f10afa4078b6b17975d',
  'crds/tekton-operator/v0.81.1/operator.tekton.dev_openshiftpipelinesascodes.yaml': 'c3b6220378a1dd4aeec186596ec1a654022dbf7792fdebfb4e7a3d5499bcea5d',
  'crds/tekton-operator/v0.81.1/operator.tekton.dev_syncerservices.yaml': 'ab244d05bd0d6bd4bfa387f3933a5b8b3a771ec096eeca740f8e68f02ede0bb8',
  'crds/tekton-operator/v0.81.1/operator.tekton.dev_tektonaddons.yaml': '7281da91a137286544ff5f90bf6e29ad18f268f40f2075a72d32e1792cd8b4da',
  'crds/tekton-operator/v0.81.1/operator.tekton.dev_tektonchains.yaml': '25892cbc6736af87331795b31072cfc9d320ed67601a44789571927a247d0a98',
  'crds/tekton-operator/v0.81.1/operator.tekton.dev_tektonconfigs.yaml': '929772e03b82ce5980c165828409be35dc88b5b01e06e73837898ffae7d27ae4',
  'crds/tekton-operator/v0.81.1/operator.tekton.dev_tektondashboards.yaml': 'cbbb6bd53dbb433471ef65b7a7160f7181b80b5ed238f391a7677be26be6f0f2',
  'crds/tekton-operator/v0.81.1/operator.tekton.dev_tektoninstallersets.yaml': 'ed735bf1d8d051f33052e229d8773bccb1126c51f25086398b5e6094a5998399',
  'crds/tekton-operator/v0.81.1/operator.tekton.dev_tektonmulticlusterproxyaaes.yaml': 'e210193df411c98b0b5171f66abcc4a12f9967d7fbad4eef1130608d6200e836',
  'crds/tekton-operator/v0.81.1/operator.tekton.dev_tektonpipelines.yaml': '6103abff1123493bdefc03cc2da5830887350ebe04f440bd434fa370bdec05be',
  'crds/tekton-operator/v0.81.1/operator.tekton.dev_tektonpruners.yaml': 'f058dc59d9899147ec080411a19ec5e15ef3ad51399780c6db00006089bc85fb',
  'crds/tekton-operator/v0.81.1/operator.tekton.dev_tektonresults.yaml': 'a007ed92e60866640a5f3e8360b049295359b9cdcf2af2b32ae2661a92f57e1f',
  'crds/tekton-operator/v0.81.1/operator.tekton.dev_tektonschedulers.yaml': '2a78352b580aed9e454da1c84f5ca3a7f72a8f4edc939c53d0c77e1f5a1e3364',
  'crds/tekton-operator/v0.81.1/operator.tekton.dev_tektontriggers.yaml': '5fdfcc235e5f0200f55f43966aceedb08fbe890b84a948249fb75339bae3566c',
  'crds/tekton-pipeline/v1.15.0/300-customrun.yaml': '3d72dbef5a711344e445a20ac6ae222487126239ee9cbbebbe5d0d6cff3d7ea6',
  'crds/tekton-pipeline/v1.15.0/300-pipeline.yaml': '529a6caae1d106b4eb246d11a42f236e64562baa5a435833ae828d4dd48f6671',
  'crds/tekton-pipeline/v1.15.0/300-pipelinerun.yaml': 'fc416ea4e2cb9e9a0d996cb192c7b5bc9f17b70b7ea962bde212b7b231453a3b',
  'crds/tekton-pipeline/v1.15.0/300-resolutionrequest.yaml': 'b58b52478a0bc158e04ce580f651d38103dcbac1e9186ff5e4810a6747089aae',
  'crds/tekton-pipeline/v1.15.0/300-stepaction.yaml': 'acd3155fc4bf4f01a1acf5824b6aa87d3265e1041b4f1f6825a16ec5b6ae1acf',
  'crds/tekton-pipeline/v1.15.0/300-task.yaml': '7d5659628e9abc63050f3d5718aeba20d10c94a9e30201f0a818b7b0609f0274',
  'crds/tekton-pipeline/v1.15.0/300-taskrun.yaml': '4e661963b0d441c731182de81274b349c4731299c98c53d6355069034b7742fb',
  'crds/tekton-pipeline/v1.15.0/300-verificationpolicy.yaml': 'c985b23f68318029d438025d255d84564d59bb884be112c6a84d278f43040bfb',
  'crds/tekton-triggers/v0.37.0/300-clusterinterceptor.yaml': 'a5763f48dc27253c9c6571ff76dc9233a9d758961e6c8a67ee64396054edfa44',
  'crds/tekton-triggers/v0.37.0/300-clustertriggerbinding.yaml': 'bceacc3ff07d24cea487e7aefb380650c1b4f1bc78a1696cd429875c5908c7f8',
  'crds/tekton-triggers/v0.37.0/300-eventlistener.yaml': 'a6c66b84f935c491a7a91e16e7aebe1aeab8d35b6c9b7240f9028af02e896948',
  'crds/tekton-triggers/v0.37.0/300-interceptor.yaml': 'd2f3ea55300f67cd97d933c48f1655a963aa58533ccf2cfa891aa2ed38333bf0',
  'crds/tekton-triggers/v0.37.0/300-trigger.yaml': 'af3acc2fcc6411ef7073b69d8bb3d673b9938490fabcaa8fadeb1b59b67de2e4',
  'crds/tekton-triggers/v0.37.0/300-triggerbinding.yaml': '9650eec5a72d0f332b1f240aa880ac2decec2174f8ecf63a402c67afdeefc414',
  'crds/tekton-triggers/v0.37.0/300-triggertemplate.yaml': 'ecbf0f112e0bed90efc7b9ecf21c16746ec11325decde86b60cb95b6d545c203',
  'crds/velero/v1.18.1/velero.io_backuprepositories.yaml': 'a269b5e2949ba3207dd3323fdd17cd5dfd8dfafac5b9b01f2ad6409da4d56e65',
  'crds/velero/v1.18.1/velero.io_backups.yaml': '38107fa5fad6bff25794489d12c8a898eed4d9d89ed49d00ea90369bc4e206b1',
  'crds/velero/v1.18.1/velero.io_backupstoragelocations.yaml': 'bd6e8fb1169d6e9299f49090f86cb9aa263a9e67314013ba231e93ba74485eba',
  'crds/velero/v1.18.1/velero.io_datadownloads.yaml': '2665604bf20360a2216c33057d95d7820c9fdc1c9b7e2ee4b4de8ed7244177e1',
  'crds/velero/v1.18.1/velero.io_datauploads.yaml': '64457a986612875e20a9c38da16f7377bd3c08f06a88dff41aaeb94ee20c595b',
  'crds/velero/v1.18.1/velero.io_deletebackuprequests.yaml': 'c3e027086585c15a3b05b5596bcf3b6fed2dad9fdc8dea8cbcfb0abd5fc2ab50',
  'crds/velero/v1.18.1/velero.io_downloadrequests.yaml': '329b4ecc223a478da489bf79e4a8d9710513b1d17527de18aa1275b5c7538119',
  'crds/velero/v1.18.1/velero.io_podvolumebackups.yaml': '09ce164be8559b6f6f6de314afd796071435daa9e4ce4343879443ea69f4d28d',
  'crds/velero/v1.18.1/velero.io_podvolumerestores.yaml': '39987e95bb16e5119b67f9a9664ad04d9f5cb1e9cf44bdf22276bd00106f8cdb',
  'crds/velero/v1.18.1/velero.io_restores.yaml': '55ef18748fbb16ed5d585ca33a9f35ba43a5b6ebac712522e93d8e0426da3258',
  'crds/velero/v1.18.1/velero.io_schedules.yaml': 'd2276c19d93b63ed848fb492a0f34a2ac1e162938bed499a824acf356b5860c9',
  'crds/velero/v1.18.1/velero.io_serverstatusrequests.yaml': '3e1b02454ed384a5fc72dccf6273328ba10a74c05bbff05cb92e6da0e747b22d',
  'crds/velero/v1.18.1/velero.io_volumesnapshotlocations.yaml': 'ec1b87c3f1b83053e97e01edf3aa059dff2bcb73c9d8a89bc08a5e8644777849',
  'examples/tekton-operator/v0.81.1/tektonconfig-all.yaml': '17d4e55ac4a42c4d6d562b2bf73c607272b19c38f7bd782f782b041102ab63c7',
  'examples/tekton-operator/v0.81.1/tektonconfig-basic.yaml': 'a3057f9bfbd71e46b390d05a512f18f9404f0da2854da40cfa1e3df4540be5af',
  'examples/tekton-operator/v0.81.1/tektonconfig-lite.yaml': '4cc35e996ba69bbbf3f112008530487cb1339c22670d5d5889884022279db2b8',
  'kubernetes/v1.33.0/_definitions.json': '58ea1d4c5b1c7d13fecab9aaad1a2a3187607b704219ddf1794211bfcb3cdb12',
  'kubernetes/v1.34.0/_definitions.json': '20c1170fc31e4e0021067e9d9c4969eee2ad54bbf851cb83239d69438a3de774',
  'kubernetes/v1.35.0/_definitions.json': '8390593209c0aa7d759c14b4f8609f2f7b1ecb010d1b99cf1ce29643a14870bb',
  'kubernetes/v1.36.0/_definitions.json': 'a9e98cdc6ab09980f23b5e987a5f11d0ec1fc838187efb92f347ccf38ed8fd65',
};

/** `<sha256>  [./]<path>` lines -> Map(path -> sha256). */
export function parseSums(text) {
  const sums = new Map();
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]{64})\s+\*?(?:\.\/)?(.+)$/.exec(line.trim());
    if (m) sums.set(m[2], m[1]);
  }
  return sums;
}

/** The pinned files as a Map(path -> sha256). */
export function pinnedFiles() {
  return new Map(Object.entries(PINNED));
}

/** The source whose local folder is the longest prefix of `path`. */
export function sourceFor(path) {
  return SOURCES.filter((s) => path.startsWith(`${s.local}/`)).sort((a, b) => b.local.length - a.local.length)[0];
}

/** The raw.githubusercontent.com URLs a file is tried from (in order), at the source's pinned commit. */
export function urlsFor(path) {
  const source = sourceFor(path);
  if (!source) return [];
  const name = path.slice(source.local.length + 1);
  const upstreamName = source.rename ? source.rename(name) : name;
  return source.dirs.map((d) => `https://raw.githubusercontent.com/${source.repo}/${source.commit}/${d}/${upstreamName}`);
}

export function sha256(buffer) {
  return createHash('sha256').update(buffer).digest('hex');
}

/** True when `<target>/<path>` exists and has the expected sha256. */
export function isVerified(target, path, expected) {
  const file = join(target, path);
  return existsSync(file) && sha256(readFileSync(file)) === expected;
}

/**
 * Brings `target` in line with `files` (Map path -> expected sha256): a file that already verifies is
 * skipped (a CI cache hit downloads nothing); any other is downloaded from its pinned URL(s), verified,
 * and written atomically. A checksum mismatch is an error, and the file is not written.
 * @param fetchImpl `(url) => Promise<Buffer | undefined>` (undefined = 404, try the next URL)
 * @returns `{ fetched: string[], skipped: string[], errors: string[] }`
 */
export async function syncFiles({ target, files, fetchImpl, log = () => {} }) {
  const fetched = [];
  const skipped = [];
  const errors = [];
  for (const [path, expected] of [...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (isVerified(target, path, expected)) {
      skipped.push(path);
      log(`ok       ${path}`);
      continue;
    }
    const urls = urlsFor(path);
    if (urls.length === 0) {
      errors.push(`${path}: no upstream source known (add it to SOURCES in tools/scripts/fetch-upstream.lib.mjs)`);
      continue;
    }
    try {
      let body;
      let from;
      for (const url of urls) {
        body = await fetchImpl(url);
        if (body) {
          from = url;
          break;
        }
      }
      if (!body) {
        errors.push(`${path}: not found upstream (${urls.join(', ')})`);
        continue;
      }
      const actual = sha256(body);
      if (actual !== expected) {
        errors.push(`${path}: sha256 ${actual} does not match the pinned ${expected}; from ${from}`);
        continue;
      }
      const dest = join(target, path);
      mkdirSync(dirname(dest), { recursive: true });
      writeFileSync(`${dest}.tmp`, body);
      renameSync(`${dest}.tmp`, dest);
      fetched.push(path);
      log(`verified ${path}`);
    } catch (err) {
      errors.push(`${path}: ${err.message}`);
    }
  }
  return { fetched, skipped, errors };
}

/** SHA256SUMS text for a Map(path -> sha256), in code-unit order of the paths. */
export function formatSums(files) {
  return [...files.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([p, sha]) => `${sha}  ./${p}\n`)
    .join('');
}
