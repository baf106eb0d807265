import * as fs from 'node:fs';
import * as path from 'node:path';
import { imagePolicyViolation } from '@platform/config';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * The file holding a service's current image, `images/<env>/<repository>.yaml`. The build pipeline's
 * `gitops-bump-image` task overwrites it after every build with
 * `image: <registry>/<org>/<env>/<repository>:<commit>@sha256:<digest>` and `sourceCommit: <commit>`;
 * synthesis reads it and a bump changes nothing else. Before the first build a sample may hold an
 * initial reference to a published image (pinned by tag or digest, allowed registry, no
 * `sourceCommit`), which the first bump replaces.
 */
export const imageReferenceFileSchema = z.strictObject({
  image: z.string().superRefine((image, ctx) => {
    const violation = imagePolicyViolation(image);
    if (violation) ctx.addIssue({ code: 'custom', message: violation });
  }),
  /** Commit the image was built from (written by the pipeline). @default none (an initial reference, not built here yet) */
  sourceCommit: z
    .string()
    .regex(/^[0-9a-f]{7,40}$/, { message: 'must be a git commit sha' })
    .optional(),
});

export type ImageReference = z.output<typeof imageReferenceFileSchema>;

/** Image references of one environment, by ECR repository name. */
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
 * Reads `<imagesDir>/<env>/<repository>.yaml` for each requested repository.
 * @throws Error naming the environment, the repository and the file when one is missing or invalid
 */
export function readImageReferences(imagesDir: string, environment: string, repositories: readonly string[]): ImageReferences {
  const refs = new Map<string, ImageReference>();
  for (const repository of [...new Set(repositories)].sort()) {
    const file = path.join(imagesDir, environment, `${repository}.yaml`);
    const shown = `images/${environment}/${repository}.yaml`;
    if (!fs.existsSync(file)) {
      throw new Error(`${environment}: image of "${repository}": ${shown} does not exist; run the build pipeline for ${repository} (its gitops-bump-image task writes the file) or add an initial reference (docs/golden-path.md#images)`);
    }
    const result = imageReferenceFileSchema.safeParse(parse(fs.readFileSync(file, 'utf8')));
    if (!result.success) {
      throw new Error(`${environment}: image of "${repository}": ${shown}: ${result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    }
    refs.set(repository, result.data);
  }
  return refs;
}
