import type { EnvironmentConfig } from '@platform/config';
import { fixtureEnvironment } from '@platform/config/testing';
import { Testing } from 'cdktn';
import { PlatformStack } from '../platform-stack';

/** A synthesized stack as Terraform JSON (`cdk.tf.json`). */
export interface StackJson {
  readonly terraform?: Record<string, unknown>;
  readonly provider?: Record<string, unknown>;
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, unknown>;
  readonly moved?: readonly { readonly from: string; readonly to: string }[];
}

/**
 * Test helper: builds constructs into a fresh `PlatformStack` of `env` and returns the synthesized
 * Terraform JSON. Synthesize once per file (in `beforeAll`) and assert on the result.
 */
export function synthInStack(env: EnvironmentConfig, build: (stack: PlatformStack) => void, stackId = 'test'): StackJson {
  const app = Testing.app();
  const stack = new PlatformStack(app, stackId, { env });
  build(stack);
  return JSON.parse(Testing.synth(stack)) as StackJson;
}

/**
 * Test helper for constructs, which take flat props: builds them into a `PlatformStack` of the fixture
 * environment (account 111122223333, eu-west-1; the stack only adds the provider and the backend) and
 * returns the synthesized Terraform JSON. Construct paths start with `stackId`, e.g. `test/<id>`.
 */
export function synthConstructs(build: (stack: PlatformStack) => void, stackId = 'test'): StackJson {
  return synthInStack(fixtureEnvironment(), build, stackId);
}

/** Every resource of one Terraform type, as `[logicalId, body]` pairs in document order. */
export function resourcesOf(json: StackJson, type: string): [string, Record<string, unknown>][] {
  return Object.entries(json.resource?.[type] ?? {});
}

/** Every data source of one Terraform type. */
export function dataSourcesOf(json: StackJson, type: string): [string, Record<string, unknown>][] {
  return Object.entries(json.data?.[type] ?? {});
}

/** The only resource of a type. @throws Error when there is not exactly one */
export function onlyResource(json: StackJson, type: string): Record<string, unknown> {
  const all = resourcesOf(json, type);
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0][1];
}

/** A policy document parsed from a resource's JSON string attribute (e.g. `policy`). */
export interface ParsedPolicy {
  readonly Statement: readonly {
    readonly Sid: string;
    readonly Effect: 'Allow' | 'Deny';
    readonly Principal?: unknown;
    readonly Action: string | readonly string[];
    readonly Resource?: string | readonly string[];
    readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
  }[];
}

export function parsePolicy(value: unknown): ParsedPolicy {
  if (typeof value !== 'string') throw new Error(`policy is not a JSON string: ${JSON.stringify(value)}`);
  return JSON.parse(value) as ParsedPolicy;
}

/** Normalizes a string-or-array policy field to an array. */
export function asList(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}
