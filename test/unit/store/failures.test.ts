import { describe, expect, it } from 'vitest';
import { lostRace, plainItem } from '../../../core/store/dynamo/failures';

const marshalled = { PK: { S: 'SPACE#p#4' }, SK: { S: 'NODE#0a000000/008' }, v: { N: '3' }, b5: { S: 'a' } };
const plain = { PK: 'SPACE#p#4', SK: 'NODE#0a000000/008', v: 3, b5: 'a' };

const canceled = (...reasons: { Code?: string | null; Item?: object }[]) => ({
  name: 'TransactionCanceledException',
  CancellationReasons: reasons,
});

describe('lost races', () => {
  it('a failed single-item condition is write 0, with the item it found', () => {
    expect(lostRace({ name: 'ConditionalCheckFailedException', Item: marshalled })).toEqual({
      failed: [0],
      items: new Map([[0, plain]]),
    });
    expect(lostRace({ name: 'ConditionalCheckFailedException' })).toEqual({
      failed: [0],
      items: new Map([[0, undefined]]),
    });
  });

  it('a canceled transaction names every write whose condition failed', () => {
    const err = canceled(
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Item: marshalled },
      { Code: 'ConditionalCheckFailed' },
    );
    expect(lostRace(err)).toEqual({
      failed: [1, 2],
      items: new Map([
        [1, plain],
        [2, undefined],
      ]),
    });
  });

  it('a conflict with another transaction is a race with no failed write, so the caller retries', () => {
    expect(lostRace(canceled({ Code: 'None' }, { Code: 'TransactionConflict' }))).toEqual({
      failed: [],
      items: new Map(),
    });
    expect(lostRace({ name: 'TransactionConflictException' })).toEqual({ failed: [], items: new Map() });
  });

  it.each([
    [
      'throttling inside a transaction',
      canceled({ Code: 'ThrottlingError' }, { Code: 'ConditionalCheckFailed' }),
    ],
    ['a validation error inside a transaction', canceled({ Code: 'ValidationError' })],
    ['a transaction canceled for no listed reason', canceled({ Code: 'None' }, { Code: null })],
    ['a validation exception', { name: 'ValidationException' }],
    ['a network error', new Error('socket hang up')],
    ['undefined', undefined],
  ])('%s is not a race (the adapter rethrows it)', (_what, err) => {
    expect(lostRace(err)).toBeUndefined();
  });

  it('items already plain are kept as they are', () => {
    expect(plainItem(plain)).toBe(plain);
    expect(plainItem(undefined)).toBeUndefined();
  });
});
