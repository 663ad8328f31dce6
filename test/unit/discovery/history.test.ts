import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../core/ops/monitoring/analysis/evaluate';
import {
  associations,
  diffHistory,
  type HistoryRecord,
  type HistoryRow,
} from '../../../core/ops/monitoring/history/diff';
import { makeRow } from '../../helpers/fixtures';

const SCOPE = 'ipam-scope-1';
const at = (hhmm: string) => new Date(`2021-12-27T${hhmm}:00Z`);
const snapshot = (rows: HistoryRow[], scope = SCOPE) => associations(scope, rows);
const vpc = (over: Partial<HistoryRow> = {}): HistoryRow => ({
  ...makeRow({ ResourceId: 'vpc-1', ResourceCidr: '10.0.0.0/16', ResourceName: 'prod' }),
  ManagementState: 'unmanaged',
  ComplianceStatus: 'unmanaged',
  OverlapStatus: 'nonoverlapping',
  Violations: [],
  ...over,
});

describe('IP address history (F-HIST)', () => {
  it('F-HIST-04: records start and end at the snapshots that noticed, not at the events', () => {
    const first = diffHistory([], snapshot([vpc()]), at('15:05'));
    expect(first.opened).toEqual([
      {
        IpamScopeId: SCOPE,
        ResourceOwnerId: '111122223333',
        ResourceRegion: 'ap-northeast-3',
        ResourceType: 'vpc',
        ResourceId: 'vpc-1',
        ResourceCidr: '10.0.0.0/16',
        ResourceName: 'prod',
        ResourceComplianceStatus: 'unmanaged',
        ResourceOverlapStatus: 'nonoverlapping',
        VpcId: 'vpc-1',
        SampledStartTime: at('15:05'),
      },
    ]);
    expect(diffHistory(first.opened, snapshot([vpc()]), at('16:00'))).toEqual({
      opened: [],
      closed: [],
      updated: [],
    });
    const gone = diffHistory(first.opened, snapshot([]), at('17:05'));
    expect(gone.closed).toEqual([{ ...first.opened[0], SampledEndTime: at('17:05') }]);
  });

  it('F-HIST-06: a status change updates the open record instead of splitting it', () => {
    const [open] = diffHistory([], snapshot([vpc()]), at('15:05')).opened as [HistoryRecord];
    const next = diffHistory([open], snapshot([vpc({ OverlapStatus: 'overlapping' })]), at('15:10'));
    expect(next.opened).toEqual([]);
    expect(next.updated).toEqual([{ ...open, ResourceOverlapStatus: 'overlapping' }]);
  });

  it('F-HIST-06: subnet records carry no statuses; ignored rows keep history (F-HIST-15)', () => {
    const rows = evaluate({
      resources: [
        makeRow({
          ResourceId: 'subnet-1',
          ResourceType: 'subnet',
          VpcId: 'vpc-1',
          ResourceCidr: '10.0.1.0/24',
        }),
        makeRow({ ResourceId: 'vpc-2', ResourceCidr: '10.1.0.0/16', Ignored: true }),
      ],
      allocations: [],
      pools: [],
    });
    expect(
      snapshot(rows).map((a) => [
        a.ResourceType,
        a.VpcId,
        a.ResourceComplianceStatus,
        a.ResourceOverlapStatus,
      ]),
    ).toEqual([
      ['subnet', 'vpc-1', undefined, undefined],
      ['vpc', 'vpc-2', 'ignored', 'ignored'],
    ]);
  });

  it('F-HIST-05: an attached ENI yields an ENI and an instance record; a service-owned one shows amazon-aws', () => {
    const eni = (id: string, InstanceOwnerId: string): HistoryRow => ({
      ...makeRow({ ResourceId: id, ResourceType: 'eni', ResourceCidr: '10.0.1.10/32', VpcId: 'vpc-1' }),
      InstanceId: 'i-0123',
      InstanceOwnerId,
      Violations: [],
    });
    expect(
      snapshot([eni('eni-1', '111122223333'), eni('eni-2', '999999999999')]).map((a) => [
        a.ResourceType,
        a.ResourceId,
        a.ResourceOwnerId,
      ]),
    ).toEqual([
      ['network-interface', 'eni-1', '111122223333'],
      ['instance', 'i-0123', '111122223333'],
      ['network-interface', 'eni-2', '111122223333'],
      ['instance', undefined, 'amazon-aws'],
    ]);
  });

  it('F-HIST-07: a move between scopes closes the old record and opens a new one', () => {
    const [inA] = diffHistory([], snapshot([vpc()], 'scope-a'), at('15:05')).opened as [HistoryRecord];
    expect(
      diffHistory([inA], snapshot([], 'scope-a'), at('15:10')).closed.map((r) => r.SampledEndTime),
    ).toEqual([at('15:10')]);
    expect(
      diffHistory([], snapshot([vpc()], 'scope-b'), at('15:10')).opened.map((r) => r.IpamScopeId),
    ).toEqual(['scope-b']);
  });

  it('treats differently spelled IPv6 CIDRs as the same association', () => {
    const [open] = diffHistory([], snapshot([vpc({ ResourceCidr: '2001:DB8:0::/56' })]), at('15:05'))
      .opened as [HistoryRecord];
    expect(
      diffHistory([open], snapshot([vpc({ ResourceCidr: '2001:db8::/56' })]), at('15:10')).closed,
    ).toEqual([]);
  });
});
