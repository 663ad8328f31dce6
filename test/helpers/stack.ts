/**
 * The local stack as the e2e suites start it: in memory, on a free port, over the test run's one
 * DynamoDB Local (each suite in its own table) instead of a JVM of its own per suite.
 */
import { inject } from 'vitest';
import { type LocalStack, type StackOptions, startLocalStack } from '../../local/stack';

export const testStack = (opts: StackOptions & { tableName: string }): Promise<LocalStack> =>
  startLocalStack({ port: 0, inMemory: true, dynamoEndpoint: inject('ddbEndpoint'), ...opts });
