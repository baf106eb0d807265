import type { EnvironmentConfig } from '../environment-schema';
import type { AddonDeclaration } from './addon-declaration';
import { ADDONS, type AddonName } from './registry';

/** True when `name` runs in `env`: a required add-on always, an optional one when `addons.enabled.<name>` is true. */
export function isAddonEnabled(env: Pick<EnvironmentConfig, 'addons'>, name: AddonName): boolean {
  const declaration = (ADDONS as readonly AddonDeclaration[]).find((a) => a.name === name);
  if (!declaration) return false;
  return !declaration.optional || (env.addons.enabled as Readonly<Record<string, boolean>>)[name] === true;
}

/** The declarations of every add-on that runs in `env`, in registry order. */
export function enabledAddons(env: Pick<EnvironmentConfig, 'addons'>): readonly AddonDeclaration[] {
  return (ADDONS as readonly AddonDeclaration[]).filter((a) => isAddonEnabled(env, a.name as AddonName));
}
