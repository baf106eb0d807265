import type { EnvironmentConfig } from '@platform/config';

/** One declared service of a tenant (`tenants[].services[]`, validated by `serviceDeclarationSchema`). */
export type ServiceDeclaration = EnvironmentConfig['tenants'][number]['services'][number];
