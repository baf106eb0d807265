import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The repository stands alone (ADR 0051): no tracked or new file cites a document or a path outside
 * it. The one exception is the reference data folder, `$PLATFORM_UPSTREAM_DIR` with its default
 * `../shared/upstream`. Each violation names the file, the line and the change to make.
 */
const WORKSPACE = path.resolve(__dirname, '../..');
const SELF = path.relative(WORKSPACE, __filename);

/** Design decision numbers of the former outside design document -> the ADR that records each. */
const DECISION_ADRS: Readonly<Record<string, string>> = {
  D1: 'ADR 0001 (toolchain: 0001-0004)',
  D2: 'ADR 0005 (layout; Nx targets: 0013)',
  D3: 'ADR 0006',
  D4: 'ADR 0007',
  D5: 'ADR 0008',
  D6: 'ADR 0009 (declarations: 0014)',
  D7: 'ADR 0010',
  D8: 'ADR 0011',
  D9: 'ADR 0012',
  D12: 'ADR 0020 (mesh: 0020-0022)',
};

interface Rule {
  readonly pattern: RegExp;
  readonly fix: (match: RegExpExecArray) => string;
}

const RULES: readonly Rule[] = [
  {
    pattern: new RegExp(['DESIGN', 'DEVELOPERS'].map((d) => `\\b${d}\\.md\\b`).join('|')),
    fix: (m) => `cites ${m[0]}, which is not in the repository: cite the ADR in docs/adr/ that records the decision instead (write one in your layer's ADR range if none does)`,
  },
  {
    pattern: new RegExp(`\\b${'DESIGN'} (D\\d+)\\b`),
    fix: (m) => `cites "${m[0]}" of a document outside the repository: write ${DECISION_ADRS[m[1]] ?? `the ADR in docs/adr/ that records ${m[1]} (add one in your layer's ADR range if none does)`} instead`,
  },
  {
    pattern: /(?:\.\.\/)+shared\/(?!upstream\b)[\w./-]*/,
    fix: (m) => `refers to ${m[0]}, outside the repository: move what it needs into the repository (docs/, docs/adr/) and cite that; only the reference data folder (../shared/upstream, $PLATFORM_UPSTREAM_DIR) may be referenced`,
  },
  {
    pattern: /(?<![\w.-])\/work\/[\w./-]*/,
    fix: (m) => `refers to the absolute path ${m[0]} of one machine: use a path relative to the repository, or $PLATFORM_UPSTREAM_DIR for the reference data`,
  },
];

const BINARY = /\.(png|jpe?g|gif|ico|woff2?|tgz|gz|zip)$/;

function repositoryFiles(): string[] {
  return execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: WORKSPACE, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f !== '' && f !== SELF && f !== 'package-lock.json' && !BINARY.test(f))
    .filter((f) => fs.existsSync(path.join(WORKSPACE, f)) && fs.lstatSync(path.join(WORKSPACE, f)).isFile());
}

/** `file:line: <what> ` lines for every violation in a text. */
export function violations(file: string, text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const rule of RULES) {
      const match = rule.pattern.exec(line);
      if (match) found.push(`${file}:${i + 1}: ${rule.fix(match)}`);
    }
  });
  return found;
}

describe('the repository stands alone (ADR 0051)', () => {
  it('no file cites a document or path outside the repository, except the reference data folder', () => {
    const found = repositoryFiles().flatMap((file) => violations(file, fs.readFileSync(path.join(WORKSPACE, file), 'utf8')));
    expect(found).toEqual([]);
  });

  it('names the file, the line and the exact replacement', () => {
    expect(violations('docs/x.md', `a\nfollows ${'DESIGN'}.md`)).toEqual([
      `docs/x.md:2: cites ${'DESIGN'}.md, which is not in the repository: cite the ADR in docs/adr/ that records the decision instead (write one in your layer's ADR range if none does)`,
    ]);
    expect(violations('libs/a.ts', ` * Validated first (${'DESIGN'} D4).`)).toEqual([
      `libs/a.ts:1: cites "${'DESIGN'} D4" of a document outside the repository: write ADR 0007 instead`,
    ]);
    expect(violations('libs/a.ts', `// see ${'DESIGN'} D13`)[0]).toContain('the ADR in docs/adr/ that records D13');
    expect(violations('README.md', 'see ../shared/notes.md')[0]).toContain('refers to ../shared/notes.md, outside the repository');
    expect(violations('x.sh', 'cat /work/main/x')[0]).toContain('absolute path /work/main/x');
  });

  it('allows the reference data folder and its default', () => {
    expect(violations('libs/a.ts', ' * @see ../shared/upstream/charts/argo-cd/10.1.1/values.yaml')).toEqual([]);
    expect(violations('t.ts', "join(__dirname, '../../../../shared/upstream')")).toEqual([]);
    expect(violations('n.json', '"${PLATFORM_UPSTREAM_DIR:-../shared/upstream}/SHA256SUMS"')).toEqual([]);
  });
});
