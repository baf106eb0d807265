/**
 * Typed subset of the argo-cd chart 10.1.1 values the platform sets. Every key exists in the
 * chart's values.yaml at the same path; the validation gate checks that on every synth.
 * @see ../shared/upstream/charts/argo-cd/10.1.1/values.yaml
 */
export interface ArgoCdResources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly memory: string };
}

export interface ArgoCdComponentValues {
  /** @see values.yaml `controller.replicas`, `server.replicas`, ... */
  readonly replicas: number;
  readonly resources: ArgoCdResources;
  readonly pdb?: { readonly enabled: boolean; readonly minAvailable?: number };
}

export interface ArgoCdValues {
  readonly global: {
    /** Hostname of the ArgoCD UI. @see values.yaml `global.domain` */
    readonly domain: string;
    /** PriorityClass of every ArgoCD component. @see values.yaml `global.priorityClassName` */
    readonly priorityClassName: string;
    readonly logging: { readonly format: 'text' | 'json'; readonly level: 'debug' | 'info' | 'warn' | 'error' };
    readonly networkPolicy: { readonly create: boolean; readonly defaultDenyIngress: boolean };
  };
  readonly crds: { readonly install: boolean; readonly keep: boolean };
  readonly configs: {
    /** argocd-cm entries. @see values.yaml `configs.cm` */
    readonly cm: Readonly<Record<string, string | boolean>>;
    /** argocd-cmd-params-cm entries. @see values.yaml `configs.params` */
    readonly params: Readonly<Record<string, string | number | boolean>>;
    /** argocd-rbac-cm entries (`policy.default`, `policy.csv`, `scopes`). @see values.yaml `configs.rbac` */
    readonly rbac: Readonly<Record<string, string>>;
  };
  readonly controller: ArgoCdComponentValues;
  readonly server: ArgoCdComponentValues & { readonly autoscaling: { readonly enabled: boolean; readonly minReplicas: number } };
  readonly repoServer: ArgoCdComponentValues & { readonly autoscaling: { readonly enabled: boolean; readonly minReplicas: number } };
  readonly applicationSet: ArgoCdComponentValues;
  readonly dex: { readonly enabled: boolean };
  readonly redis: { readonly enabled: boolean };
  /** redis-ha subchart; replaces `redis` when enabled. @see values.yaml `redis-ha.enabled` */
  readonly 'redis-ha': { readonly enabled: boolean };
}
