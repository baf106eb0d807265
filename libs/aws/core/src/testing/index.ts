export * from './synth-json';
