import { ACME_SERVERS, CERT_MANAGER, type EnvironmentConfig, podIdentityEntry } from '@platform/config';
import type { PriorityClassName } from '@platform/k8s-baseline';
import { Addon, EGRESS_AWS_APIS, EGRESS_KUBE_API, ingressWebhook, type MetricsScraper, type NetworkRule, scrapeIngress } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import { zoneSpread } from '../zone-spread';
import type { CertManagerValues, ComponentResources } from './cert-manager-values';
import { PlatformCertificate, type PlatformCertificateProps } from './platform-certificate';
import { PlatformClusterIssuers } from './platform-cluster-issuers';

/** Pod identity contract entry of cert-manager (permission `route53-dns01`). */
export const CERT_MANAGER_POD_IDENTITY = 'cert-manager';
/** Webhook port. @see values.yaml `webhook.securePort` */
export const CERT_MANAGER_WEBHOOK_PORT = 10250;
/** Container port `http-metrics` of the controller, webhook and cainjector (chart templates). @see values.yaml `prometheus` */
export const CERT_MANAGER_METRICS_PORT = 9402;
/** Issuance of webhook and OpenBao certificates must survive node pressure. */
export const CERT_MANAGER_PRIORITY_CLASS: PriorityClassName = 'platform-critical';
/** Image repositories of chart v1.21.1 (`imageRegistry`/`imageNamespace` + `image.name`), spelled out so `nx validate` checks them. */
export const CERT_MANAGER_IMAGE_REPOSITORY = 'quay.io/jetstack';

const CONTROLLER_RESOURCES: ComponentResources = { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '512Mi' } };
const SMALL_RESOURCES: ComponentResources = { requests: { cpu: '20m', memory: '64Mi' }, limits: { memory: '256Mi' } };

/** Pod labels of each component (chart `_helpers.tpl` selector labels), for the zone spread. */
const componentLabels = (name: string, component: string): Record<string, string> => ({ 'app.kubernetes.io/name': name, 'app.kubernetes.io/component': component, 'app.kubernetes.io/instance': CERT_MANAGER.name });

export interface CertManagerAddonProps {
  readonly env: EnvironmentConfig;
  readonly dependsOn: readonly Addon[];
}

/**
 * cert-manager with its CRDs (the chart's `crds.enabled`, kept on uninstall), running as the contract
 * ServiceAccount (Route 53 DNS-01 through Pod Identity), `security.certManager.replicas` per component
 * spread across zones, and in `kubernetes/addons/cert-manager/` the `letsencrypt` and `platform-ca`
 * ClusterIssuers. `enableGatewayAPI` stays off: the mesh's Gateway certificates are requested as
 * `Certificate`s (DNS-01 needs no HTTPRoute), so cert-manager needs no Gateway API informers.
 */
export class CertManagerAddon extends Addon<CertManagerValues> {
  // grow with scrapeMetrics (the collector is composed later); read when the baseline and the Applications render
  private readonly ingress: NetworkRule[];
  private readonly dependencies: Addon[];
  private readonly serviceMonitor: { enabled: boolean };

  constructor(scope: Construct, id: string, props: CertManagerAddonProps) {
    const { env } = props;
    const { replicas, acmeServer, acmeEmail } = env.security.certManager;
    const entry = podIdentityEntry(env, CERT_MANAGER_POD_IDENTITY);
    const component = (name: string, comp: string, image: string, resources: ComponentResources) => ({
      replicaCount: replicas,
      podDisruptionBudget: replicas > 1 ? { enabled: true, minAvailable: 1 } : { enabled: false },
      image: { repository: `${CERT_MANAGER_IMAGE_REPOSITORY}/${image}` },
      resources,
      topologySpreadConstraints: zoneSpread(componentLabels(name, comp), replicas),
    });
    const ingress: NetworkRule[] = [{ ...ingressWebhook(CERT_MANAGER_WEBHOOK_PORT), pods: { name: 'webhook', labels: componentLabels('webhook', 'webhook') } }];
    const dependencies: Addon[] = [...props.dependsOn];
    const serviceMonitor = { enabled: false };
    super(scope, id, {
      env,
      declaration: CERT_MANAGER,
      dependsOn: dependencies,
      // the CRDs are templates of the chart: deleting the Application must not delete every Certificate
      cascadeDelete: false,
      namespace: {
        name: entry.namespace,
        ingress,
        egress: [
          EGRESS_KUBE_API,
          { ...EGRESS_AWS_APIS, description: 'Route 53 API (DNS-01 records) and the ACME directory over HTTPS' },
          { description: 'DNS-01 propagation self-check against the authoritative name servers of the zone', peer: 'anywhere', ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] },
        ],
      },
      chart: {
        values: {
          global: { priorityClassName: CERT_MANAGER_PRIORITY_CLASS, leaderElection: { namespace: entry.namespace } },
          crds: { enabled: true, keep: true },
          ...component('cert-manager', 'controller', 'cert-manager-controller', CONTROLLER_RESOURCES),
          serviceAccount: { create: false, name: entry.serviceAccount },
          extraArgs: ['--logging-format=json'],
          webhook: { ...component('webhook', 'webhook', 'cert-manager-webhook', SMALL_RESOURCES), securePort: CERT_MANAGER_WEBHOOK_PORT },
          cainjector: component('cainjector', 'cainjector', 'cert-manager-cainjector', SMALL_RESOURCES),
          acmesolver: { image: { repository: `${CERT_MANAGER_IMAGE_REPOSITORY}/cert-manager-acmesolver` } },
          startupapicheck: { enabled: false },
          prometheus: { enabled: true, servicemonitor: serviceMonitor },
        },
      },
    });
    new PlatformClusterIssuers(this.manifestFile('cluster-issuers'), 'issuers', {
      environment: env.name,
      acmeServerUrl: ACME_SERVERS[acmeServer],
      acmeEmail,
      region: env.aws.region,
      domain: env.dns.domain,
      hostedZoneId: env.dns.hostedZoneId,
    });
    this.ingress = ingress;
    this.dependencies = dependencies;
    this.serviceMonitor = serviceMonitor;
  }

  /**
   * Enables the chart's ServiceMonitor over the controller, webhook and cainjector (`certmanager_certificate_*`,
   * which `CertificateExpiresSoon`/`CertificateNotReady` read), admits the collector on
   * {@link CERT_MANAGER_METRICS_PORT} and syncs after the monitor CRDs (the chart's ServiceMonitor template is not
   * guarded by the cluster's API versions).
   * @throws Error when called twice
   */
  public scrapeMetrics(scraper: MetricsScraper): void {
    if (this.serviceMonitor.enabled) throw new Error(`${this.env.name}: cert-manager: the metrics scrape is already enabled`);
    this.serviceMonitor.enabled = true;
    this.dependencies.push(scraper.monitoringCrds);
    this.ingress.push(scrapeIngress(scraper, 'cert-manager controller, webhook and cainjector (ServiceMonitor)', [CERT_MANAGER_METRICS_PORT]));
  }

  /**
   * Issues a certificate from this add-on's manifests (`kubernetes/addons/cert-manager/certificates.yaml`),
   * so it exists before any add-on that depends on cert-manager syncs: for workloads that mount their
   * certificate at start (a missing Secret would keep their pods from starting, and ArgoCD would wait on
   * them before applying the add-on's own manifests).
   * @throws Error from PlatformCertificate (no DNS name)
   */
  public issueCertificate(id: string, props: PlatformCertificateProps): PlatformCertificate {
    return new PlatformCertificate(this.manifestFile('certificates'), id, props);
  }
}
