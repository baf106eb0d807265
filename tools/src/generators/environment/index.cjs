'use strict';
/**
 * The module Nx loads for `nx g @platform/tools:environment`. Nx runs local generators through
 * Node's type stripping, which resolves neither the workspace path aliases (`@platform/config`) nor
 * extension-less imports, so the generator runs from the swc-compiled tree that synth uses too
 * (ADR 0004, `nx run tools:compile`): compile, then delegate to generator.ts compiled.
 */
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const WORKSPACE_ROOT = path.resolve(__dirname, '../../../..');

module.exports = async function environment(tree, options) {
  execFileSync('bash', [path.join(WORKSPACE_ROOT, 'tools/scripts/compile.sh')], { stdio: 'inherit' });
  const compiled = path.join(WORKSPACE_ROOT, 'dist/out-tsc/tools/src/generators/environment/generator.js');
  return require(compiled).default(tree, options);
};
