import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * The file the build pipeline's `gitops-bump-image` task writes per environment and service:
 * `images/<env>/<service>.yaml` with `image: <registry>/<repository>:<tag>@sha256:<digest>` and
 * `sourceCommit: <sha>`. Synthesis reads it; a bump changes nothing else.
 */
export const imageReferenceFileSchema = z.strictObject({
  image: z.string().regex(/^[a-z0-9][a-z0-9._/-]*(:[0-9]+)?\/[a-z0-9._/-]+:[A-Za-z0-9_][A-Za-z0-9._-]{0,127}@sha256:[a-f0-9]{64}$/, {
    message: 'must be <registry>/<repository>:<tag>@sha256:<64 hex digits> (as the build pipeline writes it)',
  }),
  sourceCommit: z.string().regex(/^[0-9a-f]{7,40}$/, { message: 'must be a git commit sha' }),
});

export type ImageReference = z.output<typeof imageReferenceFileSchema>;

/** Image references of one environment, by service (ECR repository) name. */
export type ImageReferences = ReadonlyMap<string, ImageReference>;

/**
 * Where synthesis reads the image references: `PLATFORM_IMAGES_DIR` (the CI job points it at the
 * GitOps checkout's `<basePath>/images`), else the workspace's `images/` folder.
 */
export function defaultImagesDir(): string {
  const fromEnv = process.env['PLATFORM_IMAGES_DIR'];
  if (fromEnv) return path.resolve(fromEnv);
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'nx.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no nx.json above ${__dirname}; set PLATFORM_IMAGES_DIR`);
    dir = up;
  }
  return path.join(dir, 'images');
}

/**
 * Reads `<imagesDir>/<env>/<service>.yaml` for each requested service.
 * @throws Error naming the environment, the service and the file when one is missing or malformed
 */
export function readImageReferences(imagesDir: string, environment: string, services: readonly string[]): ImageReferences {
  const refs = new Map<string, ImageReference>();
  for (const service of [...new Set(services)].sort()) {
    const file = path.join(imagesDir, environment, `${service}.yaml`);
    if (!fs.existsSync(file)) {
      throw new Error(`${environment}: image of service "${service}": ${path.relative(process.cwd(), file)} does not exist; run the build pipeline for ${service} (it writes images/${environment}/${service}.yaml)`);
    }
    const result = imageReferenceFileSchema.safeParse(parse(fs.readFileSync(file, 'utf8')));
    if (!result.success) {
      throw new Error(`${environment}: image of service "${service}": ${path.relative(process.cwd(), file)}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    refs.set(service, result.data);
  }
  return refs;
}
