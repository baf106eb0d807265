/** One `topologySpreadConstraints` entry, as charts pass it through to the pod spec. */
export interface TopologySpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: 'topology.kubernetes.io/zone' | 'kubernetes.io/hostname';
  readonly whenUnsatisfiable: 'ScheduleAnyway' | 'DoNotSchedule';
  readonly labelSelector: { readonly matchLabels: Readonly<Record<string, string>> };
}

/**
 * Spread for `replicas` pods selected by `labels`: one per node (hard) and balanced across zones
 * (soft, so a zone outage does not block rescheduling). `[]` for a single replica.
 */
export function zoneSpread(labels: Readonly<Record<string, string>>, replicas: number): TopologySpreadConstraint[] {
  if (replicas < 2) return [];
  const labelSelector = { matchLabels: { ...labels } };
  return [
    { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector },
    { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector },
  ];
}
