import { Config } from '@platform/k8s-imports/config.gatekeeper.sh';
import { Construct } from 'constructs';

/** Name Gatekeeper reads its `Config` under (in its own namespace). @see https://open-policy-agent.github.io/gatekeeper/website/docs/exempt-namespaces */
export const GATEKEEPER_CONFIG_NAME = 'config';

/** A namespace Gatekeeper leaves alone, with the reason (rendered into the docs and the Config's annotation). */
export interface ExcludedNamespace {
  readonly name: string;
  readonly reason: string;
}

export interface GatekeeperConfigProps {
  /** Gatekeeper's namespace (where it reads the Config). */
  readonly namespace: string;
  /** Excluded from every Gatekeeper process (admission, audit, sync). */
  readonly excludedEverywhere: readonly ExcludedNamespace[];
  /** Excluded from the admission webhook only; audit still reports their violations. */
  readonly excludedFromAdmission: readonly ExcludedNamespace[];
}

/**
 * The Gatekeeper `Config`: namespaces excluded from all processes (`*`) and namespaces excluded from the
 * admission webhook only (`webhook`), each sorted, with the reasons in the annotation `platform.io/exclusions`.
 * @see https://open-policy-agent.github.io/gatekeeper/website/docs/exempt-namespaces#exempting-namespaces-from-gatekeeper-using-config-resource
 */
export class GatekeeperConfig extends Construct {
  public readonly config: Config;

  constructor(scope: Construct, id: string, props: GatekeeperConfigProps) {
    super(scope, id);
    const names = (list: readonly ExcludedNamespace[]) => [...new Set(list.map((n) => n.name))].sort();
    const reasons = [...props.excludedEverywhere.map((n) => `${n.name} (all): ${n.reason}`), ...props.excludedFromAdmission.map((n) => `${n.name} (admission): ${n.reason}`)];
    this.config = new Config(this, 'config', {
      metadata: { name: GATEKEEPER_CONFIG_NAME, namespace: props.namespace, annotations: { 'platform.io/exclusions': reasons.join('; ') } },
      spec: {
        match: [
          { excludedNamespaces: names(props.excludedEverywhere), processes: ['*'] },
          ...(props.excludedFromAdmission.length > 0 ? [{ excludedNamespaces: names(props.excludedFromAdmission), processes: ['webhook'] }] : []),
        ],
      },
    });
  }
}
