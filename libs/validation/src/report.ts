import type { Finding } from './finding';
import type { ValidationResult } from './validate-environment';

/** `construct <path>; env field <path>`, the parts that are known; empty when neither is. */
export function sourceHint(f: Finding): string {
  return [f.construct && `construct ${f.construct}`, f.envField && `env field ${f.envField}`].filter(Boolean).join('; ');
}

/**
 * Human report: one `file  object  json-path  rule-id  message[  source]` line per finding (columns
 * separated by two spaces; `source` is {@link sourceHint}, when known), then a summary line with the elapsed time.
 */
export function formatHuman(result: ValidationResult, elapsedMs: number, verbose = false): string {
  const lines = result.findings.map((f) => {
    const hint = sourceHint(f);
    return [f.file, f.object, f.path, f.rule, f.message, ...(hint ? [hint] : [])].join('  ');
  });
  const { celRules, droppedPatterns, notes } = result.coverage;
  lines.push(...notes.map((n) => `INFO  ${n}`));
  lines.push(
    `INFO  CRD CEL rules: ${celRules.evaluated} evaluated, ${celRules.skippedExtensions} skipped (Kubernetes CEL extensions cel-js lacks), ` +
      `${celRules.transition} transition rules (oldSelf, updates only); ${droppedPatterns.length} Go RE2 patterns JavaScript cannot compile dropped` +
      (droppedPatterns.length > 0 && !verbose ? ' (list them with --verbose)' : ''),
  );
  if (verbose) lines.push(...droppedPatterns.map((p) => `INFO  dropped pattern ${p}`));
  const { objects, stacks, helmValues } = result.checked;
  const summary =
    `${result.env}: ${result.findings.length === 0 ? 'OK' : `${result.findings.length} error${result.findings.length === 1 ? '' : 's'}`}` +
    ` (${objects} Kubernetes objects at ${result.kubeVersion}, ${stacks} Terraform stacks, ${helmValues} Helm values file${helmValues === 1 ? '' : 's'}) in ${(elapsedMs / 1000).toFixed(2)}s`;
  return [...lines, summary].join('\n') + '\n';
}

/** Machine-readable report: the array of findings (`file`, `object`, `path`, `rule`, `message`, and `construct`/`envField` when known). */
export function formatJson(findings: readonly Finding[]): string {
  return `${JSON.stringify(findings, null, 2)}\n`;
}
