export * from './cloud-trail-audit';
export * from './ecr-pull-through-cache';
export * from './ecr-repositories';
export * from './guard-duty-detector';
export * from './alerts-topic';
export * from './guard-duty-finding-alerts';
