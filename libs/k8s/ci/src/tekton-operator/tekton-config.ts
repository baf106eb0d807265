import { TektonConfig } from '@platform/k8s-imports/operator.tekton.dev';
import { Construct } from 'constructs';

/** The operator only reconciles a TektonConfig named `config`. @see https://tekton.dev/docs/operator/tektonconfig/ */
export const TEKTON_CONFIG_NAME = 'config';
/** Namespace the operator installs Pipelines and Triggers into. */
export const TEKTON_PIPELINES_NAMESPACE = 'tekton-pipelines';

/**
 * ArgoCD never prunes (removed from git) nor deletes (Application deleted) the TektonConfig: the
 * operator sets it as the controller ownerReference of the `tekton-pipelines` Namespace, so the
 * garbage collector would delete that namespace, with the Pipelines and Triggers controllers, with it.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/#no-prune-resources
 */
export const TEKTON_CONFIG_ANNOTATIONS = { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' } as const;

/** `basic`: Pipelines, Triggers and Chains (no dashboard). @see https://tekton.dev/docs/operator/tektonconfig/#profiles */
export type TektonProfile = 'lite' | 'basic' | 'all';

/** PipelineRun/TaskRun history kept per namespace by the hourly pruner. */
export interface TektonPrunerSettings {
  /** Runs kept per resource. */
  readonly keep: number;
  /** 5-field cron, UTC. */
  readonly schedule: string;
}

/** @see https://tekton.dev/docs/operator/tektonconfig/#pruner */
export const DEFAULT_PRUNER: TektonPrunerSettings = { keep: 50, schedule: '0 * * * *' };

export interface PlatformTektonConfigProps {
  /** @default 'basic' */
  readonly profile?: TektonProfile;
  /** @default DEFAULT_PRUNER */
  readonly pruner?: TektonPrunerSettings;
}

/**
 * The TektonConfig: profile, target namespace, Pipelines feature flags (param enums) and pruner
 * (PipelineRuns and TaskRuns, per resource), annotated `Prune=false,Delete=false` for ArgoCD
 * (`TEKTON_CONFIG_ANNOTATIONS`).
 * @throws Error naming `pruner.keep` when it is not a positive integer
 */
export class PlatformTektonConfig extends Construct {
  constructor(scope: Construct, id: string, props: PlatformTektonConfigProps) {
    super(scope, id);
    const pruner = props.pruner ?? DEFAULT_PRUNER;
    if (!Number.isInteger(pruner.keep) || pruner.keep < 1) {
      throw new Error(`PlatformTektonConfig: pruner.keep ${pruner.keep} must be a positive integer`);
    }
    new TektonConfig(this, 'config', {
      metadata: { name: TEKTON_CONFIG_NAME, annotations: { ...TEKTON_CONFIG_ANNOTATIONS } },
      spec: {
        profile: props.profile ?? 'basic',
        targetNamespace: TEKTON_PIPELINES_NAMESPACE,
        // the reference Pipeline restricts `service` to the environment's ECR repositories with a param enum
        pipeline: { enableParamEnum: true },
        pruner: { disabled: false, keep: pruner.keep, schedule: pruner.schedule, resources: ['pipelinerun', 'taskrun'], prunePerResource: true },
      },
    });
  }
}
