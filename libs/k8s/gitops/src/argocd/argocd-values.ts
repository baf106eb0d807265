/**
 * Typed subset of the argo-cd chart 10.1.1 values the platform sets. Every key exists in the
 * chart's values.yaml at the same path; the validation gate checks that on every synth.
 * @see ../shared/upstream/charts/argo-cd/10.1.1/values.yaml
 */
export interface ArgoCdResources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly memory: string };
}

/**
 * A component's metrics Service and its ServiceMonitor (rendered by the chart only when the cluster serves
 * `monitoring.coreos.com/v1`, so the bootstrap `helm install` before the monitor CRDs skips it).
 * @see values.yaml `controller.metrics`, `server.metrics`, `repoServer.metrics`, `applicationSet.metrics`
 */
export interface ArgoCdMetricsValues {
  readonly enabled: boolean;
  readonly serviceMonitor: { readonly enabled: boolean };
}

export interface ArgoCdComponentValues {
  /** @see values.yaml `controller.replicas`, `server.replicas`, ... */
  readonly replicas: number;
  readonly resources: ArgoCdResources;
  readonly pdb?: { readonly enabled: boolean; readonly minAvailable?: number };
  readonly metrics: ArgoCdMetricsValues;
}

/**
 * The argocd-server Ingress. With `controller: aws` the chart also renders the Service
 * `argocd-server-grpc` (`alb.ingress.kubernetes.io/backend-protocol-version: GRPC`) and routes
 * `Content-Type: application/grpc` requests (the argocd CLI) to it.
 * @see values.yaml `server.ingress`
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/ingress/#aws-application-load-balancers-albs-and-classic-elb-http-mode
 */
export interface ArgoCdServerIngressValues {
  readonly enabled: boolean;
  /** @see values.yaml `server.ingress.controller` (`generic`, `aws` or `gke`) */
  readonly controller: 'generic' | 'aws' | 'gke';
  readonly ingressClassName: string;
  /** Ingress annotations (ALB settings). @see values.yaml `server.ingress.annotations` */
  readonly annotations: Readonly<Record<string, string>>;
  /** @default global.domain. @see values.yaml `server.ingress.hostname` */
  readonly hostname: string;
  /** TLS from Secret `argocd-server-tls`; false with an ALB, which terminates TLS with an ACM certificate. @see values.yaml `server.ingress.tls` */
  readonly tls: boolean;
  readonly aws: {
    /** @see values.yaml `server.ingress.aws.backendProtocolVersion` */
    readonly backendProtocolVersion: 'GRPC';
    /** `ClusterIP` for `target-type: ip`. @see values.yaml `server.ingress.aws.serviceType` */
    readonly serviceType: 'ClusterIP' | 'NodePort';
  };
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
  readonly server: ArgoCdComponentValues & { readonly autoscaling: { readonly enabled: boolean; readonly minReplicas: number }; readonly ingress: ArgoCdServerIngressValues };
  readonly repoServer: ArgoCdComponentValues & { readonly autoscaling: { readonly enabled: boolean; readonly minReplicas: number } };
  readonly applicationSet: ArgoCdComponentValues;
  readonly dex: { readonly enabled: boolean };
  readonly redis: { readonly enabled: boolean };
  /** redis-ha subchart; replaces `redis` when enabled. @see values.yaml `redis-ha.enabled` */
  readonly 'redis-ha': { readonly enabled: boolean };
}
