// The jest test environment of the workspace: Node's, plus one per-worker store of expensive test fixtures
// (docs/performance.md). Jest gives every test file fresh modules and a fresh global, so a fixture computed at
// import (the synthesized fixture environment) is recomputed by every file; this module is loaded once per
// worker, outside the test files' sandboxes, so what it keeps survives from file to file in that worker.
// Only strings are kept: objects would belong to the realm of the file that built them, and every file must
// get its own copy to mutate.
const { TestEnvironment } = require('jest-environment-node');

/** fixture key -> serialized fixture, for this worker process. */
const fixtures = new Map();

class WorkerFixturesEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    /** `(key, compute) => string`: `compute()`'s string, computed once per worker per key. */
    this.global.__platformWorkerFixture = (key, compute) => {
      if (typeof key !== 'string') throw new TypeError('worker fixture key must be a string');
      if (!fixtures.has(key)) {
        const value = compute();
        if (typeof value !== 'string') throw new TypeError(`worker fixture ${key} must be serialized to a string`);
        fixtures.set(key, value);
      }
      return fixtures.get(key);
    };
  }
}

module.exports = WorkerFixturesEnvironment;
