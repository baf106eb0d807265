/** An image map of the falco charts (`registry` + `repository` + `tag`). */
export interface FalcoImage {
  readonly registry: string;
  readonly repository: string;
  readonly tag: string;
}

/** Requests and limits; the CPU limit is explicit because the chart sets one by default (1000m). */
export interface FalcoResources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

/**
 * Typed subset of the falco chart 9.1.0 values the platform sets.
 * @see ../shared/upstream/charts/falco/9.1.0/values.yaml
 */
export interface FalcoValues {
  /** @see values.yaml `image` */
  readonly image: FalcoImage;
  /** @see values.yaml `podPriorityClassName` */
  readonly podPriorityClassName: string;
  /** @see values.yaml `resources` */
  readonly resources: FalcoResources;
  /** Every node, tainted or not, runs Falco. @see values.yaml `tolerations` */
  readonly tolerations: readonly { readonly operator: 'Exists' }[];
  /**
   * The modern eBPF probe (CO-RE, no kernel module, no driver loader) with least privilege: capabilities
   * BPF, PERFMON, SYS_RESOURCE and SYS_PTRACE instead of a privileged container.
   * @see values.yaml `driver`
   */
  readonly driver: {
    readonly enabled: true;
    readonly kind: 'modern_ebpf';
    readonly modernEbpf: { readonly leastPrivileged: true; readonly bufSizePreset: number };
    readonly loader: { readonly enabled: false };
  };
  /** The container plugin (pinned by the chart's `pluginRef`) and no k8s-metacollector. @see values.yaml `collectors` */
  readonly collectors: { readonly kubernetes: { readonly enabled: false } };
  /** falcoctl installs the pinned rules and the container plugin at start and never follows updates. @see values.yaml `falcoctl` */
  readonly falcoctl: {
    readonly image: FalcoImage;
    readonly artifact: { readonly install: { readonly enabled: true }; readonly follow: { readonly enabled: false } };
    readonly config: { readonly artifact: { readonly install: { readonly refs: readonly string[] } } };
  };
  /** Files of `/etc/falco/rules.d` (loaded after the default rules). @see values.yaml `customRules` */
  readonly customRules: Readonly<Record<string, string>>;
  /** @see values.yaml `falco` (falco.yaml) */
  readonly falco: {
    readonly json_output: true;
    readonly json_include_output_property: true;
    readonly log_syslog: false;
    readonly syslog_output: { readonly enabled: false };
    readonly http_output: { readonly enabled: true; readonly url: string };
  };
}
