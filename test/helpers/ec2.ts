/**
 * The real `@aws-sdk/client-ec2` pointed at the local stack's EC2 endpoint (`POST /`), and the
 * assertion every error-path test needs: the SDK raised the EC2 error code as the exception name.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { expect } from 'vitest';
import { defaultConfig, operations, randomIds } from '../../core/ops/registry';
import { createDocumentClient, DynamoStore } from '../../core/store/dynamo';

export interface Ec2ClientOptions {
  /** Default `test` (the local pair); a 12-digit id acts as that account with ALLOT_ACCOUNT_ID_AS_ACCESS_KEY=1. */
  accessKeyId?: string;
  /** Default `test`. */
  secretAccessKey?: string;
  /** The request region, carried by the SigV4 credential scope. Default `us-east-1`. */
  region?: string;
}

/**
 * One attempt only, so an error the test expects is never hidden behind the SDK's retries.
 * @example const west = ec2Client(stack.url, { region: 'us-west-2' });
 */
export const ec2Client = (url: string, options: Ec2ClientOptions = {}): EC2Client => {
  const { accessKeyId = 'test', secretAccessKey = 'test', region = 'us-east-1' } = options;
  return new EC2Client({
    endpoint: url,
    region,
    credentials: { accessKeyId, secretAccessKey },
    maxAttempts: 1,
  });
};

/**
 * Asserts that an SDK call fails with the EC2 error `code` (the exception's `name`) and HTTP status.
 * @example await expectEc2Error(ec2.send(new DeleteIpamCommand({ IpamId })), 'IncorrectState');
 */
export const expectEc2Error = async (call: Promise<unknown>, code: string, status = 400): Promise<void> => {
  await expect(call).rejects.toMatchObject({ name: code, $metadata: { httpStatusCode: status } });
};

/**
 * Operations run in the test process against a local stack's table (the same core code and Store
 * the functions run, minus HTTP), for what no API does: resources, discovery cycles, bulk data.
 * @example const { client, deps } = stackDeps(stack); try { ... } finally { client.destroy(); }
 */
export const stackDeps = (target: { ddbEndpoint: string; tableName: string }) => {
  const client = createDocumentClient({ endpoint: target.ddbEndpoint, region: 'us-east-1' });
  const deps = {
    store: new DynamoStore({ client, tableName: target.tableName }),
    now: Date.now,
    ids: randomIds(),
    config: defaultConfig(),
  };
  return { client, deps };
};

/**
 * Custom allocations of the given CIDRs made by the AllocateIpamPoolCidr operation itself, in this
 * process, against the stack's table: the same core code and Store the endpoint runs, minus HTTP.
 * Used to give a pool more than 1000 allocations for the pagination tests. Measured on the 2-CPU
 * CI box: ~60-80 ms per call through serverless-offline at any concurrency (the box is CPU-bound),
 * ~19 ms per call here with 8 in flight, so 1000 allocations take ~20 s instead of ~70 s.
 * Explicit CIDRs spread over several provisioned CIDRs, because concurrent netmask requests all
 * race for the same lowest free block and mostly retry (32 ms sequential, 124 ms with 4 in flight).
 */
export const allocateInProcess = async (
  target: { ddbEndpoint: string; tableName: string },
  caller: { accountId: string; region: string },
  poolId: string,
  cidrs: string[],
  concurrency = 8,
): Promise<string[]> => {
  const { client, deps } = stackDeps(target);
  const ids: string[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < cidrs.length; i = next++) {
      const out = await operations.AllocateIpamPoolCidr(deps, caller, { IpamPoolId: poolId, Cidr: cidrs[i] });
      ids.push((out.IpamPoolAllocation as { IpamPoolAllocationId: string }).IpamPoolAllocationId);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    client.destroy();
  }
  return ids;
};
