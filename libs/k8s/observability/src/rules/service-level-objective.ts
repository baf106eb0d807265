import type { AlertRule, RecordingRule, RuleGroup, RunbookRef } from './alert-rules';

/** Placeholder of the rate window in SLI expressions (`rate(x[{{window}}])`), as in Sloth's `{{.window}}`. */
export const SLI_WINDOW_PLACEHOLDER = '{{window}}';

/**
 * Multi-window, multi-burn-rate alert pairs of the Google SRE workbook (chapter "Alerting on SLOs", table 5-8):
 * page when 2% of a 30-day budget burns within 1 hour (checked over 1h and 5m) or 5% within 6 hours (6h and 30m).
 * The burn-rate factor is `budgetShare * windowHours / longWindowHours`: 14.4 and 6 for a 30-day window.
 * @see https://sre.google/workbook/alerting-on-slos/
 */
export const BURN_RATE_ALERTS = [
  { long: '1h', longHours: 1, short: '5m', budgetShare: 0.02 },
  { long: '6h', longHours: 6, short: '30m', budgetShare: 0.05 },
] as const;

/** Rate windows of the recording rules (every window an alert reads). */
export const SLO_RATE_WINDOWS = ['5m', '30m', '1h', '6h'] as const;

/** Runbook section of every burn-rate alert. */
export const SLO_RUNBOOK: RunbookRef = { file: 'observability-slo-burn-rate.md', section: 'sloerrorbudgetburn' };

export interface ServiceLevelObjectiveProps {
  /** SLO name: label value `slo`, group name `slo-<name>`; DNS-1123 label. */
  readonly name: string;
  /** The service it is about (label `service`), e.g. `argocd-server`. */
  readonly service: string;
  /** What users experience, one line (alert description). */
  readonly description: string;
  /**
   * The SLI as two PromQL expressions with `{{window}}` as the rate window: `good` events and `total` events,
   * e.g. `sum(rate(http_requests_total{code!~"5.."}[{{window}}]))`.
   */
  readonly sli: { readonly good: string; readonly total: string };
  /** Target share of good events, percent, above 0 and below 100 (e.g. 99.5). */
  readonly objectivePercent: number;
  /** Compliance window, days. @default 30 (the SRE workbook's, which its 14.4x/6x factors assume) */
  readonly windowDays?: number;
}

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Burn-rate factors are printed with up to 4 decimals (stable output). */
const round = (n: number): number => Math.round(n * 10_000) / 10_000;

/**
 * A typed service-level objective: the SLI (good/total), objective and window become recording rules of the
 * error ratio per window (`slo:sli_error:ratio_rate<window>{slo="<name>"}`) and the two page alerts of the
 * multi-window multi-burn-rate scheme (both windows above the factor times the error budget).
 * @throws Error naming the SLO and field when the name is not DNS-1123, the objective is not in (0, 100),
 * the window is not a positive integer or an SLI lacks `{{window}}`
 */
export class ServiceLevelObjective {
  public readonly name: string;
  public readonly objectivePercent: number;
  public readonly windowDays: number;
  /** Allowed error ratio, `1 - objective`. */
  public readonly errorBudget: number;

  constructor(private readonly props: ServiceLevelObjectiveProps) {
    const where = `ServiceLevelObjective ${props.name}`;
    if (!NAME.test(props.name)) throw new Error(`${where}: name must be a DNS-1123 label such as argocd-api`);
    if (!(props.objectivePercent > 0 && props.objectivePercent < 100)) throw new Error(`${where}: objectivePercent is ${props.objectivePercent}; use a value above 0 and below 100 such as 99.5`);
    const windowDays = props.windowDays ?? 30;
    if (!Number.isInteger(windowDays) || windowDays < 1) throw new Error(`${where}: windowDays is ${windowDays}; use a whole number of days such as 30`);
    for (const k of ['good', 'total'] as const) {
      if (!props.sli[k].includes(SLI_WINDOW_PLACEHOLDER)) throw new Error(`${where}: sli.${k} has no ${SLI_WINDOW_PLACEHOLDER} rate window; write e.g. sum(rate(metric[${SLI_WINDOW_PLACEHOLDER}]))`);
    }
    this.name = props.name;
    this.objectivePercent = props.objectivePercent;
    this.windowDays = windowDays;
    this.errorBudget = round(1 - props.objectivePercent / 100);
  }

  /** Burn-rate factor of an alert pair for this SLO's window: 14.4 (1h) and 6 (6h) for 30 days. */
  public burnRateFactor(pair: (typeof BURN_RATE_ALERTS)[number]): number {
    return round((pair.budgetShare * this.windowDays * 24) / pair.longHours);
  }

  /** `slo:sli_error:ratio_rate<window>`, the recorded error ratio over one window. */
  public static errorRatioMetric(window: string): string {
    return `slo:sli_error:ratio_rate${window}`;
  }

  /** The rule group: recording rules for every window, then the two burn-rate page alerts. */
  public ruleGroup(): RuleGroup {
    const labels = { slo: this.name, service: this.props.service };
    const sel = `{slo="${this.name}"}`;
    const at = (expr: string, w: string): string => expr.split(SLI_WINDOW_PLACEHOLDER).join(w);
    const recordings: RecordingRule[] = SLO_RATE_WINDOWS.map((w) => ({
      record: ServiceLevelObjective.errorRatioMetric(w),
      expr: `1 - ((${at(this.props.sli.good, w)}) / (${at(this.props.sli.total, w)}))`,
      labels,
    }));
    const alerts: AlertRule[] = BURN_RATE_ALERTS.map((pair) => {
      const threshold = `${this.burnRateFactor(pair)} * ${this.errorBudget}`;
      return {
        alert: 'SloErrorBudgetBurn',
        expr: `${ServiceLevelObjective.errorRatioMetric(pair.long)}${sel} > (${threshold}) and ${ServiceLevelObjective.errorRatioMetric(pair.short)}${sel} > (${threshold})`,
        for: '2m',
        severity: 'critical',
        summary: `SLO ${this.name}: error budget burning ${this.burnRateFactor(pair)}x (${pair.long}/${pair.short} windows)`,
        description: `${this.props.description}: more than ${pair.budgetShare * 100}% of the ${this.windowDays}-day error budget (objective ${this.objectivePercent}%) burns within ${pair.long} at this rate.`,
        runbook: SLO_RUNBOOK,
        labels: { ...labels, long_window: pair.long },
      };
    });
    return { name: `slo-${this.name}`, rules: [...recordings, ...alerts] };
  }
}
