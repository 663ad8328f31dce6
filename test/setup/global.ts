/**
 * One in-memory DynamoDB Local for the whole run; tests get its endpoint via inject('ddbEndpoint').
 * The integration and e2e projects each name this setup, and vitest runs both setups in its main
 * process, so the instance is shared (counted by its users) instead of starting a JVM per project.
 */
import type { TestProject } from 'vitest/node';
import { type LocalDynamo, startDynamo } from '../../local/dynamo';

declare module 'vitest' {
  export interface ProvidedContext {
    ddbEndpoint: string;
  }
}

const slot = globalThis as { allotDynamoLocal?: { ddb: Promise<LocalDynamo>; users: number } };

export default async function setup(project: TestProject) {
  slot.allotDynamoLocal ??= { ddb: startDynamo(), users: 0 };
  const shared = slot.allotDynamoLocal;
  shared.users++;
  const ddb = await shared.ddb;
  project.provide('ddbEndpoint', ddb.endpoint);
  process.env.DYNAMODB_ENDPOINT = ddb.endpoint;
  return async () => {
    if (--shared.users > 0) return;
    delete slot.allotDynamoLocal;
    await ddb.stop();
  };
}
