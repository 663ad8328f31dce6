import { defineConfig } from 'vitest/config';

// Three tiers, named by file (STYLE habit 10): *.test.ts (unit, no I/O),
// *.int.test.ts (DynamoDB Local, started once by the global setup),
// *.e2e.test.ts (the local HTTP stack and real AWS clients).
export default defineConfig({
  test: {
    globalSetup: ['test/setup/global.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    include: ['test/**/*.test.ts'],
  },
});
