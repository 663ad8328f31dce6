/** The block `npm start` prints once everything is up: where everything is and how to use it. */
export interface ScreenInfo {
  url: string;
  accountId: string;
  /** Several accounts: a 12-digit access key id signs as that account. */
  accountIdAsAccessKey: boolean;
  credentialKey: boolean;
  dataDir?: string;
  ddbEndpoint: string;
  ddbIsolated?: boolean;
  tableName: string;
  motoEndpoint?: string;
  /** Where VPCs and subnets from pools are created (moto, or ALLOT_EC2_BACKEND). */
  backend?: string;
  logsDir: string;
  seconds: number;
}

export const startupScreen = (i: ScreenInfo): string[] => {
  const row = (label: string, text: string) => `  ${label.padEnd(13)}${text}`;
  return [
    'Allot is running.',
    row('EC2 endpoint', `${i.url}   (aws ec2 … --endpoint-url ${i.url})`),
    row('JSON API', `POST ${i.url}/v1/<Action>   (SigV4, service ec2)`),
    row('Console', `${i.url}/console/   (sign in with test / test, filled in for you)`),
    row(
      'Credentials',
      `AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test act as account ${i.accountId}` +
        (i.accountIdAsAccessKey ? '; a 12-digit access key id (secret test) acts as that account' : ''),
    ),
    row(
      'Issued keys',
      i.credentialKey
        ? 'verified with ALLOT_CREDENTIAL_KEY (npm run credentials -- issue <account>)'
        : 'cannot be verified: ALLOT_CREDENTIAL_KEY is not set (only test/test works)',
    ),
    row(
      'Data',
      `${i.dataDir ?? 'in memory (kept nowhere)'}; DynamoDB Local ${i.ddbEndpoint}, table ${i.tableName}` +
        (i.ddbIsolated === false
          ? ' (WARNING: also reachable on every interface; unshare -rn is unavailable)'
          : ''),
    ),
    ...(i.dataDir
      ? [
          row(
            'Durability',
            'stop with Ctrl-C: DynamoDB Local can lose its last acknowledged writes if its JVM is killed outright (README "Outages and faults")',
          ),
        ]
      : []),
    row(
      'EC2 emulator',
      i.motoEndpoint
        ? `moto on ${i.motoEndpoint}, account ${i.accountId}: VPCs made there are discovered`
        : "not running: install moto (pip install 'moto[server]') for local discovery",
    ),
    row(
      'EC2 backend',
      i.backend
        ? `${i.backend}: create-vpc/create-subnet from pools create there; other EC2 actions are forwarded`
        : 'none: create-vpc from a pool refuses (install moto, or set ALLOT_EC2_BACKEND=http://…)',
    ),
    row('Discovery', 'no schedule locally: npm run discover, or POST /v1/RunDiscovery'),
    row(
      'Logs',
      `one line per request; audit, metrics, discovery in ${i.logsDir} (ALLOT_VERBOSE=1 shows all)`,
    ),
    `Ready in ${i.seconds.toFixed(1)} s. Ctrl-C stops everything.`,
  ];
};
