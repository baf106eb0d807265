export { default as environmentGenerator, planEnvironment, type EnvironmentGeneratorOptions, type EnvironmentPlan } from './environment/generator';
