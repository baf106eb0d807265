import Ajv from 'ajv';
import { ajvFindings, dataOf } from './schema-findings';

/** A schema exercising every keyword whose message shows the offending value, at several depths. */
const SCHEMA = {
  type: 'object',
  properties: {
    replicas: { type: 'integer', minimum: 1 },
    mode: { enum: ['a', 'b'] },
    name: { type: 'string', pattern: '^[a-z]+$', maxLength: 5 },
    when: { type: 'string', format: 'date-time' },
    cpu: { anyOf: [{ type: 'string', pattern: '^[0-9]+m$' }, { type: 'number' }] },
    either: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
    items: { type: 'array', items: { type: 'object', properties: { port: { type: 'integer' } }, additionalProperties: false }, minItems: 1 },
    labels: { type: 'object', propertyNames: { pattern: '^[a-z/~]+$', maxLength: 8 }, additionalProperties: { type: 'string' } },
  },
  required: ['replicas'],
  additionalProperties: false,
};

const BAD = [
  { replicas: 0, mode: 'c', name: 'ABCDEFG', when: 'yesterday', cpu: '1x', either: true, items: [{ port: '80', extra: 1 }], labels: { 'a/b': 1, 'Upper~Case': 'x', 'way-too-long': 'y' }, other: 1 },
  { mode: ['a'], name: 12, cpu: {}, either: 1.5, items: [], labels: 'no' },
  'not an object',
  [1, 2],
  null,
];

describe('ajvFindings without verbose (docs/performance.md)', () => {
  const compile = (verbose: boolean) => {
    const ajv = new Ajv({ allErrors: true, verbose, strict: false });
    ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT/);
    return ajv.compile(SCHEMA);
  };
  const verbose = compile(true);
  const plain = compile(false);

  it.each(BAD.map((value, i) => [i, value]))('gives the findings of a verbose validator for value %i', (_i, value) => {
    expect(verbose(value)).toBe(false);
    expect(plain(value)).toBe(false);
    const at = { file: 'f.yaml', object: 'o', prefix: 'spec' };
    const expected = ajvFindings(verbose.errors, at);
    expect(expected.length).toBeGreaterThan(0);
    expect(ajvFindings(plain.errors, { ...at, root: value })).toEqual(expected);
    // every error's value is the one verbose records
    for (const [i, e] of (plain.errors ?? []).entries()) expect(dataOf(e, value)).toEqual(verbose.errors?.[i]?.data);
  });

  it('reads JSON pointer escapes and returns undefined past the end of the value', () => {
    const root = { 'a/b': { '~c': [10, 20] } };
    expect(dataOf({ instancePath: '/a~1b/~0c/1', schemaPath: '', keyword: 'type', params: {} }, root)).toBe(20);
    expect(dataOf({ instancePath: '/a~1b/~0c/1/x', schemaPath: '', keyword: 'type', params: {} }, root)).toBeUndefined();
    expect(dataOf({ instancePath: '', schemaPath: '', keyword: 'type', params: {} }, root)).toBe(root);
  });
});
