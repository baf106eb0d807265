'use strict';
/**
 * The module Nx loads for `nx g @platform/tools:service`: like the environment generator, it runs
 * from the swc-compiled tree (Nx's type stripping resolves neither the path aliases nor
 * extension-less imports), so it compiles first and delegates to generator.ts compiled.
 */
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const WORKSPACE_ROOT = path.resolve(__dirname, '../../../..');

module.exports = async function service(tree, options) {
  execFileSync('bash', [path.join(WORKSPACE_ROOT, 'tools/scripts/compile.sh')], { stdio: 'inherit' });
  const compiled = path.join(WORKSPACE_ROOT, 'dist/out-tsc/tools/src/generators/service/generator.js');
  return require(compiled).default(tree, options);
};
