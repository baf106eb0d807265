import * as fs from 'node:fs';
import * as path from 'node:path';

/** `err`'s errno code (`ENOSPC`, `EPERM`, ...), or undefined. */
function codeOf(err: unknown): string | undefined {
  return err && typeof err === 'object' && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

/**
 * Rethrows a file-system error with the path it concerns and what was being done: Node's own
 * message for ENOSPC and friends (`ENOSPC: no space left on device, write`) names no path.
 */
export function withPath(action: string, target: string, err: unknown): FileSystemPathError {
  const code = codeOf(err);
  // Errors from another realm (jest's sandbox) are not `instanceof Error`: read `message` directly.
  const message = err && typeof err === 'object' && 'message' in err ? (err as { message: unknown }).message : undefined;
  const detail = typeof message === 'string' ? message : String(err);
  const hint = code === 'ENOSPC' ? ' (no space left on that file system: free space, or pass --dist <dir> on another one)' : '';
  return new FileSystemPathError(`cannot ${action} ${target}: ${detail}${hint}`, code);
}

/** A file-system error whose message names the path (see `withPath`). */
export class FileSystemPathError extends Error {
  constructor(
    message: string,
    /** The errno code of the cause, e.g. `ENOSPC`. */
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'FileSystemPathError';
  }
}

/**
 * Makes sure `dir` is a writable directory, creating missing folders one level at a time from its
 * nearest existing ancestor. Never uses `mkdirSync({ recursive: true })` on the ancestor chain:
 * on procfs (`--dist /proc/x`) Node's recursive mkdir loops forever at 100 % CPU.
 * @throws Error naming the path when an ancestor is not a directory, is not writable, or a folder
 *   cannot be created
 */
export function ensureWritableDirectory(dir: string, what = 'output folder'): void {
  const absolute = path.resolve(dir);
  const missing: string[] = [];
  let existing = absolute;
  while (!fs.existsSync(existing)) {
    missing.unshift(existing);
    const parent = path.dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  if (!fs.statSync(existing).isDirectory()) throw new Error(`${what} ${absolute}: ${existing} is not a directory`);
  try {
    fs.accessSync(existing, fs.constants.W_OK);
  } catch {
    throw new Error(`${what} ${absolute}: ${existing} is not writable`);
  }
  for (const folder of missing) {
    try {
      fs.mkdirSync(folder);
    } catch (err) {
      if (codeOf(err) === 'EEXIST' && fs.statSync(folder).isDirectory()) continue;
      throw withPath(`create the ${what}`, folder, err);
    }
  }
  try {
    fs.accessSync(absolute, fs.constants.W_OK);
  } catch {
    throw new Error(`${what} ${absolute} is not writable`);
  }
}

/**
 * Builds a directory next to `target` and swaps it into place only when `build` succeeds, so a
 * failure leaves the previous `target` byte-identical (ADR 0010). Every failure path (the build,
 * moving the previous tree aside, the final rename, e.g. EPERM) removes the staging folder
 * `.<name>.staging-*` and puts the previous tree back.
 * @param build writes the complete new content into the directory it is given
 * @throws Error naming the parent folder when it is not a writable directory (fails fast)
 */
export async function replaceDirectoryAtomically(target: string, build: (staging: string) => Promise<void> | void): Promise<void> {
  const parent = path.dirname(target);
  ensureWritableDirectory(parent);
  const base = path.basename(target);
  let staging: string;
  try {
    staging = fs.mkdtempSync(path.join(parent, `.${base}.staging-`));
  } catch (err) {
    throw withPath('create a staging folder in', parent, err);
  }
  const retired = `${staging}.previous`;
  let movedAside = false;
  try {
    await build(staging);
    if (fs.existsSync(target)) {
      fs.renameSync(target, retired);
      movedAside = true;
    }
    fs.renameSync(staging, target);
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    // Put the previous tree back; if something else took its place meanwhile, that one stays.
    if (movedAside && !fs.existsSync(target)) fs.renameSync(retired, target);
    else if (movedAside) fs.rmSync(retired, { recursive: true, force: true });
    throw err instanceof FileSystemPathError || codeOf(err) === undefined ? err : withPath('replace', target, err);
  }
  if (movedAside) fs.rmSync(retired, { recursive: true, force: true });
}

/** Writes files below `root`, creating folders; paths must be relative and stay inside `root`. */
export function writeFiles(root: string, files: readonly { readonly path: string; readonly content: string }[]): void {
  const seen = new Set<string>();
  for (const file of files) {
    const normalized = path.posix.normalize(file.path);
    if (path.isAbsolute(normalized) || normalized.startsWith('..')) {
      throw new Error(`output path "${file.path}" must be relative to dist/<env>/ and stay inside it`);
    }
    if (seen.has(normalized)) throw new Error(`output path "${file.path}" is produced twice; give each construct its own file`);
    seen.add(normalized);
    const abs = path.join(root, normalized);
    try {
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, file.content);
    } catch (err) {
      throw withPath('write', abs, err);
    }
  }
}
