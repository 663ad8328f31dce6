/** What `npm start` says once it is up (local/screen.ts). */
import { describe, expect, it } from 'vitest';
import { startupScreen } from '../../../local/screen';

const base = {
  url: 'http://127.0.0.1:3000',
  accountId: '000000000000',
  accountIdAsAccessKey: false,
  credentialKey: false,
  dataDir: 'local/.data',
  ddbEndpoint: 'http://127.0.0.1:41234',
  tableName: 'allot-local',
  logsDir: 'local/.data/logs',
  seconds: 21.34,
};

describe('the start-up screen', () => {
  it('names the endpoints, the credentials and their account, the data, moto, discovery and the logs', () => {
    const moto = 'http://127.0.0.1:41235';
    expect(startupScreen({ ...base, motoEndpoint: moto, backend: moto })).toEqual([
      'Allot is running.',
      '  EC2 endpoint http://127.0.0.1:3000   (aws ec2 … --endpoint-url http://127.0.0.1:3000)',
      '  JSON API     POST http://127.0.0.1:3000/v1/<Action>   (SigV4, service ec2)',
      '  Console      http://127.0.0.1:3000/console/   (sign in with test / test, filled in for you)',
      '  Credentials  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test act as account 000000000000',
      '  Issued keys  cannot be verified: ALLOT_CREDENTIAL_KEY is not set (only test/test works)',
      '  Data         local/.data; DynamoDB Local http://127.0.0.1:41234, table allot-local',
      '  Durability   stop with Ctrl-C: DynamoDB Local can lose its last acknowledged writes if its JVM is killed outright (README "Outages and faults")',
      '  EC2 emulator moto on http://127.0.0.1:41235, account 000000000000: VPCs made there are discovered',
      '  EC2 backend  http://127.0.0.1:41235: create-vpc/create-subnet from pools create there; other EC2 actions are forwarded',
      '  Discovery    no schedule locally: npm run discover, or POST /v1/RunDiscovery',
      '  Logs         one line per request; audit, metrics, discovery in local/.data/logs (ALLOT_VERBOSE=1 shows all)',
      'Ready in 21.3 s. Ctrl-C stops everything.',
    ]);
  });

  it('says what is missing: no moto, no credential key, no data kept', () => {
    const lines = startupScreen({
      ...base,
      dataDir: undefined,
      credentialKey: true,
      accountIdAsAccessKey: true,
    });
    expect(lines.filter((l) => /Credentials|Issued|Data|EC2 emulator|EC2 backend/.test(l))).toEqual([
      '  Credentials  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test act as account 000000000000; a 12-digit access key id (secret test) acts as that account',
      '  Issued keys  verified with ALLOT_CREDENTIAL_KEY (npm run credentials -- issue <account>)',
      '  Data         in memory (kept nowhere); DynamoDB Local http://127.0.0.1:41234, table allot-local',
      "  EC2 emulator not running: install moto (pip install 'moto[server]') for local discovery",
      '  EC2 backend  none: create-vpc from a pool refuses (install moto, or set ALLOT_EC2_BACKEND=http://…)',
    ]);
  });
});
