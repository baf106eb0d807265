/** Public API of @platform/k8s-golden-path: tenant services declared once, rendered by `Microservice` (ADR 0040). */
export * from './catalog-entity';
export * from './image-reference';
export * from './microservice';
export * from './microservice-pod';
export * from './service-data-claims';
export * from './service-data-environment';
export * from './service-declaration';
export * from './service-level-objective';
export * from './service-secrets';
export * from './spring-boot-profile';
export * from './tenant-services';
