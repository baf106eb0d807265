import { DR_OBJECTIVES } from '@platform/config';
import { KubeConfigMap } from '@platform/k8s-imports/k8s';
import { Construct } from 'constructs';

export interface DrObjectivesConfigMapProps {
  readonly namespace: string;
  /** Recovery point objective, minutes (`dr.rpoMinutes`). */
  readonly rpoMinutes: number;
  /** Recovery time objective, minutes (`dr.rtoMinutes`). */
  readonly rtoMinutes: number;
}

/**
 * The environment's recovery objectives as data in the cluster (`dr-objectives`, labelled
 * `platform.io/dr-objectives: "true"`): the runbooks read the targets from it, and rule DR-RPO-001
 * checks every backup schedule of the output against `rpoMinutes`.
 */
export class DrObjectivesConfigMap extends Construct {
  constructor(scope: Construct, id: string, props: DrObjectivesConfigMapProps) {
    super(scope, id);
    new KubeConfigMap(this, 'config-map', {
      metadata: { name: DR_OBJECTIVES.name, namespace: props.namespace, labels: { [DR_OBJECTIVES.label]: 'true' } },
      data: { [DR_OBJECTIVES.keys.rpoMinutes]: String(props.rpoMinutes), [DR_OBJECTIVES.keys.rtoMinutes]: String(props.rtoMinutes) },
    });
  }
}
