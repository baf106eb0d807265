export * from './addon';
export * from './addon-namespace';
export * from './aws-references';
export * from './output-chart';
export * from './sync-waves';
