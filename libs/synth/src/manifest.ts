import { createHash } from 'node:crypto';
import { type SynthesizedFile } from '@platform/config';
import { compareCodeUnits } from '@platform/validation/render';

/** npm packages whose versions shape the output; recorded in every manifest. */
export const TOOL_PACKAGES = ['cdktn', '@cdktn/provider-aws', 'cdk8s', 'cdk8s-plus-34', 'constructs'] as const;

export interface ManifestFileEntry {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** `dist/<env>/manifest.json`: what was built, from what, with which pinned versions (ADR 0006). */
export interface SynthManifest {
  readonly schemaVersion: 1;
  readonly environment: string;
  /** Kubernetes minor of the cluster (`cluster.version`), e.g. `1.34`; validation checks core kinds against it. */
  readonly kubernetesVersion: string;
  /**
   * Git commit of the source tree, recorded by publish in the GitOps copy only (ADR 0047): synth
   * leaves it out, so its output and Nx cache key do not depend on HEAD. `<sha>-dirty-<hash>` when
   * published with --allow-dirty.
   */
  readonly sourceCommit?: string;
  readonly tools: Readonly<Record<string, string>>;
  readonly versions: Readonly<Record<string, string>>;
  readonly files: readonly ManifestFileEntry[];
}

/** Installed versions of `TOOL_PACKAGES`, read from their package.json. */
export function toolVersions(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pkg of TOOL_PACKAGES) {
    // Reads only package.json metadata of the fixed TOOL_PACKAGES list.
    // eslint-disable-next-line no-restricted-syntax
    out[pkg] = (require(`${pkg}/package.json`) as { version: string }).version;
  }
  return out;
}

function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareCodeUnits(a, b)));
}

export interface BuildManifestProps {
  readonly environment: string;
  /** Kubernetes minor, e.g. `1.34`. */
  readonly kubernetesVersion: string;
  /** Pinned versions reported by the apps (chart and provider versions). */
  readonly versions: Readonly<Record<string, string>>;
  /** Every output file except manifest.json itself. */
  readonly files: readonly SynthesizedFile[];
}

/** The manifest of one synthesized environment: files sorted by path with sha256 and size, versions sorted by key. */
export function buildManifest(props: BuildManifestProps): SynthManifest {
  return {
    schemaVersion: 1,
    environment: props.environment,
    kubernetesVersion: props.kubernetesVersion,
    tools: sortedRecord(toolVersions()),
    versions: sortedRecord(props.versions),
    files: [...props.files]
      .sort((a, b) => compareCodeUnits(a.path, b.path))
      .map((f) => ({ path: f.path, sha256: createHash('sha256').update(f.content).digest('hex'), bytes: Buffer.byteLength(f.content) })),
  };
}
