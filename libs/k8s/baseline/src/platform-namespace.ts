import type { PodSecurityException } from '@platform/k8s-core';
import { KubeNamespace } from '@platform/k8s-imports/k8s';
import { Construct } from 'constructs';
import { podSecurityExceptionAnnotations, podSecurityLabels } from './pod-security';

export interface PlatformNamespaceProps {
  /** Environment name (`name`), the prefix of error messages. */
  readonly environment: string;
  /** Kubernetes minor of the cluster (`cluster.version`, e.g. `1.34`): the Pod Security label version. */
  readonly kubernetesVersion: string;
  /** Namespace name. */
  readonly name: string;
  /** Pod Security exception (level and reason, at least 10 characters). @default restricted */
  readonly podSecurity?: PodSecurityException;
  /** Extra labels (e.g. `platform.io/tenant`). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** Extra annotations (e.g. owner). @default {} */
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * ArgoCD keeps the Namespace when its Application is deleted (or cascades): deleting a Namespace
 * deletes everything in it, including what other Applications and tenants put there.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/#no-resource-deletion
 */
export const KEEP_ON_DELETE_ANNOTATION = { 'argocd.argoproj.io/sync-options': 'Delete=false' } as const;

/**
 * A Namespace with Pod Security Admission labels, `restricted` unless an exception with a reason
 * is declared (recorded as `platform.io/psa-exception-reason` and as the K8S-NS-001 policy
 * exemption `policy.platform.io/exempt` + `policy.platform.io/exempt-reason`). Never deleted by ArgoCD.
 * @throws Error naming the namespace when an exception has an empty reason
 */
export class PlatformNamespace extends Construct {
  public readonly namespace: KubeNamespace;

  constructor(scope: Construct, id: string, props: PlatformNamespaceProps) {
    super(scope, id);
    if (props.podSecurity && props.podSecurity.reason.trim().length < 10) {
      throw new Error(`${props.environment}: PlatformNamespace ${props.name}: podSecurity.reason "${props.podSecurity.reason}" must explain the ${props.podSecurity.level} exception`);
    }
    this.namespace = new KubeNamespace(this, 'namespace', {
      metadata: {
        name: props.name,
        labels: { 'app.kubernetes.io/managed-by': 'platform', ...podSecurityLabels(props.kubernetesVersion, props.podSecurity), ...props.labels },
        annotations: { ...KEEP_ON_DELETE_ANNOTATION, ...(props.podSecurity ? podSecurityExceptionAnnotations(props.podSecurity) : {}), ...props.annotations },
      },
    });
  }
}
