export interface Target {
  readonly name: string;
  readonly measured: number;
  readonly unit: 'x' | 'ms' | 'MiB';
  readonly target: number;
}
export interface BenchMedians {
  readonly synthMs: Readonly<Record<string, number>>;
  readonly floorMs: Readonly<Record<string, number>>;
  readonly validateMs: Readonly<Record<string, number>>;
  readonly cacheHitMs: Readonly<Record<string, number>>;
  readonly affectedNothingMs: number;
  readonly many: { readonly count: number; readonly totalMs: number; readonly timesMs: readonly number[]; readonly peakRssMiB: number };
}
export function targetRows(m: BenchMedians): Target[];
export function formatTarget(t: Target, width: number): string;
