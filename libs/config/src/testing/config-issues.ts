import { ConfigError } from '../config-error';
import { parseEnvironment } from '../validate-environment';
import { FIXTURE_ENVIRONMENT } from './fixture-environment';

/** The issues of the ConfigError `fn` throws, undefined when it returns; any other error propagates (a crash is not a validation issue). */
function configErrorIssues(fn: () => unknown): readonly string[] | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    if (err instanceof ConfigError) return err.issues;
    throw err;
  }
}

/**
 * The `issues` of the ConfigError that `fn` throws (one `<env>: <path>: <message>` line each).
 * @throws Error when `fn` returns without throwing, so a test expecting a refusal fails without one
 * @throws whatever else `fn` throws
 */
export function issuesThrownBy(fn: () => unknown): readonly string[] {
  const issues = configErrorIssues(fn);
  if (issues === undefined) throw new Error('expected a ConfigError, but the call returned without throwing');
  return issues;
}

/**
 * The issues `parseEnvironment(environment, input)` reports, for a test that expects `input` to be refused.
 * @param environment the environment (folder) name to parse under @default the fixture's name, 'test'
 * @throws Error when `input` parses: the refusal the test expects did not happen
 */
export function issuesOf(input: unknown, environment: string = FIXTURE_ENVIRONMENT.name): readonly string[] {
  const issues = configErrorIssues(() => parseEnvironment(environment, input));
  if (issues === undefined) throw new Error(`expected parseEnvironment('${environment}', input) to throw a ConfigError, but the input parsed`);
  return issues;
}

/**
 * The issues `parseEnvironment(environment, input)` reports, or [] when `input` parses: for a test asserting
 * acceptance with `toEqual([])` (which shows the issues when it fails). A test expecting a refusal uses {@link issuesOf}.
 * @param environment the environment (folder) name to parse under @default the fixture's name, 'test'
 */
export function issuesOrEmpty(input: unknown, environment: string = FIXTURE_ENVIRONMENT.name): readonly string[] {
  return configErrorIssues(() => parseEnvironment(environment, input)) ?? [];
}
