/** Public API of @platform/k8s-golden-path: tenant services declared once, rendered by `Microservice` (DESIGN D15). */
export * from './catalog-entity';
export * from './image-reference';
export * from './microservice';
export * from './spring-boot-profile';
export * from './tenant-services';
