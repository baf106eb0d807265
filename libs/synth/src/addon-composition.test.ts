import * as path from 'node:path';
import { ADDONS, type AddonDeclaration, enabledAddons, type EnvironmentConfig, OPTIONAL_ADDON_NAMES, podIdentityContract } from '@platform/config';
import { fixtureEnvironment } from '@platform/config/testing';
import { buildClusterAddons } from '@platform/cluster-addons';
import { App } from 'cdk8s';
import { loadAllEnvironments } from './environment-loader';

/**
 * ADR 0014: the add-ons an environment runs are exactly the registered declarations it enables. A declared
 * add-on that is enabled but never composed would still get its IAM role, Pod Identity association,
 * ServiceAccount and namespace from the contract (identities of an add-on that does not run); a composed
 * add-on outside the registry would deploy without them.
 */
function composedNames(env: EnvironmentConfig): string[] {
  return buildClusterAddons(new App(), env).addons.map((a) => a.declaration.name).sort();
}

function enabledNames(env: EnvironmentConfig): string[] {
  return enabledAddons(env).map((a) => a.name).sort();
}

/** The fixture with every optional add-on off. */
function allOptionalOff(): EnvironmentConfig {
  return fixtureEnvironment({ addons: { enabled: Object.fromEntries(OPTIONAL_ADDON_NAMES.map((n) => [n, false])) as EnvironmentConfig['addons']['enabled'] } });
}

describe('composition vs the add-on registry', () => {
  const environments = loadAllEnvironments(path.resolve(__dirname, '../../../environments'));

  it.each(environments.map((e) => [e.name, e]))('%s: composes exactly the add-ons it enables', (_name, env) => {
    expect(composedNames(env)).toEqual(enabledNames(env));
  });

  it('composes only the required add-ons when every optional one is off', () => {
    const required = (ADDONS as readonly AddonDeclaration[]).filter((a) => !a.optional).map((a) => a.name).sort();
    expect(composedNames(allOptionalOff())).toEqual(required);
  });

  it('gives a disabled add-on no identity: the contract holds only the composed add-ons and the EKS managed ones', () => {
    const off = allOptionalOff();
    const composedIdentities = buildClusterAddons(new App(), off).addons.flatMap((a) => a.podIdentities.map((e) => e.id));
    const optionalIdentities = (ADDONS as readonly AddonDeclaration[]).filter((a) => a.optional).flatMap((a) => (a.podIdentities ?? []).map((e) => e.id));
    const contract = podIdentityContract(off).map((e) => e.id);
    for (const id of optionalIdentities) expect({ id, inContract: contract.includes(id) }).toEqual({ id, inContract: false });
    for (const id of composedIdentities) expect({ id, inContract: contract.includes(id) }).toEqual({ id, inContract: true });
  });
});
