/**
 * Real clients an end-to-end suite needs from the machine (the AWS CLI, moto's EC2 emulator).
 * Elsewhere a missing one skips the suite with a message; under CI=true it fails the suite, since
 * the CI machines have them and a green run must not quietly test less.
 */
import { execFileSync } from 'node:child_process';

const which = (command: string): string | undefined => {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
};

/**
 * The program a pyenv shim stands for: the shim is a shell script that runs pyenv to pick the
 * Python version at every call, half a second per AWS CLI command on these machines. The program
 * itself (its shebang names its interpreter) is the same CLI without the detour.
 */
const unshim = (path: string, command: string): string => {
  if (!path.includes('/shims/')) return path;
  try {
    return execFileSync('pyenv', ['which', command], { encoding: 'utf8' }).trim() || path;
  } catch {
    return path;
  }
};

/**
 * The tool's path, or undefined (with a warning) when it is missing and this is not CI.
 * @example const AWS = requireTool('aws', 'the AWS CLI', 'ec2-cli.e2e'); describe.skipIf(!AWS)(...)
 */
export const requireTool = (
  command: string,
  what: string,
  suite: string,
  env: Record<string, string | undefined> = process.env,
): string | undefined => {
  const path = which(command);
  if (path) return unshim(path, command);
  const missing = `${suite}: ${what} (\`${command}\`) is not on PATH`;
  if (env.CI === 'true')
    throw new Error(`${missing}. CI machines must have it: install it, or run without CI=true to skip.`);
  console.warn(`${missing}; skipping`);
  return undefined;
};

/**
 * PATH for a shell that runs the README's commands as a user would, with the real AWS CLI's folder
 * first (the programs, not their pyenv shims: see `unshim`).
 */
export const toolsPath = (env: Record<string, string | undefined> = process.env): string => {
  const aws = which('aws');
  const real = aws ? unshim(aws, 'aws') : undefined;
  const dir = real && real !== aws ? real.slice(0, real.lastIndexOf('/')) : undefined;
  return [dir, env.PATH ?? ''].filter(Boolean).join(':');
};
