/**
 * Runs the real AWS CLI against a local stack: no config, profile or metadata lookups, one
 * attempt, JSON output, the given access key (a 12-digit key signs as that account where the
 * stack runs with ALLOT_ACCOUNT_ID_AS_ACCESS_KEY=1) and the secret `test`.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

export interface CliResult {
  code: number;
  // biome-ignore lint/suspicious/noExplicitAny: the CLI's JSON output, checked field by field
  json: any;
  stderr: string;
}

/** @example await runAws(aws, { home, url: stack.url, accessKeyId: '111122223333' }, 'ram', 'get-resource-shares', ...) */
export const runAws = (
  cli: string,
  at: { home: string; url: string; accessKeyId?: string; secretAccessKey?: string },
  ...args: string[]
): Promise<CliResult> =>
  new Promise((resolve) => {
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: at.home,
      AWS_ACCESS_KEY_ID: at.accessKeyId ?? 'test',
      AWS_SECRET_ACCESS_KEY: at.secretAccessKey ?? 'test',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: join(at.home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(at.home, 'credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_MAX_ATTEMPTS: '1',
    };
    execFile(cli, [...args, '--endpoint-url', at.url, '--output', 'json'], { env }, (err, stdout, stderr) => {
      const code = err ? Number((err as { code?: number }).code ?? 1) : 0;
      resolve({ code, json: stdout.trim() ? JSON.parse(stdout) : undefined, stderr });
    });
  });
