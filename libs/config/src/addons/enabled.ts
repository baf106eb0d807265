import type { EnvironmentConfig } from '../environment-schema';
import type { AddonDeclaration } from './addon-declaration';
import { ADDONS, type AddonName } from './registry';

/** True when `name` runs in `env`: a required add-on always, an optional one when `addons.enabled.<name>` is true. */
export function isAddonEnabled(env: Pick<EnvironmentConfig, 'addons'>, name: AddonName): boolean {
  const declaration = (ADDONS as readonly AddonDeclaration[]).find((a) => a.name === name);
  return declaration !== undefined && runsIn(env, declaration);
}

/** True when `declaration` runs in `env`: always when required, else per `addons.enabled.<name>` (absent = off). */
export function runsIn(env: Pick<EnvironmentConfig, 'addons'>, declaration: AddonDeclaration): boolean {
  return !declaration.optional || (env.addons.enabled as Readonly<Record<string, boolean | undefined>>)[declaration.name] === true;
}

/** The declarations of `addons` (default: the registry) that run in `env`, in list order. */
export function enabledAddons(env: Pick<EnvironmentConfig, 'addons'>, addons: readonly AddonDeclaration[] = ADDONS): readonly AddonDeclaration[] {
  return addons.filter((a) => runsIn(env, a));
}
