export * from './addons-app';
export * from './synth-cluster-addons';
