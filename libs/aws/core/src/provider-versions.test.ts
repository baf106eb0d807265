import * as fs from 'node:fs';
import { AWS_PROVIDER_VERSION } from './provider-versions';

describe('AWS_PROVIDER_VERSION', () => {
  it('equals the provider release the installed @cdktn/provider-aws bindings were generated from', () => {
    const source = fs.readFileSync(require.resolve('@cdktn/provider-aws/lib/provider/index.js'), 'utf8');
    const generated = /providerVersion: '([^']+)'/.exec(source)?.[1];
    expect(generated).toBeDefined();
    expect(AWS_PROVIDER_VERSION).toBe(generated);
  });
});
