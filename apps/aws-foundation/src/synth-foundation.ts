import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AppSynthesis, EnvironmentConfig, SynthesizedFile } from '@platform/config';
import { AWS_PROVIDER_VERSION, TARGET_VERSIONS } from '@platform/aws-core';
import { App } from 'cdktn';
import { buildFoundation } from './foundation-app';

/**
 * Synthesizes every stack of the environment to `terraform/<stack>/cdk.tf.json`, in process,
 * without the cdktn CLI. cdktn writes keys in stable order; its own manifest is dropped.
 */
export function synthFoundation(env: EnvironmentConfig): AppSynthesis {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `platform-cdktn-${env.name}-`));
  try {
    const app = new App({ outdir, stackTraces: false, context: { excludeStackIdFromLogicalIds: true, allowSepCharsInLogicalIds: true, targetVersions: TARGET_VERSIONS } });
    buildFoundation(app, env);
    app.synth();
    const stacksDir = path.join(outdir, 'stacks');
    const files: SynthesizedFile[] = fs
      .readdirSync(stacksDir)
      .sort()
      .map((stack) => ({
        path: `terraform/${stack}/cdk.tf.json`,
        content: `${fs.readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8').trimEnd()}\n`,
      }));
    return { files, versions: { 'terraform-provider-aws': AWS_PROVIDER_VERSION } };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
