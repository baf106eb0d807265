import type { EnvironmentConfig } from '@platform/config';
import { App } from 'cdktn';
import { NetworkStack } from './stacks/network-stack';

/**
 * Composes the environment's Terraform stacks. Each stack has its own state
 * (`<env>/<stack>.tfstate`) so a change to one layer cannot touch another's resources.
 */
export function buildFoundation(app: App, env: EnvironmentConfig): void {
  new NetworkStack(app, 'network', { env });
}
