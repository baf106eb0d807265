/** Public API of @platform/k8s-golden-path: tenant services declared once, rendered by `Microservice` (ADR 0040). */
export * from './catalog-entity';
export * from './data-credential-access';
export * from './data-credential-stores';
export * from './data-secret-requests';
export * from './image-reference';
export * from './metrics-scrape-admission';
export * from './microservice';
export * from './microservice-pod';
export * from './service-data-claims';
export * from './service-data-environment';
export * from './service-declaration';
export * from './service-secrets';
export * from './service-slos';
export * from './spring-boot-profile';
export * from './tenant-data-credentials';
export * from './tenant-services';
