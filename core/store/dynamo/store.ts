/**
 * The DynamoDB Store: the only code that talks to DynamoDB (STYLE habit 7). A unit of work of one
 * write uses the single-item API; more use TransactWriteItems. Failed conditions come back as
 * `{ ok: false, failed, nodes }` with the fresh node items DynamoDB returns (ALL_OLD), so the
 * allocator can pick another block without another read.
 *
 * Node cache: views read or written here are kept per process for `nodeCacheTtlMs`. A stale view
 * is safe: a claim built on it fails its conditions (and the failure refreshes the cache), and a
 * view can only hide space freed by another process, for at most the TTL, because core reads
 * fresh before it reports that no space is left.
 */
import {
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AnyRecord } from '../../model';
import { applyClaim, type NodeKey, type NodeView, refreshTableAfterClaim } from '../../space/node';
import { itemKey, nodeItemKey, queryPlan } from '../keys';
import type { CommitResult, ListQuery, Page, RecordRef, Store, Write } from '../port';
import { type Item, itemToNode, nodeKeyOfWrite, nodeWriteParams } from './node-items';
import { itemToRecord, recordWriteParams } from './record-items';

export interface DynamoStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** Lifetime of cached node views in ms (default 1000; 0 disables the cache). */
  nodeCacheTtlMs?: number;
}

const cacheId = (k: NodeKey): string => {
  const key = nodeItemKey(k);
  return `${key.PK}|${key.SK}`;
};

export class DynamoStore implements Store {
  private readonly client: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly ttl: number;
  private readonly cache = new Map<string, { view: NodeView | null; at: number }>();

  constructor(opts: DynamoStoreOptions) {
    this.client = opts.client;
    this.table = opts.tableName;
    this.ttl = opts.nodeCacheTtlMs ?? 1000;
  }

  async get<T extends AnyRecord>(ref: RecordRef): Promise<T | undefined> {
    const res = await this.client.send(new GetCommand({ TableName: this.table, Key: itemKey(ref), ConsistentRead: true }));
    return res.Item ? itemToRecord<T>(res.Item) : undefined;
  }

  async list<T extends AnyRecord>(q: ListQuery, limit: number, cursor?: string): Promise<Page<T>> {
    const plan = queryPlan(q);
    const pk = plan.index ? `${plan.index}PK` : 'PK';
    const sk = plan.index ? `${plan.index}SK` : 'SK';
    const res = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        ...(plan.index ? { IndexName: plan.index } : { ConsistentRead: true }),
        KeyConditionExpression: plan.skPrefix ? '#pk = :pk AND begins_with(#sk, :sk)' : '#pk = :pk',
        ExpressionAttributeNames: { '#pk': pk, ...(plan.skPrefix ? { '#sk': sk } : {}) },
        ExpressionAttributeValues: { ':pk': plan.pk, ...(plan.skPrefix ? { ':sk': plan.skPrefix } : {}) },
        Limit: limit,
        ...(cursor ? { ExclusiveStartKey: JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) } : {}),
      }),
    );
    const items = (res.Items ?? []).map((i) => itemToRecord<T>(i));
    const next = res.LastEvaluatedKey ? Buffer.from(JSON.stringify(res.LastEvaluatedKey)).toString('base64url') : undefined;
    return next ? { items, cursor: next } : { items };
  }

  peekNode(key: NodeKey): NodeView | null | undefined {
    if (this.ttl <= 0) return undefined;
    const hit = this.cache.get(cacheId(key));
    if (!hit) return undefined;
    if (Date.now() - hit.at > this.ttl) {
      this.cache.delete(cacheId(key));
      return undefined;
    }
    return hit.view;
  }

  async readNode(key: NodeKey, fresh = false): Promise<NodeView | undefined> {
    if (!fresh) {
      const hit = this.peekNode(key);
      if (hit !== undefined) return hit ?? undefined;
    }
    const res = await this.client.send(new GetCommand({ TableName: this.table, Key: nodeItemKey(key), ConsistentRead: true }));
    const view = res.Item ? itemToNode(res.Item) : null;
    this.remember(key, view);
    return view ?? undefined;
  }

  async commit(writes: Write[]): Promise<CommitResult> {
    if (writes.length === 0) return { ok: true };
    const params = writes.map((w) => (w.type === 'node' ? nodeWriteParams(w.write, this.table) : recordWriteParams(w, this.table)));
    try {
      if (writes.length === 1) await this.sendOne(params[0]!);
      else {
        await this.client.send(
          new TransactWriteCommand({
            TransactItems: params.map((p) => withOld(p)) as never,
          }),
        );
      }
    } catch (err) {
      return this.failure(err, writes);
    }
    this.afterCommit(writes);
    return { ok: true };
  }

  async purge(refs: RecordRef[]): Promise<void> {
    for (let i = 0; i < refs.length; i += 25) {
      const chunk = refs.slice(i, i + 25).map((r) => ({ DeleteRequest: { Key: itemKey(r) } }));
      let pending: unknown = { [this.table]: chunk };
      for (let attempt = 0; pending && attempt < 10; attempt++) {
        const res = await this.client.send(new BatchWriteCommand({ RequestItems: pending as never }));
        pending = res.UnprocessedItems && Object.keys(res.UnprocessedItems).length > 0 ? res.UnprocessedItems : undefined;
      }
    }
  }

  async purgeSpace(space: string): Promise<void> {
    for (const v of [4, 6] as const) {
      const pk = nodeItemKey({ space, version: v, start: 0n, prefix: 0 }).PK;
      let start: Item | undefined;
      do {
        const res = await this.client.send(
          new QueryCommand({
            TableName: this.table,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': 'PK', '#sk': 'SK' },
            ExpressionAttributeValues: { ':pk': pk },
            ProjectionExpression: '#pk, #sk',
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        for (const item of res.Items ?? []) await this.client.send(new DeleteCommand({ TableName: this.table, Key: { PK: item.PK, SK: item.SK } }));
        start = res.LastEvaluatedKey;
      } while (start);
    }
    for (const k of [...this.cache.keys()]) if (k.startsWith(`SPACE#${space}#`)) this.cache.delete(k);
  }

  private async sendOne(p: Item): Promise<void> {
    const [kind, body] = Object.entries(p)[0] as [string, Item];
    const args = { ...body, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } as never;
    if (kind === 'Put') await this.client.send(new PutCommand(args));
    else if (kind === 'Update') await this.client.send(new UpdateCommand(args));
    else if (kind === 'Delete') await this.client.send(new DeleteCommand(args));
    else {
      const b = body as { Key: Item };
      const res = await this.client.send(new GetCommand({ TableName: this.table, Key: b.Key, ConsistentRead: true }));
      if (!conditionCheckHolds(body, res.Item)) {
        throw Object.assign(new Error('condition'), { name: 'ConditionalCheckFailedException', Item: res.Item });
      }
    }
  }

  private failure(err: unknown, writes: Write[]): CommitResult {
    const e = err as { name?: string; Item?: Item; CancellationReasons?: { Code?: string; Item?: Item }[] };
    const failed: number[] = [];
    const fresh: NodeView[] = [];
    if (e.name === 'ConditionalCheckFailedException') {
      failed.push(0);
      const w = writes[0]!;
      if (w.type === 'node') fresh.push(...this.freshFrom(w.write, e.Item));
    } else if (e.name === 'TransactionCanceledException') {
      for (const [i, r] of (e.CancellationReasons ?? []).entries()) {
        if (r.Code !== 'ConditionalCheckFailed') continue;
        failed.push(i);
        const w = writes[i]!;
        if (w.type === 'node') fresh.push(...this.freshFrom(w.write, r.Item));
      }
      if (failed.length === 0 && !(e.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict')) throw err;
    } else if (e.name !== 'TransactionConflictException') throw err;
    for (const w of writes) if (w.type === 'node') this.cache.delete(cacheId(nodeKeyOfWrite(w.write)));
    for (const n of fresh) this.remember(n.key, n);
    return { ok: false, failed, nodes: fresh };
  }

  private freshFrom(write: Parameters<typeof nodeKeyOfWrite>[0], item: Item | undefined): NodeView[] {
    if (!item) {
      this.remember(nodeKeyOfWrite(write), null);
      return [];
    }
    // Items in errors are not unmarshalled by the document client.
    const plain = typeof item.PK === 'object' ? unmarshall(item as never) : item;
    return [itemToNode(plain)];
  }

  private afterCommit(writes: Write[]): void {
    if (this.ttl <= 0) return;
    for (const w of writes) {
      if (w.type !== 'node') continue;
      const nw = w.write;
      const key = nodeKeyOfWrite(nw);
      if (nw.kind === 'put') this.remember(key, { ...nw.node, v: (nw.expectVersion ?? 0) + 1, mf: undefined, mfV: undefined });
      else if (nw.kind === 'delete') this.remember(key, null);
      else if (nw.kind === 'claim') {
        const hit = this.cache.get(cacheId(key));
        if (hit?.view) {
          // Another process may have claimed in this node too; our view stays a lower bound of
          // what is taken, which the conditions of the next claim make harmless.
          applyClaim(hit.view, nw.pos, nw.value);
          hit.view.v += 1;
          refreshTableAfterClaim(hit.view, nw.pos, hit.view.v - 1);
        }
      }
    }
  }

  private remember(key: NodeKey, view: NodeView | null): void {
    if (this.ttl > 0) this.cache.set(cacheId(key), { view, at: Date.now() });
  }
}

const withOld = (p: Item): Item => {
  const [kind, body] = Object.entries(p)[0] as [string, Item];
  return { [kind]: { ...body, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } };
};

/** Evaluates the only ConditionCheck shapes we build: existence and `_v`/`v` equality. */
const conditionCheckHolds = (body: Item, item: Item | undefined): boolean => {
  if (!item) return false;
  const names = (body.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (body.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
  const expr = String(body.ConditionExpression ?? '');
  for (const m of expr.matchAll(/(#\w+) = (:\w+)/g)) if (item[names[m[1]!]!] !== values[m[2]!]) return false;
  return true;
};
