import type { PodSecurityException } from '@platform/k8s-core';

/** Annotation recording why a namespace runs below `restricted`. */
export const PSA_EXCEPTION_REASON_ANNOTATION = 'platform.io/psa-exception-reason';

/**
 * Policy exemption annotations (docs/validation.md): a namespace below `restricted` is exempt from
 * rule K8S-NS-001 only when it carries the rule id and the reason.
 */
export const POLICY_EXEMPT_ANNOTATION = 'policy.platform.io/exempt';
export const POLICY_EXEMPT_REASON_ANNOTATION = 'policy.platform.io/exempt-reason';
/** Policy rule that requires `restricted` Pod Security on every namespace. */
export const PSA_POLICY_RULE = 'K8S-NS-001';

/** The annotations of a namespace with a Pod Security exception: the reason and the K8S-NS-001 exemption. */
export function podSecurityExceptionAnnotations(exception: PodSecurityException): Record<string, string> {
  return {
    [PSA_EXCEPTION_REASON_ANNOTATION]: exception.reason,
    [POLICY_EXEMPT_ANNOTATION]: PSA_POLICY_RULE,
    [POLICY_EXEMPT_REASON_ANNOTATION]: exception.reason,
  };
}

/**
 * Pod Security Admission labels: enforce, audit and warn at the same level, pinned to the
 * cluster's Kubernetes minor (`kubernetesVersion`, `cluster.version`, e.g. `1.34`) so a control-plane
 * upgrade never tightens policy silently.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
 */
export function podSecurityLabels(kubernetesVersion: string, exception?: PodSecurityException): Record<string, string> {
  const level = exception?.level ?? 'restricted';
  const version = `v${kubernetesVersion}`;
  const labels: Record<string, string> = {};
  for (const mode of ['enforce', 'audit', 'warn'] as const) {
    labels[`pod-security.kubernetes.io/${mode}`] = level;
    labels[`pod-security.kubernetes.io/${mode}-version`] = version;
  }
  return labels;
}
