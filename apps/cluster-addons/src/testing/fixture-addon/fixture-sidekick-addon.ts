import type { EnvironmentConfig } from '@platform/config';
import { Addon, EGRESS_AWS_APIS, EGRESS_KUBE_API } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import { FIXTURE_SIDEKICK } from './declaration';
import type { FixtureSidekickValues } from './fixture-sidekick-values';

export interface FixtureSidekickAddonProps {
  readonly env: EnvironmentConfig;
  readonly dependsOn: readonly Addon[];
}

/** The fixture add-on's construct: chart values, namespace and flows; everything else comes from its declaration. */
export class FixtureSidekickAddon extends Addon<FixtureSidekickValues> {
  constructor(scope: Construct, id: string, props: FixtureSidekickAddonProps) {
    const entry = FIXTURE_SIDEKICK.podIdentities[0];
    super(scope, id, {
      env: props.env,
      declaration: FIXTURE_SIDEKICK,
      dependsOn: props.dependsOn,
      namespace: { name: entry.namespace, egress: [EGRESS_KUBE_API, EGRESS_AWS_APIS] },
      chart: {
        values: {
          replicaCount: 1,
          image: { registry: 'public.ecr.aws', repository: 'falcosecurity/falcosidekick', tag: '2.31.1' },
          serviceAccount: { create: false, name: entry.serviceAccount },
          priorityClassName: 'platform-critical',
          resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } },
        },
      },
    });
  }
}
