import type { EnvironmentConfig } from '@platform/config';
import type { PodSecurityException } from '@platform/k8s-core';

/** Annotation recording why a namespace runs below `restricted`. */
export const PSA_EXCEPTION_REASON_ANNOTATION = 'platform.io/psa-exception-reason';

/**
 * Pod Security Admission labels: enforce, audit and warn at the same level, pinned to the
 * cluster's Kubernetes minor so a control-plane upgrade never tightens policy silently.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
 */
export function podSecurityLabels(env: EnvironmentConfig, exception?: PodSecurityException): Record<string, string> {
  const level = exception?.level ?? 'restricted';
  const version = `v${env.cluster.version}`;
  const labels: Record<string, string> = {};
  for (const mode of ['enforce', 'audit', 'warn'] as const) {
    labels[`pod-security.kubernetes.io/${mode}`] = level;
    labels[`pod-security.kubernetes.io/${mode}-version`] = version;
  }
  return labels;
}
