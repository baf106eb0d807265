export * from './foundation-app';
export * from './synth-foundation';
