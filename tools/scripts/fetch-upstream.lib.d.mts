/** Types of fetch-upstream.lib.mjs (for its TypeScript tests). */
export interface UpstreamSource {
  readonly local: string;
  readonly repo: string;
  readonly commit: string;
  readonly dirs: readonly string[];
  readonly filter?: RegExp;
  readonly listed?: readonly string[];
  readonly rename?: (name: string) => string;
}
export declare const SOURCES: readonly UpstreamSource[];
export declare const PINNED: Readonly<Record<string, string>>;
export declare function parseSums(text: string): Map<string, string>;
export declare function pinnedFiles(): Map<string, string>;
export declare function sourceFor(path: string): UpstreamSource | undefined;
export declare function urlsFor(path: string): string[];
export declare function sha256(buffer: Buffer | string): string;
export declare function isVerified(target: string, path: string, expected: string): boolean;
export declare function syncFiles(options: {
  target: string;
  files: ReadonlyMap<string, string>;
  fetchImpl: (url: string) => Promise<Buffer | undefined>;
  log?: (line: string) => void;
}): Promise<{ fetched: string[]; skipped: string[]; errors: string[] }>;
export declare function formatSums(files: ReadonlyMap<string, string>): string;
