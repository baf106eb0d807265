import type { ChartCoordinates, EnvironmentConfig } from '@platform/config';
import { Application } from '@platform/k8s-imports/argoproj.io';
import { Construct } from 'constructs';
import { ARGOCD_NAMESPACE } from './argocd-settings';
import { RESOURCES_FINALIZER } from './root-application';
import { applicationSyncPolicy } from './sync-policy';

export interface HelmApplicationProps {
  readonly env: EnvironmentConfig;
  /** Application name; also the Helm release name. */
  readonly name: string;
  readonly project: string;
  readonly chart: ChartCoordinates;
  /** Destination namespace of the chart's resources. */
  readonly namespace: string;
  /** Inline Helm values (`spec.source.helm.valuesObject`). */
  readonly values: object;
  /** ArgoCD sync wave. @default 0 */
  readonly syncWave?: number;
  /** @default false */
  readonly serverSideApply?: boolean;
  /** Do not install the chart's `crds/` folder (a CRD-only chart owns them). @default false */
  readonly skipCrds?: boolean;
  /** Extra labels, e.g. `platform.io/addon`. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * An ArgoCD Application that installs one pinned upstream Helm chart with inline values.
 * @throws Error naming `chart.version` when it is not an exact version
 */
export class HelmApplication extends Construct {
  public readonly application: Application;

  constructor(scope: Construct, id: string, props: HelmApplicationProps) {
    super(scope, id);
    if (!/^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(props.chart.version)) {
      throw new Error(`${props.env.name}: HelmApplication ${props.name}: chart.version "${props.chart.version}" must be an exact version (no ranges)`);
    }
    this.application = new Application(this, 'app', {
      metadata: {
        name: props.name,
        namespace: ARGOCD_NAMESPACE,
        finalizers: [RESOURCES_FINALIZER],
        annotations: { 'argocd.argoproj.io/sync-wave': String(props.syncWave ?? 0) },
        labels: { 'app.kubernetes.io/part-of': 'platform', 'platform.io/environment': props.env.name, ...props.labels },
      },
      spec: {
        project: props.project,
        source: {
          repoUrl: props.chart.repoURL,
          chart: props.chart.chart,
          targetRevision: props.chart.version,
          helm: { releaseName: props.name, valuesObject: props.values, ...(props.skipCrds ? { skipCrds: true } : {}) },
        },
        destination: { server: 'https://kubernetes.default.svc', namespace: props.namespace },
        syncPolicy: applicationSyncPolicy(props.env, { serverSideApply: props.serverSideApply }),
      },
    });
  }
}
