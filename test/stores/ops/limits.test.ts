/**
 * Oversized input on every action, through the same checks the door runs (request shape, id
 * formats) and the operation on the real store: always a 4xx with an EC2 code, never a 500 and
 * never a write. The probe found 194 answers of 500: ids of 34-100 KB reached DynamoDB and broke
 * its key-size limit, 100 KB tag values and a 6 MB Description its item size.
 */
import { describe, expect, it } from 'vitest';
import { checkIdFormats } from '../../../core/ops/kit/ids';
import { actions } from '../../../handlers/api/actions';
import { toWireError } from '../../../handlers/api/errors';
import { apiModel } from '../../../handlers/api/model/model';
import { checkShape } from '../../../handlers/api/shape';
import type { Settings } from '../../../handlers/runtime/config';
import { makeEnv } from '../../helpers/env';
import { storeFactories } from '../../helpers/stores';

/** Actions whose run needs more than an operation (a discovery run, an event hand-off). */
const SKIP = new Set(['RunDiscovery', 'DeliverEvent']);

const HUGE = ['x'.repeat(100_000), 'é'.repeat(40_000), `ipam-pool-${'0'.repeat(40_000)}`];

/** Top-level string members of an action's request shape. */
const stringMembers = (shape: string): string[] =>
  Object.entries(
    apiModel.shapes[shape]?.type === 'structure'
      ? (apiModel.shapes[shape] as { members: Record<string, { shape: string }> }).members
      : {},
  )
    .filter(([, m]) => apiModel.shapes[m.shape]?.type === 'string')
    .map(([name]) => name);

describe.each(storeFactories())('oversized input (%s store)', (_name, makeStore) => {
  it('answers a 100 KB value in any string member of any action with a 4xx EC2 error', async () => {
    const e = makeEnv(await makeStore());
    const statuses = new Map<string, number>();
    let cases = 0;
    for (const [name, action] of Object.entries(actions)) {
      if (SKIP.has(name)) continue;
      for (const member of stringMembers(action.shape)) {
        for (const value of HUGE) {
          const input = { [member]: value };
          cases++;
          const run = async () => {
            checkShape(apiModel, action.shape, input);
            checkIdFormats(input);
            return action.run({
              deps: e.deps,
              settings: {} as Settings,
              caller: e.caller,
              input,
              remainingMs: () => 60_000,
            });
          };
          const status = await run().then(
            () => 200,
            (err: unknown) => toWireError(err).status,
          );
          statuses.set(`${name}.${member}`, Math.max(statuses.get(`${name}.${member}`) ?? 0, status));
        }
      }
    }
    expect(cases).toBeGreaterThan(300);
    // A CSV of garbage is answered row by row (every row refused), which is a 200 that writes nothing.
    const answered = [...statuses].filter(
      ([k, s]) => s >= 500 || (s === 200 && k !== 'ImportIpamPoolAllocations.Csv'),
    );
    expect(answered).toEqual([]);
    expect(await e.call('DescribeIpams', {})).toEqual({ Ipams: [] });
  });

  it('refuses more than 50 tags, a 129-character key and a 257-character value on create', async () => {
    const e = makeEnv(await makeStore());
    const spec = (tags: { Key: string; Value?: string }[]) => ({
      TagSpecifications: [{ ResourceType: 'ipam', Tags: tags }],
    });
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await e.expectError('CreateIpam', spec(many), 'TagLimitExceeded');
    await e.expectError('CreateIpam', spec([{ Key: 'k'.repeat(129) }]), 'InvalidParameterValue');
    await e.expectError('CreateIpam', spec([{ Key: 'k', Value: 'v'.repeat(257) }]), 'InvalidParameterValue');
    expect((await e.call('DescribeIpams', {})).Ipams).toEqual([]);
    const { Ipam } = await e.call('CreateIpam', spec(many.slice(0, 50)));
    expect(Ipam.Tags).toHaveLength(50);
  });
});
