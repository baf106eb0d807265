import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureWritableDirectory, replaceDirectoryAtomically, writeFiles } from './atomic-directory';

jest.mock('node:fs', () => {
  const actual = jest.requireActual<typeof import('node:fs')>('node:fs');
  return { ...actual, renameSync: jest.fn(actual.renameSync), writeFileSync: jest.fn(actual.writeFileSync) };
});

const actualFs = jest.requireActual<typeof import('node:fs')>('node:fs');
const renameSync = fs.renameSync as jest.MockedFunction<typeof fs.renameSync>;
const writeFileSync = fs.writeFileSync as jest.MockedFunction<typeof fs.writeFileSync>;

function errno(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/** Everything left in `parent` besides `keep` (a leaked `.<name>.staging-*` shows up here). */
const leftovers = (parent: string, keep: string): string[] => fs.readdirSync(parent).filter((n) => n !== keep);

describe('replaceDirectoryAtomically', () => {
  let parent: string;
  let target: string;
  beforeEach(() => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'atomic-'));
    target = path.join(parent, 'prod');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'old.yaml'), 'old\n');
  });
  afterEach(() => {
    renameSync.mockImplementation(actualFs.renameSync);
    writeFileSync.mockImplementation(actualFs.writeFileSync);
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it('EPERM on the final rename: removes .prod.staging-*, restores the previous tree, rethrows naming the target', async () => {
    renameSync.mockImplementation((from, to) => {
      if (String(from).includes('.staging-') && !String(from).endsWith('.previous')) throw errno('EPERM', `operation not permitted, rename '${String(from)}' -> '${String(to)}'`);
      actualFs.renameSync(from, to);
    });
    await expect(replaceDirectoryAtomically(target, (dir) => writeFiles(dir, [{ path: 'new.yaml', content: 'new\n' }]))).rejects.toThrow(`cannot replace ${target}: EPERM`);
    expect(leftovers(parent, 'prod')).toEqual([]);
    expect(fs.readdirSync(target)).toEqual(['old.yaml']);
  });

  it('EPERM moving the previous tree aside: removes the staging folder too', async () => {
    renameSync.mockImplementation((from) => {
      if (String(from) === target) throw errno('EPERM', 'operation not permitted');
    });
    await expect(replaceDirectoryAtomically(target, (dir) => writeFiles(dir, [{ path: 'new.yaml', content: 'new\n' }]))).rejects.toThrow(/EPERM/);
    expect(leftovers(parent, 'prod')).toEqual([]);
    expect(fs.readdirSync(target)).toEqual(['old.yaml']);
  });

  it('ENOSPC while writing names the file and the fix, and leaves no staging folder', async () => {
    writeFileSync.mockImplementation((file) => {
      if (String(file).endsWith('big.yaml')) throw errno('ENOSPC', 'no space left on device, write');
    });
    const attempt = replaceDirectoryAtomically(target, (dir) => writeFiles(dir, [{ path: 'kubernetes/big.yaml', content: 'x' }]));
    await expect(attempt).rejects.toThrow(/^cannot write \/.*\/\.prod\.staging-[^/]+\/kubernetes\/big\.yaml: ENOSPC: no space left on device, write \(no space left on that file system: free space, or pass --dist <dir> on another one\)$/);
    expect(leftovers(parent, 'prod')).toEqual([]);
    expect(fs.readdirSync(target)).toEqual(['old.yaml']);
  });

  it('fails fast when the parent cannot be created (procfs: Node recursive mkdir would spin forever)', async () => {
    const started = Date.now();
    const build = jest.fn();
    await expect(replaceDirectoryAtomically('/proc/x/prod', build)).rejects.toThrow("cannot create the output folder /proc/x: ENOENT: no such file or directory, mkdir '/proc/x'");
    expect(build).not.toHaveBeenCalled();
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('ensureWritableDirectory', () => {
  it('names a parent that is a file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensure-'));
    try {
      fs.writeFileSync(path.join(dir, 'file'), '');
      expect(() => ensureWritableDirectory(path.join(dir, 'file', 'dist'))).toThrow(`output folder ${dir}/file/dist: ${dir}/file is not a directory`);
      ensureWritableDirectory(path.join(dir, 'a', 'b'));
      expect(fs.statSync(path.join(dir, 'a', 'b')).isDirectory()).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
