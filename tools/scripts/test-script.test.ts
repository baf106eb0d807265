import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const SCRIPT = path.resolve(__dirname, 'test.sh');

/**
 * A stand-in `npx`: fails the commands listed in $FAKE_FAIL (matched on the first argument), and
 * for `jest` writes a report with $FAKE_PASSED/$FAKE_FAILED tests to the --outputFile.
 */
const FAKE_NPX = `#!/usr/bin/env bash
echo "npx $*" >> "$FAKE_LOG"
case " $FAKE_FAIL " in *" $1 "*) echo "$1 failed"; exit 1;; esac
if [ "$1" = jest ]; then
  for a in "$@"; do case "$a" in --outputFile=*) echo "{\\"numPassedTests\\":$FAKE_PASSED,\\"numFailedTests\\":$FAKE_FAILED}" > "\${a#--outputFile=}";; esac; done
  [ "$FAKE_FAILED" -eq 0 ] || exit 1
fi
exit 0
`;

function run(fail: string, passed = 7, failedTests = 0): { status: number | null; lines: string[]; calls: string[] } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'test-sh-'));
  try {
    fs.mkdirSync(path.join(root, 'tools/scripts'), { recursive: true });
    fs.copyFileSync(SCRIPT, path.join(root, 'tools/scripts/test.sh'));
    // test.sh provisions the pinned Node first (ADR 0049); a stand-in answers with the node at hand.
    fs.writeFileSync(path.join(root, 'tools/scripts/ensure-node.sh'), '#!/usr/bin/env bash\ndirname "$(command -v node)"\n', { mode: 0o755 });
    fs.mkdirSync(path.join(root, 'bin'));
    fs.writeFileSync(path.join(root, 'bin/npx'), FAKE_NPX, { mode: 0o755 });
    const log = path.join(root, 'calls.log');
    const result = spawnSync('bash', [path.join(root, 'tools/scripts/test.sh')], {
      encoding: 'utf8',
      env: {
        ...process.env,
        PATH: `${path.join(root, 'bin')}:${process.env['PATH']}`,
        FAKE_LOG: log,
        FAKE_FAIL: fail,
        FAKE_PASSED: String(passed),
        FAKE_FAILED: String(failedTests),
      },
    });
    const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [];
    return { status: result.status, lines: result.stdout.trimEnd().split('\n'), calls };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe('npm test (tools/scripts/test.sh)', () => {
  it('ends with the jest summary when every step passes', () => {
    const r = run('');
    expect(r.status).toBe(0);
    expect(r.lines.slice(-2)).toEqual(['npm test: every step passed', 'jest: 7 passed, 0 failed']);
  });

  it('still runs every step and ends with the summary when the type-check fails first', () => {
    const r = run('tsc');
    expect(r.status).toBe(1);
    const steps = r.calls.map((c) => c.split(' ')[1]);
    // type-check and lint run side by side, so their calls interleave; synth + validate, then jest, follow both
    expect(steps.slice(0, 3).sort()).toEqual(['eslint', 'nx', 'tsc']);
    expect(steps.slice(3)).toEqual(['nx', 'jest']);
    expect(r.lines.slice(-2)).toEqual(['npm test: FAILED steps: typecheck', 'jest: 7 passed, 0 failed']);
  });

  it('counts 0 tests when jest never wrote its report, and names every failed step', () => {
    const r = run('tsc eslint nx jest', 0, 0);
    expect(r.status).toBe(1);
    expect(r.lines.at(-1)).toBe('jest: 0 passed, 0 failed');
    expect(r.lines.at(-2)).toBe('npm test: FAILED steps: typecheck lint synth+validate jest');
  });

  it('prints the type-check log before the lint log, each under its heading, and one time for both', () => {
    const r = run('tsc eslint');
    const typecheck = r.lines.indexOf('== typecheck');
    const lint = r.lines.indexOf('== lint');
    expect(typecheck).toBeGreaterThanOrEqual(0);
    expect(r.lines[typecheck + 1]).toBe('tsc failed');
    expect(lint).toBeGreaterThan(typecheck);
    expect(r.lines[lint + 1]).toBe('eslint failed');
    expect(r.lines.find((l) => l.startsWith('npm test: step times: '))).toMatch(/^npm test: step times: typecheck\+lint \d+s synth\+validate \d+s jest \d+s$/);
  });

  it('reports failing tests in the summary and fails', () => {
    const r = run('', 5, 2);
    expect(r.status).toBe(1);
    expect(r.lines.slice(-2)).toEqual(['npm test: FAILED steps: jest', 'jest: 5 passed, 2 failed']);
  });
});
