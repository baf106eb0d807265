/** The falcosidekick 0.14.0 values this fixture sets (keys as in the chart's values.yaml). */
export interface FixtureSidekickValues {
  readonly replicaCount: number;
  readonly image: { readonly registry: string; readonly repository: string; readonly tag: string };
  readonly serviceAccount: { readonly create: boolean; readonly name: string };
  readonly priorityClassName: string;
  readonly resources: { readonly requests: Readonly<Record<string, string>>; readonly limits: Readonly<Record<string, string>> };
}
