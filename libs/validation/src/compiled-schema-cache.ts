import { isAscii } from 'node:buffer';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { cachedDataVersionTag } from 'node:v8';
import { Script } from 'node:vm';
import { crc32 } from 'node:zlib';
import type { ValidateFunction } from 'ajv';
import type AjvCore from 'ajv/dist/core';
import standaloneCode from 'ajv/dist/standalone';

/**
 * The module name the cached validators `require` their formats from (`code.formats` of the Ajv instance);
 * the cache hands them the live format table, so format functions are never copied into the cache.
 */
export const CACHED_FORMATS_MODULE = 'platform:schema-formats';

/** Bump when the way validators are generated or loaded changes without the schema or Ajv changing. */
const CACHE_LAYOUT = 1;

/**
 * Where compiled validators are kept across processes: `$PLATFORM_SCHEMA_CACHE` (`off` disables the cache),
 * else `node_modules/.cache/platform-schemas` of the `node_modules` that holds ajv (the find-cache-dir
 * convention, so `npm ci` starts empty and every worktree sharing `node_modules` shares it).
 */
export function defaultSchemaCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env['PLATFORM_SCHEMA_CACHE'];
  if (configured === 'off') return undefined;
  if (configured) return configured;
  return join(dirname(dirname(require.resolve('ajv/package.json'))), '.cache', 'platform-schemas');
}

export interface CompiledSchemaCacheProps {
  /** Cache folder; `undefined` compiles every time. */
  readonly dir: string | undefined;
  /** The Ajv instance the validators are compiled with; needs `code: { source: true, formats: _\`require(CACHED_FORMATS_MODULE)\` }`. */
  readonly ajv: AjvCore;
  /** The formats registered on `ajv` (what {@link CACHED_FORMATS_MODULE} resolves to). */
  readonly formats: Readonly<Record<string, unknown>>;
  /** Everything besides the schema text that changes the generated code: Ajv options, format definitions. */
  readonly salt: string;
}

/**
 * Compiled JSON Schema validators cached as Ajv standalone code, keyed by the SHA-256 of the Ajv version, the
 * options and formats (`salt`) and the exact schema text (with everything it references). A key therefore
 * names one generated function: a changed schema, reference data file, normalizer or Ajv version is a new key,
 * never a stale hit. Entries are written atomically (temp file + rename), so concurrent processes never read
 * a partial file; an entry that fails to load is compiled again and rewritten. Generated code is deterministic.
 *
 * Compiling is what dominates validation (most of a `validate <env>` CPU profile is Ajv code generation);
 * loading the cached code is a `new Function` of it.
 */
export class CompiledSchemaCache {
  private readonly salt: string;
  /** Validators already loaded in this process, by key (several registries in one process share them). */
  private static readonly loaded = new Map<string, ValidateFunction>();
  /** Scripts loaded in this process whose V8 code cache is still to be stored, by code-cache file. */
  private static readonly withoutCodeCache = new Map<string, { readonly script: Script; readonly sourceCrc: number }>();
  /** Validators this process loaded with a V8 code cache that V8 accepted (for tests). */
  static codeCacheHits = 0;

  constructor(private readonly props: CompiledSchemaCacheProps) {
    this.salt = `${CACHE_LAYOUT}\0${ajvVersion()}\0${props.salt}`;
  }

  /** The key of a schema: `schemaText` must contain everything the validator depends on. */
  key(schemaText: string): string {
    return createHash('sha256').update(this.salt).update('\0').update(schemaText).digest('hex');
  }

  /**
   * The validator stored under `key`, else `compile()`'s, stored for the next process.
   * `compile` returning `undefined` (no schema) is not cached.
   */
  validator(key: string, compile: () => ValidateFunction | undefined): ValidateFunction | undefined {
    const inProcess = CompiledSchemaCache.loaded.get(key);
    if (inProcess) return inProcess;
    const { dir } = this.props;
    const file = dir === undefined ? undefined : join(dir, `${key}.js`);
    if (file !== undefined) {
      const cached = this.load(file);
      if (cached) {
        CompiledSchemaCache.loaded.set(key, cached);
        return cached;
      }
    }
    const validate = compile();
    if (validate === undefined) return undefined;
    if (file !== undefined) this.store(file, validate);
    CompiledSchemaCache.loaded.set(key, validate);
    return validate;
  }

  private load(file: string): ValidateFunction | undefined {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      return undefined;
    }
    // Generated code is nearly always ASCII, where latin1 decodes the same and much faster than utf8 (27 MB for prod).
    const code = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
    const codeCacheFile = codeCacheFileOf(file);
    const sourceCrc = crc32(bytes);
    const cachedData = readCodeCache(codeCacheFile, sourceCrc);
    try {
      const module: { exports: unknown } = { exports: {} };
      const formats = this.props.formats;
      // The generated code requires Ajv's runtime helpers (`ajv/dist/runtime/*`, ajv-formats) and our formats.
      const requireFor = (id: string): unknown => (id === CACHED_FORMATS_MODULE ? formats : requireRuntime(id));
      // What `new Function('module', 'exports', 'require', code)` does, through a Script so V8 can use a code cache.
      const script = new Script(`(function (module, exports, require) {${code}\n})`, { filename: file, cachedData });
      (script.runInThisContext() as (m: unknown, e: unknown, r: unknown) => void)(module, module.exports, requireFor);
      if (typeof module.exports !== 'function') return undefined;
      if (cachedData === undefined || script.cachedDataRejected === true) CompiledSchemaCache.withoutCodeCache.set(codeCacheFile, { script, sourceCrc });
      else CompiledSchemaCache.codeCacheHits++;
      return module.exports as ValidateFunction;
    } catch {
      return undefined;
    }
  }

  /**
   * Stores the V8 code cache of every validator this process loaded without one (or with one V8 rejected),
   * so the next process deserializes the compiled code instead of parsing and compiling about 27 MB of
   * generated JavaScript (docs/performance.md). Call it after validating: the code cache then holds the
   * functions V8 compiled lazily on their first call too.
   */
  static storeCodeCaches(): void {
    for (const [file, { script, sourceCrc }] of CompiledSchemaCache.withoutCodeCache) {
      writeAtomically(file, () => {
        const data = script.createCachedData();
        const header = Buffer.alloc(CODE_CACHE_HEADER_BYTES);
        header.writeUInt32BE(sourceCrc, 0);
        header.writeUInt32BE(crc32(data), 4);
        return Buffer.concat([header, data]);
      });
    }
    CompiledSchemaCache.withoutCodeCache.clear();
  }

  private store(file: string, validate: ValidateFunction): void {
    writeAtomically(file, () => standaloneCode(this.props.ajv, validate));
  }
}

/**
 * A parsed YAML file (reference data, the synthesized tree) stored as JSON in the cache folder `dir` under the
 * SHA-256 of `purpose` and its text, so the next process reads JSON instead of parsing YAML. `purpose` names what
 * `parse` returns (each caller its own), so two callers parsing the same text differently never share an entry.
 * A value JSON cannot represent exactly is not stored; `dir` undefined parses every time.
 */
export function parsedWithCache<T>(dir: string | undefined, purpose: string, text: string, parse: (text: string) => T): T {
  if (dir === undefined) return parse(text);
  const file = join(dir, `${createHash('sha256').update(`${CACHE_LAYOUT}\0parsed\0${purpose}\0`).update(text).digest('hex')}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    // not cached yet (or unreadable): parse below
  }
  const value = parse(text);
  const json = JSON.stringify(value);
  if (json !== undefined && isDeepStrictEqual(JSON.parse(json), value)) writeAtomically(file, () => json);
  return value;
}

/** Where the V8 code cache of the cached validator `file` is kept, for this V8 version and flags. */
function codeCacheFileOf(file: string): string {
  return `${file.slice(0, -'.js'.length)}.${V8_TAG}.v8cache`;
}

/**
 * The V8 code cache in `file` when it belongs to the source with CRC-32 `sourceCrc` and is intact: V8 itself only
 * checks its version, flags and the source length, not the payload, so a code-cache file starts with the CRC-32
 * of the source and of the payload (8 bytes), and anything else is ignored (and rewritten after the run).
 */
function readCodeCache(file: string, sourceCrc: number): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  if (bytes.length <= CODE_CACHE_HEADER_BYTES || bytes.readUInt32BE(0) !== sourceCrc) return undefined;
  const data = bytes.subarray(CODE_CACHE_HEADER_BYTES);
  return crc32(data) === bytes.readUInt32BE(4) ? data : undefined;
}

/** Writes `content()` to `file` through a temp file and a rename, so readers see all of it or nothing. */
function writeAtomically(file: string, content: () => string | Buffer): void {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const text = content();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch {
    // The cache is an optimization: a read-only or full disk only means compiling (parsing) again next time.
    rmSync(tmp, { force: true });
  }
}

const requireRuntime = createRequire(__filename);

const CODE_CACHE_HEADER_BYTES = 8;

/** V8's version, flags and CPU features: a code cache is only valid for the same tag, so it is part of the name. */
const V8_TAG = cachedDataVersionTag().toString(16);

function ajvVersion(): string {
  return (JSON.parse(readFileSync(require.resolve('ajv/package.json'), 'utf8')) as { version: string }).version;
}
