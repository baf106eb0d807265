// `@platform/validation/render`: the pure helpers that rendering (synth) uses, without the validator.
// The main entry point `@platform/validation` also loads ajv, the compiled-schema cache, the CEL and PromQL
// parsers and the Helm chart store; synth needs none of them (docs/performance.md, "Render-only entry point").
// Only modules free of those libraries belong here: `render-entry.test.ts` checks what a prod synth loads.
export * from './argocd-application-sources';
export * from './ordering';
export {
  GATEKEEPER_ADMISSION_TARGET,
  K8S_NATIVE_VALIDATION_ENGINE,
  policyConstraintTemplates,
  type PolicyConstraintTemplate,
} from './policy/constraint-templates';
