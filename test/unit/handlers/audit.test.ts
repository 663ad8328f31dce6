import { describe, expect, it, vi } from 'vitest';

// No store behind these doors: no account is in an organization, so no SCP applies.
vi.mock('../../../core/ops/organization/scp', () => ({ scpLevelsFor: async () => undefined }));

import { AllotError } from '../../../core/errors';
import { auditable, audited, targetsOf } from '../../../handlers/api/audit';

const caller = { accountId: '111122223333', region: 'us-east-1' };
const at = () => new Date(Date.UTC(2026, 10, 23, 12, 0, 0));

const run = async (action: string, input: Record<string, unknown>, op: () => Promise<object>) => {
  const lines: string[] = [];
  const out = await audited(
    { action, caller, input, requestId: 'req-1' },
    op,
    (l) => lines.push(l),
    at,
  ).catch((e: unknown) => e);
  return { out, lines: lines.map((l) => JSON.parse(l)) };
};

describe('audit trail (F-MET-15)', () => {
  it('logs a write with its outcome and the ids and CIDRs it named or created', async () => {
    const { out, lines } = await run(
      'AllocateIpamPoolCidr',
      { IpamPoolId: 'ipam-pool-1', NetmaskLength: 24, ClientToken: 't' },
      async () => ({
        IpamPoolAllocation: {
          Cidr: '10.0.0.0/24',
          IpamPoolAllocationId: 'ipam-pool-alloc-9',
          ResourceOwner: 'x',
        },
      }),
    );
    expect(out).toEqual({
      IpamPoolAllocation: {
        Cidr: '10.0.0.0/24',
        IpamPoolAllocationId: 'ipam-pool-alloc-9',
        ResourceOwner: 'x',
      },
    });
    expect(lines).toEqual([
      {
        audit: 'allot',
        time: '2026-11-23T12:00:00.000Z',
        action: 'AllocateIpamPoolCidr',
        account: '111122223333',
        region: 'us-east-1',
        requestId: 'req-1',
        outcome: 'ok',
        targets: ['10.0.0.0/24', 'ipam-pool-1', 'ipam-pool-alloc-9'],
      },
    ]);
  });

  it('logs a refused write with its error code and passes the error on', async () => {
    const err = new AllotError('IncorrectState', 'no');
    const { out, lines } = await run('DeleteIpamPool', { IpamPoolId: 'ipam-pool-1' }, async () => {
      throw err;
    });
    expect(out).toBe(err);
    expect(lines.map((l) => [l.outcome, l.targets])).toEqual([['IncorrectState', ['ipam-pool-1']]]);
    const crash = await run('DeleteIpam', { IpamId: 'ipam-1' }, async () => {
      throw new Error('boom');
    });
    expect(crash.lines.map((l) => l.outcome)).toEqual(['InternalError']);
  });

  it('leaves out reads, DryRun checks and previews', async () => {
    expect(auditable('DescribeIpamPools', {})).toBe(false);
    expect(auditable('GetIpamPoolAllocations', {})).toBe(false);
    expect(auditable('CreateIpam', { DryRun: true })).toBe(false);
    expect(auditable('AllocateIpamPoolCidr', { PreviewNextCidr: true })).toBe(false);
    expect(auditable('CreateIpam', {})).toBe(true);
    expect(auditable('DeliverEvent', {})).toBe(true);
    const { lines } = await run('DescribeIpams', {}, async () => ({ Ipams: [] }));
    expect(lines).toEqual([]);
  });

  it('takes targets from the request and one level into the answer, never owners or request ids', () => {
    expect(
      targetsOf(
        { IpamScopeId: 's-1', OwnerId: 'o', Description: 'd', Filters: [{ Name: 'x' }] },
        { IpamPool: { IpamPoolId: 'p-1', IpamScopeId: 's-1', OwnerId: 'o' }, RequestId: 'r' },
      ),
    ).toEqual(['p-1', 's-1']);
  });
});

describe('the front door writes the audit trail', () => {
  it('a write action logs its line with the Lambda request id; a failing one logs the error code', async () => {
    const env = { TABLE_NAME: process.env.TABLE_NAME, AWS_REGION: process.env.AWS_REGION };
    process.env.TABLE_NAME ??= 'allot-unit';
    process.env.AWS_REGION ??= 'us-east-1';
    const { door } = await import('../../../handlers/api/door');
    const { jsonCodec } = await import('../../../handlers/api/codecs/json');
    const { declaredCaller } = await import('../../../handlers/api/auth/identities');
    const logged: string[] = [];
    const log = console.log;
    console.log = (line: string) => logged.push(line);
    try {
      const api = door(jsonCodec, declaredCaller, {
        CreateIpamScope: {
          shape: 'CreateIpamScopeRequest',
          doors: ['json'],
          run: async ({ input }) => ({ IpamScope: { IpamScopeId: 'ipam-scope-7', IpamId: input.IpamId } }),
        },
        DeleteIpam: {
          shape: 'DeleteIpamRequest',
          doors: ['json'],
          run: async () => {
            throw new AllotError('IncorrectState', 'in use');
          },
        },
      });
      const ok = (e: object, c: object) => api({ ...e, rawPath: '/v1/CreateIpamScope' } as never, c as never);
      const refused = (e: object, c: object) => api({ ...e, rawPath: '/v1/DeleteIpam' } as never, c as never);
      const event = {
        headers: { 'x-allot-account-id': '111122223333' },
        body: JSON.stringify({ IpamId: 'ipam-1' }),
      };
      // biome-ignore lint/suspicious/noExplicitAny: a minimal Lambda context
      const context = { awsRequestId: 'lambda-req' } as any;
      const res = (await ok(event as never, context)) as { statusCode: number };
      const bad = (await refused(event as never, context)) as { statusCode: number };
      expect([res.statusCode, bad.statusCode]).toEqual([200, 400]);
    } finally {
      console.log = log;
      for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
    }
    const lines = logged.map((l) => JSON.parse(l));
    expect(
      lines
        .filter((l) => l.audit === 'allot')
        .map((l) => [l.action, l.account, l.requestId, l.outcome, l.targets.join(' ')]),
    ).toEqual([
      ['CreateIpamScope', '111122223333', 'lambda-req', 'ok', 'ipam-1 ipam-scope-7'],
      ['DeleteIpam', '111122223333', 'lambda-req', 'IncorrectState', 'ipam-1'],
    ]);
    // And one access line per request, after its audit line.
    expect(lines.map((l) => [l.access ?? l.audit, l.action, l.account, l.status, l.requestId])).toEqual([
      ['allot', 'CreateIpamScope', '111122223333', undefined, 'lambda-req'],
      ['allot', 'CreateIpamScope', '111122223333', 200, 'lambda-req'],
      ['allot', 'DeleteIpam', '111122223333', undefined, 'lambda-req'],
      ['allot', 'DeleteIpam', '111122223333', 400, 'lambda-req'],
    ]);
    expect(lines.filter((l) => l.access).every((l) => Number.isInteger(l.ms) && l.ms >= 0)).toBe(true);
  });
});
