#!/usr/bin/env node
// Downloads the pinned upstream reference data (chart values.yaml/values.schema.json/Chart.yaml, CRD YAML,
// Kubernetes API definitions) that `nx validate` and `tools/scripts/import-crds.sh` read, from
// raw.githubusercontent.com at the exact commits listed in SOURCES.md. Files are never edited.
//
// Usage:
//   node tools/scripts/fetch-upstream.mjs <target-dir> [--sums <SHA256SUMS file>] [--only <prefix>]... [--dry-run]
//   node tools/scripts/fetch-upstream.mjs <target-dir> --list --only <local folder>
//
// Which files: the pinned table in fetch-upstream.lib.mjs (PINNED: path -> sha256), or the lines of a
// SHA256SUMS file given with `--sums`. A file that already verifies against its checksum is skipped, so a
// CI cache hit downloads nothing; every other file is downloaded and verified before it is written.
// After a complete run, <target-dir>/SHA256SUMS lists exactly the pinned files.
// `--only charts/argo-cd` restricts the run to paths starting with that prefix (repeatable).
// `--dry-run` prints each file with the URL(s) it would be fetched from, and downloads nothing.
// `--list` (to pin a new source): lists the source folders through the GitHub contents API
// (api.github.com) at the pinned commit, downloads the files, and prints their `path: sha256` lines to add
// to PINNED after review. GITHUB_TOKEN, when set, is sent to api.github.com only.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatSums, parseSums, pinnedFiles, sha256, SOURCES, syncFiles, urlsFor } from './fetch-upstream.lib.mjs';

function usage(message) {
  if (message) process.stderr.write(`error: ${message}\n`);
  process.stderr.write('usage: node tools/scripts/fetch-upstream.mjs <target-dir> [--sums <SHA256SUMS>] [--only <prefix>]... [--dry-run] [--list]\n');
  process.exit(2);
}

async function download(url) {
  const res = await fetch(url, { redirect: 'follow' });
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

async function listDir(source, dir) {
  const headers = { Accept: 'application/vnd.github+json', 'User-Agent': 'platform-fetch-upstream' };
  if (process.env.GITHUB_TOKEN) headers.Authorization = `Bearer ${process.env.GITHUB_TOKEN}`;
  const url = `https://api.github.com/repos/${source.repo}/contents/${dir}?ref=${source.commit}`;
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()).filter((e) => e.type === 'file' || e.type === 'symlink').map((e) => e.name);
}

/** `--list`: the files of the selected sources, found through the contents API, with their checksums. */
async function listUnpinned(only) {
  const files = [];
  for (const source of SOURCES) {
    if (!only.some((o) => source.local.startsWith(o) || o.startsWith(source.local))) continue;
    if (source.listed) {
      files.push(...source.listed.map((n) => `${source.local}/${n}`));
      continue;
    }
    for (const dir of source.dirs) {
      for (const name of await listDir(source, dir)) if (source.filter.test(name)) files.push(`${source.local}/${name}`);
    }
  }
  for (const path of [...new Set(files)].sort()) {
    let body;
    for (const url of urlsFor(path)) if ((body = await download(url))) break;
    if (!body) throw new Error(`${path}: not found upstream`);
    process.stdout.write(`  '${path}': '${sha256(body)}',\n`);
  }
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { sums: { type: 'string' }, only: { type: 'string', multiple: true }, 'dry-run': { type: 'boolean' }, list: { type: 'boolean' } },
  });
  if (positionals.length !== 1) usage();
  const target = resolve(positionals[0]);
  const only = values.only ?? [];
  if (values.list) {
    if (only.length === 0) usage('--list needs --only <local folder>');
    await listUnpinned(only);
    return 0;
  }
  if (values.sums && !existsSync(resolve(values.sums))) usage(`--sums ${values.sums} not found`);
  const all = values.sums ? parseSums(readFileSync(resolve(values.sums), 'utf8')) : pinnedFiles();
  const files = new Map([...all].filter(([p]) => only.length === 0 || only.some((o) => p.startsWith(o))));
  if (files.size === 0) usage('nothing to fetch (check --only)');
  if (values['dry-run']) {
    let unknown = 0;
    for (const path of [...files.keys()].sort()) {
      const urls = urlsFor(path);
      if (urls.length === 0) unknown++;
      process.stdout.write(`${path} <- ${urls.length > 0 ? urls.join(' | ') : '(no upstream source known)'}\n`);
    }
    return unknown === 0 ? 0 : 1;
  }
  mkdirSync(target, { recursive: true });
  const result = await syncFiles({ target, files, fetchImpl: download, log: (line) => process.stdout.write(`${line}\n`) });
  for (const e of result.errors) process.stderr.write(`error: ${e}\n`);
  const sumsFile = join(target, 'SHA256SUMS');
  const current = existsSync(sumsFile) ? parseSums(readFileSync(sumsFile, 'utf8')) : new Map();
  const same = current.size === all.size && [...all].every(([p, sha]) => current.get(p) === sha);
  if (result.errors.length === 0 && only.length === 0 && !same) writeFileSync(sumsFile, formatSums(all));
  process.stdout.write(`${result.fetched.length} fetched, ${result.skipped.length} already verified, ${result.errors.length} failed, in ${target}\n`);
  return result.errors.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`error: ${err.message}\n`);
    process.exit(1);
  },
);
