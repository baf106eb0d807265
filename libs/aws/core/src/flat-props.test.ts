import * as fs from 'node:fs';
import * as path from 'node:path';

const AWS_LIBS = path.resolve(__dirname, '../..');

/** Every non-test TypeScript file under libs/aws/<lib>/src, relative to libs/aws. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path.relative(AWS_LIBS, full)] : [];
  });
}

describe('flat construct props (issue 8)', () => {
  it('keeps EnvironmentConfig out of the AWS constructs: only PlatformStack (the stacks map the environment) and the test helpers take it', () => {
    const files = fs.readdirSync(AWS_LIBS).flatMap((lib) => (fs.existsSync(path.join(AWS_LIBS, lib, 'src')) ? sources(path.join(AWS_LIBS, lib, 'src')) : []));
    expect(files.length).toBeGreaterThan(40);
    const taking = files.filter((f) => fs.readFileSync(path.join(AWS_LIBS, f), 'utf8').includes('EnvironmentConfig')).sort();
    expect(taking).toEqual(['core/src/platform-stack.ts', 'core/src/testing/synth-json.ts']);
  });
});
