export * from './build-images';
export * from './service-build-pipeline';
export * from './service-build-tasks';
export * from './service-build-triggers';
export * from './tekton-builds-addon';
export * from './tekton-config';
export * from './tekton-operator-addon';
export * from './tekton-operator-values';
