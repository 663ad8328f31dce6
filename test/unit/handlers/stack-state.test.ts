/** Tools find the running `npm start` by its state file (local/stack-state.ts). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clearStackState, localStackEnv, readStackState, writeStackState } from '../../../local/stack-state';

const state = {
  pid: process.pid,
  url: 'http://127.0.0.1:3000',
  ddbEndpoint: 'http://127.0.0.1:41234',
  tableName: 'allot-local',
  region: 'us-east-1',
  accountId: '000000000000',
  motoEndpoint: 'http://127.0.0.1:41235',
};

describe('the local stack state file', () => {
  it('is read back while its process lives, and gone once cleared', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'allot-')), 'stack.json');
    writeStackState(state, file);
    expect(readStackState(file)).toEqual(state);
    writeStackState({ ...state, pid: 2 ** 22 + 17 }, file);
    expect(readStackState(file)).toBeUndefined();
    clearStackState(file);
    expect(readStackState(file)).toBeUndefined();
  });

  it("gives a tool the stack's table and EC2 emulator, unless it names its own table endpoint", () => {
    expect(localStackEnv({}, state)).toEqual({
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:41234',
      TABLE_NAME: 'allot-local',
      AWS_REGION: 'us-east-1',
      ALLOT_DISCOVERY_EC2_ENDPOINT: 'http://127.0.0.1:41235',
    });
    expect(localStackEnv({ TABLE_NAME: 'mine', AWS_REGION: 'eu-west-1' }, state)).toEqual({
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:41234',
      TABLE_NAME: 'mine',
      AWS_REGION: 'eu-west-1',
      ALLOT_DISCOVERY_EC2_ENDPOINT: 'http://127.0.0.1:41235',
    });
    expect(localStackEnv({ DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' }, state)).toBeUndefined();
    expect(localStackEnv({}, undefined)).toBeUndefined();
  });
});
