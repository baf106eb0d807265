import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Builds a directory next to `target` and swaps it into place only when `build` succeeds, so a
 * failure leaves the previous `target` byte-identical (ADR 0010).
 * @param build writes the complete new content into the directory it is given
 */
export async function replaceDirectoryAtomically(target: string, build: (staging: string) => Promise<void> | void): Promise<void> {
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const base = path.basename(target);
  const staging = fs.mkdtempSync(path.join(parent, `.${base}.staging-`));
  try {
    await build(staging);
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  const retired = `${staging}.previous`;
  const hadPrevious = fs.existsSync(target);
  if (hadPrevious) fs.renameSync(target, retired);
  try {
    fs.renameSync(staging, target);
  } catch (err) {
    if (hadPrevious) fs.renameSync(retired, target);
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  if (hadPrevious) fs.rmSync(retired, { recursive: true, force: true });
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
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, file.content);
  }
}
