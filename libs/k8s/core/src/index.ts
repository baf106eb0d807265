export * from './output-chart';
