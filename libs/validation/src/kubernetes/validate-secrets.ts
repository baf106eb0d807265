import type { K8sDocument } from '../dist-tree';
import { describeObject } from '../dist-tree';
import type { Finding } from '../finding';
import { EXEMPT_ANNOTATION, EXEMPT_REASON_ANNOTATION } from '../policy/policies';

/** Rule ids of the Secret checks (offline only: in the cluster, controllers legitimately write Secret data). */
export const SECRET_RULES = {
  /** A rendered `v1/Secret` carries `data` or `stringData`. */
  inlineData: 'K8S-SECRET-001',
} as const;

const VALUE_FIELDS = ['data', 'stringData'] as const;

function exempted(object: Record<string, unknown>, rule: string): boolean {
  const annotations = ((object['metadata'] as Record<string, unknown> | undefined)?.['annotations'] ?? {}) as Record<string, unknown>;
  const ids = annotations[EXEMPT_ANNOTATION];
  const reason = annotations[EXEMPT_REASON_ANNOTATION];
  // an exemption without a reason does not count (K8S-EXEMPT-001 reports it)
  return typeof ids === 'string' && ids.split(/[ ,]+/).includes(rule) && typeof reason === 'string' && reason.trim() !== '';
}

/**
 * K8S-SECRET-001: no rendered core `Secret` carries a value (`data` or `stringData`, even empty maps):
 * every rendered file is pushed to the GitOps repository, so a value there is a leaked secret. Secrets
 * come from OpenBao through an `ExternalSecret`. An object annotated `policy.platform.io/exempt:
 * K8S-SECRET-001` with a non-empty `policy.platform.io/exempt-reason` is skipped (e.g. a value that is
 * public by nature). A Secret without values (e.g. a service-account-token Secret the API fills) passes.
 */
export function validateSecrets(docs: readonly K8sDocument[]): Finding[] {
  const findings: Finding[] = [];
  for (const { file, object } of docs) {
    if (object['apiVersion'] !== 'v1' || object['kind'] !== 'Secret') continue;
    if (exempted(object, SECRET_RULES.inlineData)) continue;
    for (const field of VALUE_FIELDS) {
      if (object[field] === undefined || object[field] === null) continue;
      findings.push({
        file,
        object: describeObject(object),
        path: field,
        rule: SECRET_RULES.inlineData,
        message: `a Secret with ${field} would publish its value to the GitOps repository; store the value in OpenBao (<env>/<namespace>/<name>) and render an ExternalSecret (PlatformExternalSecret / ExternalSecretsAddon.deliver) instead`,
      });
    }
  }
  return findings;
}
