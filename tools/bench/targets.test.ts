import { formatTarget, targetRows } from './targets.mjs';

const medians = {
  synthMs: { prod: 1200, dev: 1000 },
  floorMs: { prod: 600, dev: 800 },
  validateMs: { prod: 1500 },
  cacheHitMs: { prod: 900 },
  affectedNothingMs: 1800,
  many: { count: 200, totalMs: 25000, timesMs: [...Array.from({ length: 100 }, () => 100), ...Array.from({ length: 100 }, () => 120)], peakRssMiB: 700 },
};

describe('bench targets', () => {
  it('computes every issue-15 ratio from the same run, in a stable order', () => {
    expect(targetRows(medians).map((t) => [t.name, Number(t.measured.toFixed(2)), t.target])).toEqual([
      ['synth dev / floor dev', 1.25, 1.5],
      ['synth prod / floor prod', 2, 1.5],
      ['nx synth prod (cache hit)', 900, 1000],
      ['nx affected -t synth (nothing changed)', 1800, 1000],
      ['validate prod / synth prod', 1.25, 1],
      ['200 generated envs in one process', 25000, 30000],
      ['peak RSS of the 200-env process', 700, 1024],
      ['per-env median, last 20 / first 20 (of 200)', 1.2, 1.1],
    ]);
  });

  it('does not claim the 200-environment target for a smaller run', () => {
    const rows = targetRows({ ...medians, many: { count: 50, totalMs: 1, timesMs: [1, 1], peakRssMiB: 1 } });
    expect(rows.map((t) => t.name)).not.toContain('50 generated envs in one process');
    expect(rows.at(-1)?.name).toBe('per-env median, last 1 / first 1 (of 2)');
  });

  it('marks a missed target', () => {
    const [dev, prod] = targetRows(medians);
    if (!dev || !prod) throw new Error('no rows');
    expect(formatTarget(dev, 25)).toMatch(/1\.25x +<= 1\.50x +ok$/);
    expect(formatTarget(prod, 25)).toMatch(/2\.00x +<= 1\.50x +MISSED$/);
  });
});
