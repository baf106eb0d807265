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
 * Where synthesis looks for an environment's image references, first hit wins:
 * `PLATFORM_IMAGES_DIR` (an explicit folder, e.g. in tests), the GitOps checkout
 * `PLATFORM_GITOPS_CHECKOUT/<basePath>/images` (the publish workflow: what the build pipeline last
 * wrote), then the workspace's `images/` (initial references).
 */
export function imageSearchDirs(gitopsBasePath: string): string[] {
  const dirs: string[] = [];
  const explicit = process.env['PLATFORM_IMAGES_DIR'];
  if (explicit) dirs.push(path.resolve(explicit));
  const checkout = process.env['PLATFORM_GITOPS_CHECKOUT'];
  if (checkout) dirs.push(path.resolve(checkout, gitopsBasePath, 'images'));
  dirs.push(workspaceImagesDir());
  return dirs;
}

/** The workspace's `images/` folder (next to nx.json). */
export function workspaceImagesDir(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'nx.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no nx.json above ${__dirname}; set PLATFORM_IMAGES_DIR`);
    dir = up;
  }
  return path.join(dir, 'images');
}

/**
 * Reads `<dir>/<env>/<repository>.yaml` for each requested repository from the first of `imagesDirs`
 * that has it.
 * @throws Error naming the environment, the repository and the file when none has it or it is invalid
 */
export function readImageReferences(imagesDirs: string | readonly string[], environment: string, repositories: readonly string[]): ImageReferences {
  const dirs = typeof imagesDirs === 'string' ? [imagesDirs] : imagesDirs;
  const refs = new Map<string, ImageReference>();
  for (const repository of [...new Set(repositories)].sort()) {
    const shown = `images/${environment}/${repository}.yaml`;
    const file = dirs.map((d) => path.join(d, environment, `${repository}.yaml`)).find((f) => fs.existsSync(f));
    if (!file) {
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
