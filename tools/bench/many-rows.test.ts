import { manyRows } from './many-rows.mjs';

describe('bench many-environments rows', () => {
  it('label the counts actually synthesized, not the requested ones', () => {
    const rows = manyRows({ count: 50, totalMs: 60, timesMs: [10, 20, 30, 40, 50, 60] });
    expect(rows.map((r) => r.case)).toEqual([
      '6 of 50 requested generated envs in one process (total)',
      '  per env, median of first 3 (of 6)',
      '  per env, median of last 3 (of 6)',
    ]);
    expect(rows[1].ms).toBe(20);
    expect(rows[2].ms).toBe(50);
  });

  it('say "first 20" only when at least 40 environments ran', () => {
    const times = Array.from({ length: 200 }, (_, i) => i);
    expect(manyRows({ count: 200, totalMs: 1, timesMs: times }).map((r) => r.case)).toEqual([
      '200 generated envs in one process (total)',
      '  per env, median of first 20 (of 200)',
      '  per env, median of last 20 (of 200)',
    ]);
  });

  it('print only the total for a single environment', () => {
    expect(manyRows({ count: 1, totalMs: 5, timesMs: [5] })).toEqual([{ case: '1 generated env in one process (total)', ms: 5 }]);
  });
});
