/**
 * Where a running `npm start` can be found: written at start (local/.data/stack.json), removed at
 * stop, so `npm run credentials` and `npm run discover` find the local stack by themselves.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isAlive } from './processes';

export interface StackState {
  /** The process of `npm start`. */
  pid: number;
  url: string;
  ddbEndpoint: string;
  tableName: string;
  region: string;
  accountId: string;
  motoEndpoint?: string;
}

/** local/.data/stack.json, or stack.json in ALLOT_DATA_DIR (a second stack, e.g. a test's). */
export const STACK_FILE = process.env.ALLOT_DATA_DIR
  ? `${process.env.ALLOT_DATA_DIR}/stack.json`
  : fileURLToPath(new URL('.data/stack.json', import.meta.url));

export const writeStackState = (state: StackState, file = STACK_FILE): void =>
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);

export const clearStackState = (file = STACK_FILE): void => rmSync(file, { force: true });

/** The running local stack, or undefined when none is (a file left by a killed run is ignored). */
export const readStackState = (file = STACK_FILE): StackState | undefined => {
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as StackState;
    return isAlive(state.pid) ? state : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The environment a tool needs to reach the running local stack's table and EC2 emulator, for
 * what `env` does not already say; undefined when `env` names a table endpoint or no stack runs.
 */
export const localStackEnv = (
  env: Record<string, string | undefined>,
  state = readStackState(),
): Record<string, string> | undefined => {
  if (env.DYNAMODB_ENDPOINT || !state) return undefined;
  return {
    DYNAMODB_ENDPOINT: state.ddbEndpoint,
    TABLE_NAME: env.TABLE_NAME ?? state.tableName,
    AWS_REGION: env.AWS_REGION ?? state.region,
    ...(state.motoEndpoint && !env.ALLOT_DISCOVERY_EC2_ENDPOINT
      ? { ALLOT_DISCOVERY_EC2_ENDPOINT: state.motoEndpoint }
      : {}),
  };
};
