import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixtureEnvironment } from '@platform/config/testing';
import { synthEnvironment } from '@platform/synth';

// As the synth CLI does (defaultCreationStackSetting in libs/synth/src/cli.ts): no cdktn creation stack per token.
process.env['CDKTN_DISABLE_CREATION_STACK'] ??= 'true';

/**
 * Synthesizes `count` generated environments in one process and prints one JSON line with the
 * per-environment wall times (ms), to show how cost grows with the number of environments.
 */
async function run(count: number): Promise<void> {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-many-'));
  const times: number[] = [];
  const start = performance.now();
  try {
    for (let i = 0; i < count; i++) {
      const env = fixtureEnvironment({ name: `bench-${i}`, network: { vpcCidr: `10.${i}.0.0/16` } });
      const t0 = performance.now();
      await synthEnvironment(env, { distRoot: dist });
      times.push(performance.now() - t0);
    }
  } finally {
    fs.rmSync(dist, { recursive: true, force: true });
  }
  process.stdout.write(`${JSON.stringify({ count, totalMs: performance.now() - start, timesMs: times, peakRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
}

run(Number(process.argv[2] ?? '50')).catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
