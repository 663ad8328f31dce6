/**
 * Leftovers of an `npm start` that was killed before it could stop its children (kill -9, a closed
 * terminal): a state file names them, and the next start ends them, so nothing stale holds the port.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

export const isAlive = (pid: number): boolean => {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The process's command line, or '' if it is gone (ps exists on Linux and macOS alike). */
const commandLine = (pid: number): string => {
  try {
    return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
};

export interface StartState {
  /** The `npm start` process that owns the stack. */
  owner: number;
  dynamo: number;
  /** serverless-offline, leader of its own process group. */
  offline: number;
}

const read = (file: string): StartState | undefined => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StartState;
  } catch {
    return undefined;
  }
};

/** SIGKILL `pid` (its group if `group`) if it still runs `marker`, and wait until it is gone. */
const end = async (pid: number, group: boolean, marker: string) => {
  // Only what is still the same program: a pid can have been reused since.
  if (!isAlive(pid) || !commandLine(pid).includes(marker)) return;
  try {
    process.kill(group ? -pid : pid, 'SIGKILL');
  } catch {
    // gone meanwhile
  }
  for (let i = 0; i < 100 && isAlive(pid) && commandLine(pid).includes(marker); i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
};

/**
 * Before starting: fail if a live `npm start` owns the state file, else end what a dead one left.
 *
 * @example
 *   await clearLeftovers('local/.data/npm-start.json');
 */
export const clearLeftovers = async (file: string): Promise<void> => {
  const state = read(file);
  if (!state) return;
  if (
    state.owner !== process.pid &&
    isAlive(state.owner) &&
    commandLine(state.owner).includes('local/start')
  ) {
    throw new Error(`npm start is already running (pid ${state.owner}); stop it first`);
  }
  await end(state.offline, true, 'serverless');
  await end(state.dynamo, false, 'DynamoDBLocal');
  rmSync(file, { force: true });
};

export const recordStart = (file: string, state: StartState): void =>
  writeFileSync(file, JSON.stringify(state));

export const clearStart = (file: string): void => rmSync(file, { force: true });
