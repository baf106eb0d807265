export { default as environmentGenerator, planEnvironment, type EnvironmentGeneratorOptions, type EnvironmentPlan } from './environment/generator';
export { default as serviceGenerator, type ServiceGeneratorOptions } from './service/generator';
