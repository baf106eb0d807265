export * from './addon';
export * from './addon-namespace';
export * from './aws-references';
export * from './internet-facing-alb';
export * from './metrics-scraper';
export * from './output-chart';
export * from './sync-waves';
export * from './service-endpoint';
