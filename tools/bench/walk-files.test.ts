import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { providerModules } from './provider-modules.mjs';
import { walkFiles } from './walk-files.mjs';

describe('walkFiles (the bench directory walker)', () => {
  const root = mkdtempSync(join(tmpdir(), 'walk-files-'));
  for (const f of ['b.ts', 'a/z.ts', 'a/node_modules/x/index.ts', 'A.ts', 'a/b/c.test.ts']) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), '');
  }

  it('yields every file, depth first, in code-unit order, and skips the named folders', () => {
    expect([...walkFiles(root)].map((p) => relative(root, p))).toEqual(['A.ts', 'a/b/c.test.ts', 'a/node_modules/x/index.ts', 'a/z.ts', 'b.ts']);
    expect([...walkFiles(root, { skipDirs: ['node_modules'] })].map((p) => relative(root, p))).toEqual(['A.ts', 'a/b/c.test.ts', 'a/z.ts', 'b.ts']);
  });

  it('finds the deep provider modules of non-test sources under libs/ and apps/, outside node_modules', () => {
    const ws = mkdtempSync(join(tmpdir(), 'provider-modules-'));
    const write = (f: string, text: string) => {
      mkdirSync(join(ws, f, '..'), { recursive: true });
      writeFileSync(join(ws, f), text);
    };
    write('libs/aws/a/src/vpc.ts', "import { Vpc } from '@cdktn/provider-aws/lib/vpc';\nimport { S3Bucket } from '@cdktn/provider-aws/lib/s3-bucket';\n");
    write('apps/x/src/main.ts', "import { Subnet } from '@cdktn/provider-aws/lib/subnet';\n");
    write('libs/aws/a/src/vpc.test.ts', "import { Eip } from '@cdktn/provider-aws/lib/eip';\n");
    write('libs/aws/a/node_modules/m/index.ts', "import { Nat } from '@cdktn/provider-aws/lib/nat-gateway';\n");
    expect(providerModules(ws)).toEqual(['@cdktn/provider-aws/lib/s3-bucket', '@cdktn/provider-aws/lib/subnet', '@cdktn/provider-aws/lib/vpc']);
  });
});
