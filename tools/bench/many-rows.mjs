// Rows of the many-environments case, labelled with the counts actually measured: a run that
// synthesized fewer environments than requested must not claim "first 10" or "50 envs".
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * @param {{ count: number, totalMs: number, timesMs: number[] }} many synth-many.ts output
 * @returns {{ case: string, ms: number }[]} total, then per-environment medians of the first and last
 *   min(20, n/2) environments (issue 15: the last 20 within 10 % of the first 20) (omitted when fewer than 2 were synthesized)
 */
export function manyRows(many) {
  const n = many.timesMs.length;
  const of = n === many.count ? `${n}` : `${n} of ${many.count} requested`;
  const rows = [{ case: `${of} generated env${many.count === 1 ? '' : "s"} in one process (total)`, ms: many.totalMs }];
  const k = Math.min(20, Math.floor(n / 2));
  if (k >= 1) {
    rows.push({ case: `  per env, median of first ${k} (of ${n})`, ms: median(many.timesMs.slice(0, k)) });
    rows.push({ case: `  per env, median of last ${k} (of ${n})`, ms: median(many.timesMs.slice(-k)) });
  }
  return rows;
}
