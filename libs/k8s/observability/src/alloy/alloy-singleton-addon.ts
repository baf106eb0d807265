import { ALLOY_SINGLETON, clusterName, type EnvironmentConfig } from '@platform/config';
import { Addon, EGRESS_KUBE_API, type ServiceEndpoint } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import { OBSERVABILITY_NAMESPACES } from '../namespaces';
import { singletonPipeline } from './alloy-pipelines';
import { dockerHubCache } from '../pull-through-image';
import { alloyReleaseValues } from './alloy-release';
import type { AlloyValues } from './alloy-values';

export interface AlloySingletonAddonProps {
  readonly env: EnvironmentConfig;
  /** kube-prometheus-stack (PrometheusRule CRD) and the stores. */
  readonly dependsOn: readonly Addon[];
  readonly lokiPush: ServiceEndpoint;
  /** Mimir ruler API (`MimirAddon.rulerEndpoint`). */
  readonly mimirRuler: ServiceEndpoint;
}

/**
 * Exactly one Alloy replica: Kubernetes events to Loki and every PrometheusRule to the Mimir ruler.
 * A second replica would duplicate each event and race on the rule groups, so it has no `replicas` field.
 */
export class AlloySingletonAddon extends Addon<AlloyValues> {
  constructor(scope: Construct, id: string, props: AlloySingletonAddonProps) {
    const { env } = props;
    const ns = OBSERVABILITY_NAMESPACES;
    super(scope, id, {
      env,
      declaration: ALLOY_SINGLETON,
      dependsOn: props.dependsOn,
      // shares the alloy namespace with the collector (declared there); only its own flows are added
      namespace: {
        name: ns.alloy,
        podSelector: { 'app.kubernetes.io/instance': ALLOY_SINGLETON.name },
        egress: [
          EGRESS_KUBE_API,
          { description: 'push events to Loki', peer: { namespace: props.lokiPush.namespace }, ports: [{ port: props.lokiPush.port }] },
          { description: 'load rule groups into the Mimir ruler', peer: { namespace: props.mimirRuler.namespace }, ports: [{ port: props.mimirRuler.port }] },
        ],
      },
      chart: {
        values: alloyReleaseValues({
          dockerHub: dockerHubCache(env),
          name: ALLOY_SINGLETON.name,
          pipeline: singletonPipeline({ cluster: clusterName(env), lokiPush: props.lokiPush, mimirRuler: props.mimirRuler }),
          controller: 'deployment',
          replicas: 1,
          clustering: false,
          rbacRules: [],
          clusterRules: [
            { apiGroups: [''], resources: ['events', 'namespaces'], verbs: ['get', 'list', 'watch'] },
            { apiGroups: ['monitoring.coreos.com'], resources: ['prometheusrules'], verbs: ['get', 'list', 'watch'] },
          ],
          resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '256Mi' } },
        }),
      },
    });
  }
}
