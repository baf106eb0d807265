/**
 * Typed subset of the tekton-operator chart 0.81.1 values the platform sets; every key exists in
 * the chart's values.yaml at the same path.
 * @see ../shared/upstream/charts/tekton-operator/0.81.1/values.yaml
 */
export interface TektonOperatorValues {
  /** Render the operator CRDs (TektonConfig, ...) as templates. @see values.yaml `installCRDs` */
  readonly installCRDs: boolean;
  readonly operator: {
    /** @see values.yaml `operator.replicas` */
    readonly replicas: number;
    /** False: the operator waits for the platform's TektonConfig instead of creating a default one. @see values.yaml `operator.autoInstallComponents` */
    readonly autoInstallComponents: boolean;
    /** @see values.yaml `operator.logLevel` */
    readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
    /** Free-form in the chart. @see values.yaml `operator.resources` */
    readonly resources: {
      readonly requests: { readonly cpu: string; readonly memory: string };
      readonly limits: { readonly memory: string };
    };
  };
  readonly webhook: {
    /** @see values.yaml `webhook.replicas` */
    readonly replicas: number;
    /** @see values.yaml `webhook.resources` */
    readonly resources: {
      readonly requests: { readonly cpu: string; readonly memory: string };
      readonly limits: { readonly memory: string };
    };
  };
  /** Pod-level security context (restricted Pod Security). @see values.yaml `podSecurityContext` */
  readonly podSecurityContext: { readonly runAsNonRoot: true; readonly seccompProfile: { readonly type: 'RuntimeDefault' } };
  /** Container security context. @see values.yaml `securityContext` */
  readonly securityContext: {
    readonly allowPrivilegeEscalation: false;
    readonly capabilities: { readonly drop: readonly ['ALL'] };
    readonly readOnlyRootFilesystem: true;
  };
}
