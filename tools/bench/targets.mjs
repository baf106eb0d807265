// Issue-15 targets, each computed from figures measured in the same `npm run bench` run (never
// asserted in tests: timing depends on the machine).

/** @typedef {{ name: string, measured: number, unit: 'x' | 'ms' | 'MiB', target: number }} Target */

/**
 * @param {{ synthMs: Record<string, number>, floorMs: Record<string, number>, validateMs: Record<string, number>,
 *   cacheHitMs: Record<string, number>, affectedNothingMs: number,
 *   many: { count: number, totalMs: number, timesMs: number[], peakRssMiB: number } }} m medians of one run
 * @returns {Target[]} one row per target and environment, in a stable order
 */
export function targetRows(m) {
  const rows = [];
  for (const env of Object.keys(m.synthMs).sort()) {
    if (m.floorMs[env]) rows.push({ name: `synth ${env} / floor ${env}`, measured: m.synthMs[env] / m.floorMs[env], unit: 'x', target: 1.5 });
  }
  for (const env of Object.keys(m.cacheHitMs).sort()) rows.push({ name: `nx synth ${env} (cache hit)`, measured: m.cacheHitMs[env], unit: 'ms', target: 1000 });
  rows.push({ name: 'nx affected -t synth (nothing changed)', measured: m.affectedNothingMs, unit: 'ms', target: 1000 });
  for (const env of Object.keys(m.validateMs).sort()) {
    if (m.synthMs[env]) rows.push({ name: `validate ${env} / synth ${env}`, measured: m.validateMs[env] / m.synthMs[env], unit: 'x', target: 1 });
  }
  const n = m.many.timesMs.length;
  const k = Math.min(20, Math.floor(n / 2));
  if (m.many.count >= 200 && n === m.many.count) rows.push({ name: `${n} generated envs in one process`, measured: m.many.totalMs, unit: 'ms', target: 30000 });
  rows.push({ name: `peak RSS of the ${n}-env process`, measured: m.many.peakRssMiB, unit: 'MiB', target: 1024 });
  if (k >= 1) {
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    rows.push({ name: `per-env median, last ${k} / first ${k} (of ${n})`, measured: median(m.many.timesMs.slice(-k)) / median(m.many.timesMs.slice(0, k)), unit: 'x', target: 1.1 });
  }
  return rows;
}

/**
 * @param {Target} t
 * @param {number} width column width of the names
 * @returns {string} `name  measured  <= target  ok|MISSED`
 */
export function formatTarget(t, width) {
  const show = (v) => (t.unit === 'x' ? `${v.toFixed(2)}x` : `${v.toFixed(0)} ${t.unit}`);
  return `${t.name.padEnd(width)}  ${show(t.measured).padStart(9)}  <= ${show(t.target).padEnd(9)} ${t.measured <= t.target ? 'ok' : 'MISSED'}`;
}
