export function walkFiles(dir: string, options?: { readonly skipDirs?: readonly string[] }): Generator<string>;
