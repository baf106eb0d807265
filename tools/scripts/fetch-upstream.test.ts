import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSums, PINNED, pinnedFiles, sha256, SOURCES, syncFiles, urlsFor } from './fetch-upstream.lib.mjs';

const UPSTREAM = process.env['PLATFORM_UPSTREAM_DIR'] ?? join(__dirname, '../../../shared/upstream');
/** The reference data (always present in CI): a missing file fails the test with how to get it, never skips it. */
function referenceData(path: string): string {
  const file = join(UPSTREAM, path);
  if (!existsSync(file)) {
    throw new Error(`reference data ${file} not found: set PLATFORM_UPSTREAM_DIR or fetch it with tools/scripts/fetch-upstream.sh`);
  }
  return file;
}

const RAW = /^https:\/\/raw\.githubusercontent\.com\/([^/]+\/[^/]+)\/([0-9a-f]{40})\/(.+)$/;

describe('fetch-upstream pinned table', () => {
  it('maps every pinned file to raw.githubusercontent.com URLs at its source commit (dry run)', () => {
    for (const [path, sha] of Object.entries(PINNED)) {
      expect(sha).toMatch(/^[0-9a-f]{64}$/);
      const urls = urlsFor(path);
      expect(urls.length).toBeGreaterThan(0);
      const source = SOURCES.find((s) => path.startsWith(`${s.local}/`));
      for (const url of urls) {
        const m = RAW.exec(url);
        expect(m).not.toBeNull();
        expect(m?.[1]).toBe(source?.repo);
        expect(m?.[2]).toBe(source?.commit);
      }
    }
    expect(urlsFor('examples/tekton-operator/v0.81.1/tektonconfig-all.yaml')[0]).toMatch(/config\/crs\/kubernetes\/config\/all\/operator_v1alpha1_config_cr\.yaml$/);
  });

  it('covers exactly the files of the reference data SHA256SUMS, with the same checksums', () => {
    expect(pinnedFiles()).toEqual(parseSums(readFileSync(referenceData('SHA256SUMS'), 'utf8')));
  });
});

describe('syncFiles', () => {
  const body = (path: string) => Buffer.from(`content of ${path}\n`);
  const files = new Map(['charts/argo-cd/10.1.1/values.yaml', 'kubernetes/v1.34.0/_definitions.json'].map((p) => [p, sha256(body(p))]));
  let server: Server;
  let base = '';
  const served: string[] = [];

  beforeAll(async () => {
    // A local file server on 127.0.0.1 standing in for raw.githubusercontent.com.
    server = createServer((req, res) => {
      served.push(req.url ?? '');
      const path = [...files.keys()].find((p) => urlsFor(p).some((u) => u.endsWith(req.url ?? '\u0000')));
      if (!path) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200).end(body(path));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  const localFetch = async (url: string): Promise<Buffer | undefined> => {
    const res = await fetch(url.replace('https://raw.githubusercontent.com', base));
    return res.status === 404 ? undefined : Buffer.from(await res.arrayBuffer());
  };

  it('downloads and verifies missing files, then skips every file that already verifies (cache hit: no download)', async () => {
    const target = mkdtempSync(join(tmpdir(), 'upstream-'));
    const first = await syncFiles({ target, files, fetchImpl: localFetch });
    expect(first).toEqual({ fetched: [...files.keys()].sort(), skipped: [], errors: [] });
    expect(served).toHaveLength(2);
    expect(readFileSync(join(target, 'charts/argo-cd/10.1.1/values.yaml'), 'utf8')).toBe('content of charts/argo-cd/10.1.1/values.yaml\n');

    served.length = 0;
    const second = await syncFiles({ target, files, fetchImpl: localFetch });
    expect(second).toEqual({ fetched: [], skipped: [...files.keys()].sort(), errors: [] });
    expect(served).toEqual([]);

    // A locally modified file no longer verifies, so it is fetched again.
    writeFileSync(join(target, 'kubernetes/v1.34.0/_definitions.json'), '{}');
    const third = await syncFiles({ target, files, fetchImpl: localFetch });
    expect(third.fetched).toEqual(['kubernetes/v1.34.0/_definitions.json']);
    expect(served).toHaveLength(1);
  });

  it('rejects a download whose checksum does not match the pin, and does not write it', async () => {
    const target = mkdtempSync(join(tmpdir(), 'upstream-'));
    const result = await syncFiles({ target, files, fetchImpl: async () => Buffer.from('tampered') });
    expect(result.fetched).toEqual([]);
    expect(result.errors).toHaveLength(2);
    expect(result.errors[0]).toMatch(/^charts\/argo-cd\/10\.1\.1\/values\.yaml: sha256 [0-9a-f]{64} does not match the pinned/);
    expect(existsSync(join(target, 'charts/argo-cd/10.1.1/values.yaml'))).toBe(false);
  });
});

describe('fetch-upstream CLI', () => {
  const cli = join(__dirname, 'fetch-upstream.mjs');

  it('--dry-run prints each pinned file with its URL at the pinned commit and downloads nothing', () => {
    const target = mkdtempSync(join(tmpdir(), 'upstream-'));
    const out = execFileSync(process.execPath, [cli, target, '--dry-run', '--only', 'charts/argo-cd/'], { encoding: 'utf8' });
    expect(out.trim().split('\n')).toEqual([
      'charts/argo-cd/10.1.1/Chart.yaml <- https://raw.githubusercontent.com/argoproj/argo-helm/af0a9310bacbaa4636018dfe22c801a6d33a5c43/charts/argo-cd/Chart.yaml',
      'charts/argo-cd/10.1.1/values.yaml <- https://raw.githubusercontent.com/argoproj/argo-helm/af0a9310bacbaa4636018dfe22c801a6d33a5c43/charts/argo-cd/values.yaml',
    ]);
    expect(existsSync(join(target, 'charts'))).toBe(false);
  });

  it('skips files that already verify (a cache hit fetches nothing)', () => {
    const target = mkdtempSync(join(tmpdir(), 'upstream-'));
    mkdirSync(join(target, 'charts/argo-cd/10.1.1'), { recursive: true });
    for (const f of ['Chart.yaml', 'values.yaml']) copyFileSync(referenceData(`charts/argo-cd/10.1.1/${f}`), join(target, 'charts/argo-cd/10.1.1', f));
    const out = execFileSync(process.execPath, [cli, target, '--only', 'charts/argo-cd/'], { encoding: 'utf8' });
    expect(out).toContain('0 fetched, 2 already verified, 0 failed');
  });
});
