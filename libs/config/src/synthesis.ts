/** One output file, relative to `dist/<env>/`, e.g. `terraform/network/cdk.tf.json`. */
export interface SynthesizedFile {
  readonly path: string;
  readonly content: string;
}

/** What one app (Terraform or Kubernetes side) produced for an environment. */
export interface AppSynthesis {
  readonly files: readonly SynthesizedFile[];
  /** Versions this output pins, merged into `manifest.json` (e.g. chart name -> version). */
  readonly versions: Readonly<Record<string, string>>;
}
