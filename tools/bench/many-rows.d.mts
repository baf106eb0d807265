/** Output of synth-many.ts. */
export interface ManyResult {
  readonly count: number;
  readonly totalMs: number;
  readonly timesMs: readonly number[];
}
export function manyRows(many: ManyResult): { case: string; ms: number }[];
