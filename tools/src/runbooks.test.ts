import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The backup, DR and operations runbooks: each has a trigger, an owner role, steps with exact commands and a verification. */
const dir = join(__dirname, '../../docs/runbooks');
const REQUIRED = [
  'dr-roll-back-platform-change.md',
  'dr-roll-back-chart-upgrade.md',
  'dr-roll-back-terraform-change.md',
  'dr-restore-namespace.md',
  'dr-restore-database-to-time.md',
  'dr-lose-an-az.md',
  'dr-lose-the-cluster.md',
  'dr-leaked-credential.md',
  'dr-emergency-freeze.md',
];

describe('DR runbooks', () => {
  it('exist for every incident the operation model names', () => {
    expect(readdirSync(dir).filter((f) => f.startsWith('dr-')).sort()).toEqual([...REQUIRED].sort());
  });

  it.each(REQUIRED)('%s has a trigger, an owner, steps with commands and a verification', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    expect(text).toMatch(/^# Runbook: /);
    expect(text).toMatch(/^- \*\*Trigger\*\*: \S/m);
    expect(text).toMatch(/^- \*\*Owner\*\*: \S/m);
    expect(text).toMatch(/^## Steps$/m);
    expect(text).toMatch(/^## Verification$/m);
    expect(text).toMatch(/```(bash|ts)\n/);
  });

  it('patches NodePools only with a JSON patch that appends a requirement (a merge patch replaces the whole requirements list)', () => {
    const patches = readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').map((line) => ({ file: f, line })))
      .filter(({ line }) => /kubectl\s+patch\s+("?\$pool"?|nodepools?\b)/.test(line));
    expect(patches.length).toBeGreaterThan(0);
    for (const { file, line } of patches) {
      expect({ file, line, json: /--type[ =]json\b/.test(line), appends: /"op":"add","path":"\/spec\/template\/spec\/requirements\/-"/.test(line) }).toEqual({ file, line, json: true, appends: true });
    }
  });

  it('times the cluster rebuild against the RTO', () => {
    const text = readFileSync(join(dir, 'dr-lose-the-cluster.md'), 'utf8');
    const shares = [...text.matchAll(/^\| \d \| .* \| (\d+)% \| (\d+) min \|$/gm)];
    expect(shares.reduce((n, m) => n + Number(m[1]), 0)).toBe(100);
    // prod: RTO 120 min
    expect(shares.reduce((n, m) => n + Number(m[2]), 0)).toBe(120);
  });
});
