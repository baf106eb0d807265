import { Environment } from '@marcbachmann/cel-js';

type Program = (context: Record<string, unknown>) => unknown;

/**
 * Kubernetes-flavoured CEL expressions (dynamic variables such as `object` and `variables`, mixed-type list and
 * map literals), each parsed once per instance and then evaluated against any number of contexts. Used by the
 * offline evaluators of Gatekeeper's K8sNativeValidation templates and of ValidatingAdmissionPolicies.
 * @see https://kubernetes.io/docs/reference/using-api/cel/
 */
export class CelPrograms {
  private readonly env = new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false });
  private readonly programs = new Map<string, Program>();

  /** The value of `expression` in `context`, or the Error parsing or evaluating it threw (never throws itself). */
  run(expression: string, context: Record<string, unknown>): unknown {
    try {
      let program = this.programs.get(expression);
      if (!program) {
        program = this.env.parse(expression) as unknown as Program;
        this.programs.set(expression, program);
      }
      return program(context);
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
  }
}
