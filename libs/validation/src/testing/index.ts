// `@platform/validation/testing`: test helpers of the validation library for other projects' tests (lint keeps
// them out of production code).
export { type CelEnvironmentOptions, CelKindTyper } from './cel-types';
