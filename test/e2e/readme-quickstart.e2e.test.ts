/**
 * The README's "A VPC from a pool, and a pool shared with another account", exactly as written:
 * its shell block runs through bash with the real AWS CLI, curl and the stack `npm start` brings
 * up with ALLOT_ACCOUNT_ID_AS_ACCESS_KEY=1 and moto (the tutorial harness; only the address of
 * the endpoint differs), and prints what the block's comments say it prints.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolsPath } from '../helpers/tools';
import { startTutorial, type Tutorial, tutorialTools } from '../helpers/tutorial';

const tools = tutorialTools('readme-quickstart.e2e');

/** The shell block under the README heading, without the line that starts the stack. */
const readmeBlock = (heading: string): string => {
  const text = readFileSync('README.md', 'utf8');
  const from = text.indexOf(`### ${heading}`);
  const start = text.indexOf('```bash\n', from) + '```bash\n'.length;
  return text
    .slice(start, text.indexOf('```', start))
    .split('\n')
    .filter((l) => !l.includes('npm start'))
    .join('\n');
};

describe.skipIf(!tools)('README: a VPC from a pool, and a pool shared with another account', () => {
  let t: Tutorial;
  beforeAll(async () => {
    t = await startTutorial('readme-quickstart.e2e');
  }, 180_000);
  afterAll(async () => t?.stop());

  it('prints the CIDRs and owners the README shows', async () => {
    const script = `set -e\n${readmeBlock('A VPC from a pool, and a pool shared with another account').replaceAll('http://127.0.0.1:3000', t.stack.url)}`;
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        'bash',
        ['-c', script],
        { env: { PATH: toolsPath(), HOME: '/nonexistent', AWS_EC2_METADATA_DISABLED: 'true' } },
        (err, stdout, stderr) => (err ? reject(new Error(`${stderr}\n${stdout}`)) : resolve(stdout)),
      ),
    );
    const lines = out
      .split('\n')
      .filter((l) => !l.startsWith('{') && !l.startsWith(' ') && !l.startsWith('}'));
    expect(lines.filter((l) => l.includes('10.0.0.'))).toEqual([
      '"10.0.0.0/26"',
      '10.0.0.64/26\t444455556666',
      '10.0.0.0/26\tvpc\t111122223333',
      '10.0.0.64/26\tvpc\t444455556666',
    ]);
  }, 180_000);
});
