export * from './cost-anomaly-alerts';
export * from './environment-budget';
