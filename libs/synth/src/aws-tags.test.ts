import * as path from 'node:path';
import { awsTagProblem } from '@platform/config';
import { synthFoundation } from '@platform/aws-foundation';
import { loadAllEnvironments } from './environment-loader';

/** Every `tags` / `tags_all` / `default_tags.tags` map in a Terraform JSON document, with its JSON path. */
function tagMaps(node: unknown, at: string, out: { readonly at: string; readonly tags: Record<string, unknown> }[]): void {
  if (Array.isArray(node)) node.forEach((n, i) => tagMaps(n, `${at}[${i}]`, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'tags' || key === 'tags_all') && value && typeof value === 'object' && !Array.isArray(value)) out.push({ at: `${at}.${key}`, tags: value as Record<string, unknown> });
      else tagMaps(value, `${at}.${key}`, out);
    }
  }
}

describe('every AWS tag the sample environments render uses the AWS tag character set', () => {
  const envs = loadAllEnvironments(path.resolve(__dirname, '../../../environments'));
  it.each(envs.map((e) => [e.name, e] as const))('%s', (_name, env) => {
    const problems: string[] = [];
    let count = 0;
    for (const file of synthFoundation(env).files) {
      const maps: { readonly at: string; readonly tags: Record<string, unknown> }[] = [];
      tagMaps(JSON.parse(file.content), file.path, maps);
      for (const { at, tags } of maps) {
        for (const [key, value] of Object.entries(tags)) {
          count++;
          const problem = awsTagProblem('key', key) ?? (typeof value === 'string' && !value.includes('${') ? awsTagProblem('value', value) : undefined);
          if (problem) problems.push(`${at}.${key}: ${problem}`);
        }
      }
    }
    expect(count).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
