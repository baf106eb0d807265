/**
 * Invalid environment configuration. `issues` holds one line per bad field, each of the form
 * `<env>: <path>: <message>`, so a user sees every problem at once.
 */
export class ConfigError extends Error {
  public readonly issues: readonly string[];

  constructor(issues: readonly string[]) {
    super(`invalid environment configuration:\n${issues.map((i) => `  ${i}`).join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}
