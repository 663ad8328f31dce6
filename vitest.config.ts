import { defineConfig } from 'vitest/config';

// Three tiers (STYLE habit 10), as vitest projects:
// - unit: no Java, no network, no DynamoDB Local: test/unit, plus the suites of test/stores on the
//   in-memory store (every operation and rule, fast);
// - integration: DynamoDB Local, started once by the global setup: test/integration (the store
//   contract, races with many clients), plus the suites of test/stores on the DynamoDB adapter;
// - e2e: the local HTTP stack and real AWS clients (test/e2e).
const DYNAMO = ['test/setup/global.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two files at a time even on two cores (vitest's default is one fewer than the cores): an e2e
    // suite mostly waits on the AWS CLI, moto and the stack it drives, so a second one fills the
    // idle core; each suite has its own stack, table and ports.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/stores/**/*.test.ts'],
          env: { ALLOT_TEST_STORES: 'memory' },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/stores/**/*.test.ts'],
          globalSetup: DYNAMO,
          env: { ALLOT_TEST_STORES: 'dynamo' },
        },
      },
      {
        extends: true,
        // A step of a tutorial is a run of real AWS CLI commands; its time limit guards against a
        // hang, so it leaves room for a machine that is busy with the other suites.
        // A poll (the console's pages catching up with a click) likewise waits up to 30 s, not 1 s.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: DYNAMO,
          testTimeout: 180_000,
          expect: { poll: { timeout: 30_000 } },
        },
      },
    ],
  },
});
