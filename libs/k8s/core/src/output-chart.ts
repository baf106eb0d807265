import { Chart, type ChartProps } from 'cdk8s';
import type { Construct } from 'constructs';

export interface OutputChartProps extends ChartProps {
  /**
   * File the chart renders to, relative to `dist/<env>/`, e.g. `kubernetes/apps/argocd.yaml`; or below
   * `drills/` for objects applied by hand that ArgoCD never syncs (restore drills, ADR 0037).
   */
  readonly outputPath: string;
}

/**
 * A cdk8s Chart that knows which file of the D3 output layout it renders to. Resource names
 * are never hashed: they are the names ArgoCD and kubectl see.
 * @throws Error naming the chart and `outputPath` when `outputPath` is not a `.yaml` file below
 *   `kubernetes/` or `drills/` (lower-case letters, digits, `.`, `/`, `-`) or contains `..`
 */
export class OutputChart extends Chart {
  public readonly outputPath: string;

  constructor(scope: Construct, id: string, props: OutputChartProps) {
    super(scope, id, { ...props, disableResourceNameHashes: true });
    if (!/^(kubernetes|drills)\/[a-z0-9][a-z0-9./-]*\.yaml$/.test(props.outputPath) || props.outputPath.includes('..')) {
      throw new Error(
        `OutputChart ${id}: outputPath "${props.outputPath}" must be a .yaml file below kubernetes/ or drills/ in dist/<env>/ (lower-case letters, digits, ".", "/", "-"; no "..")`,
      );
    }
    this.outputPath = props.outputPath;
  }

  static isOutputChart(x: unknown): x is OutputChart {
    return x instanceof OutputChart;
  }
}
