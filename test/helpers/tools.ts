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
  if (path) return path;
  const missing = `${suite}: ${what} (\`${command}\`) is not on PATH`;
  if (env.CI === 'true')
    throw new Error(`${missing}. CI machines must have it: install it, or run without CI=true to skip.`);
  console.warn(`${missing}; skipping`);
  return undefined;
};
