/** One in-memory DynamoDB Local for the whole run; tests get its endpoint via inject('ddbEndpoint'). */
import type { TestProject } from 'vitest/node';
import { startDynamo } from '../../local/dynamo';

declare module 'vitest' {
  export interface ProvidedContext {
    ddbEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const ddb = await startDynamo();
  project.provide('ddbEndpoint', ddb.endpoint);
  process.env.DYNAMODB_ENDPOINT = ddb.endpoint;
  return async () => {
    await ddb.stop();
  };
}
