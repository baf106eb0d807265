import { GATEWAY_API_PLUGIN } from './argo-rollouts-addon';
import { CANARY_ANALYSIS_ARGS, CANARY_ANALYSIS_TEMPLATE } from './canary-analysis-template';

/** One canary step: shift traffic, wait, or both (a pause without duration waits for a manual promote). */
export type CanaryStep = { readonly setWeight: number } | { readonly pauseSeconds: number } | { readonly pauseUntilPromoted: true };

export interface CanaryStrategyProps {
  /** Namespace of the Rollout, its Services and the HTTPRoute. */
  readonly namespace: string;
  /** Service selecting the stable pods (Argo Rollouts adds the pod-template-hash selector). */
  readonly stableService: string;
  /** Service selecting the canary pods. */
  readonly canaryService: string;
  /** The HTTPRoute whose backend weights the plugin shifts; it must send to both Services. */
  readonly httpRoute: { readonly name: string; readonly backendServices: readonly string[] };
  /** Traffic steps; weights strictly increase and stay below 100 (the final promotion sends 100). */
  readonly steps: readonly CanaryStep[];
  /** Run `CANARY_ANALYSIS_TEMPLATE` in the background from this step index on. @default 0 (from the first step); `false` for none */
  readonly analysisFromStep?: number | false;
}

/** Default progression: 10 % -> 25 % -> 50 % -> 75 %, two minutes each (analysis runs throughout). */
export const DEFAULT_CANARY_STEPS: readonly CanaryStep[] = [{ setWeight: 10 }, { pauseSeconds: 120 }, { setWeight: 25 }, { pauseSeconds: 120 }, { setWeight: 50 }, { pauseSeconds: 120 }, { setWeight: 75 }, { pauseSeconds: 120 }];

/** The `spec.strategy` of an Argo Rollout (`argoproj.io/v1alpha1`), canary through the Gateway API plugin. */
export interface RolloutCanaryStrategy {
  readonly canary: {
    readonly stableService: string;
    readonly canaryService: string;
    readonly trafficRouting: { readonly plugins: Readonly<Record<string, { readonly httpRoute: string; readonly namespace: string }>> };
    readonly steps: readonly Record<string, unknown>[];
    readonly analysis?: {
      readonly templates: readonly { readonly templateName: string; readonly clusterScope: true }[];
      readonly startingStep: number;
      readonly args: readonly { readonly name: string; readonly value: string }[];
    };
  };
}

/**
 * A canary `strategy` for an Argo Rollout: HTTPRoute weight shifting through the Gateway API traffic
 * router plugin (ADR 0022), the declared steps, and the success-rate / p99 latency analysis in the
 * background. The golden path builds its Rollouts with it.
 * @see https://rollouts-plugin-trafficrouter-gatewayapi.readthedocs.io/en/latest/
 * @throws Error naming the field: stable and canary Service equal, the HTTPRoute not sending to both,
 *   no steps or no weight step, weights not strictly increasing within 1-99, a pause under 1 second,
 *   an analysis step index outside the steps
 */
export class CanaryStrategy {
  public readonly strategy: RolloutCanaryStrategy;

  constructor(props: CanaryStrategyProps) {
    const where = `CanaryStrategy ${props.namespace}/${props.httpRoute.name}`;
    if (props.stableService === props.canaryService) throw new Error(`${where}: stableService and canaryService are both "${props.stableService}"; use two Services`);
    for (const s of [props.stableService, props.canaryService]) {
      if (!props.httpRoute.backendServices.includes(s)) throw new Error(`${where}: the HTTPRoute does not send to Service "${s}"; add it as a backend (weight 0 for the canary)`);
    }
    if (props.steps.length === 0) throw new Error(`${where}: steps must not be empty`);
    let last = 0;
    props.steps.forEach((s, i) => {
      if ('setWeight' in s) {
        if (!Number.isInteger(s.setWeight) || s.setWeight < 1 || s.setWeight > 99 || s.setWeight <= last) {
          throw new Error(`${where}: steps[${i}].setWeight ${s.setWeight} must be an integer in 1-99 above the previous weight (${last})`);
        }
        last = s.setWeight;
      } else if ('pauseSeconds' in s && (!Number.isInteger(s.pauseSeconds) || s.pauseSeconds < 1)) {
        throw new Error(`${where}: steps[${i}].pauseSeconds ${s.pauseSeconds} must be a whole number of seconds >= 1`);
      }
    });
    if (last === 0) throw new Error(`${where}: steps must contain at least one setWeight`);
    const from = props.analysisFromStep ?? 0;
    if (from !== false && (!Number.isInteger(from) || from < 0 || from >= props.steps.length)) throw new Error(`${where}: analysisFromStep ${from} must index steps (0-${props.steps.length - 1})`);
    this.strategy = {
      canary: {
        stableService: props.stableService,
        canaryService: props.canaryService,
        trafficRouting: { plugins: { [GATEWAY_API_PLUGIN.name]: { httpRoute: props.httpRoute.name, namespace: props.namespace } } },
        steps: props.steps.map((s) => ('setWeight' in s ? { setWeight: s.setWeight } : 'pauseSeconds' in s ? { pause: { duration: `${s.pauseSeconds}s` } } : { pause: {} })),
        ...(from === false
          ? {}
          : {
              analysis: {
                templates: [{ templateName: CANARY_ANALYSIS_TEMPLATE, clusterScope: true as const }],
                startingStep: from,
                args: [
                  { name: CANARY_ANALYSIS_ARGS.namespace, value: props.namespace },
                  { name: CANARY_ANALYSIS_ARGS.service, value: props.canaryService },
                ],
              },
            }),
      },
    };
  }
}
