import { fixtureInput } from '../testing/fixture-environment';
import { parseEnvironment } from '../validate-environment';

describe('tekton.testOverrides vs ecr.repositories', () => {
  const override = { image: 'public.ecr.aws/docker/library/node:22.12.0-alpine3.21', command: 'npm test' };

  it('rejects an override for a service the build never triggers on, naming the service, the repositories and the fix', () => {
    expect(() => parseEnvironment('test', fixtureInput({ tekton: { testOverrides: { ghost: override } } }))).toThrow(
      'test: tekton.testOverrides.ghost: service "ghost" is not in ecr.repositories [orders]; add it there or remove the override',
    );
  });

  it('accepts an override of an ecr.repositories entry', () => {
    expect(parseEnvironment('test', fixtureInput({ tekton: { testOverrides: { orders: override } } })).tekton.testOverrides['orders']).toEqual(override);
  });
});
