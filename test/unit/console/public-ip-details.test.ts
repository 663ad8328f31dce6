import { describe, expect, it } from 'vitest';
import { type Rule, ruleRows, tagRows } from '../../../console/src/views/public-ip-rules';

const rule = (r: Partial<Rule>): Rule => ({ GroupId: 'sg-1', IsEgress: false, IpProtocol: 'tcp', ...r });

describe('the address details of the Public IPs page (F-PIP-08)', () => {
  it.each([
    [
      'one port',
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv4: '0.0.0.0/0' },
      ['TCP', '443', '0.0.0.0/0'],
    ],
    [
      'a range',
      { IpProtocol: 'udp', FromPort: 1024, ToPort: 2048, CidrIpv6: '::/0' },
      ['UDP', '1024-2048', '::/0'],
    ],
    [
      'every protocol',
      { IpProtocol: '-1', FromPort: -1, ToPort: -1, PrefixListId: 'pl-1' },
      ['All', 'All', 'pl-1'],
    ],
    ['a protocol number, no ports', { IpProtocol: '50', ReferencedGroupId: 'sg-2' }, ['50', 'All', 'sg-2']],
    ['an ICMP type, no peer', { IpProtocol: 'icmp', FromPort: 8, ToPort: -1 }, ['ICMP', 'type 8', '–']],
    [
      'an ICMP type and code',
      { IpProtocol: 'icmp', FromPort: 3, ToPort: 4, CidrIpv4: '10.0.0.0/8' },
      ['ICMP', 'type 3 code 4', '10.0.0.0/8'],
    ],
  ])('a rule with %s', (_, r, cells) => {
    expect(ruleRows([rule(r)], false)).toEqual([[...cells, '–', 'sg-1']]);
  });

  it('splits inbound from outbound, keeps descriptions, and knows when no rules were read', () => {
    const a = [
      rule({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '10.0.0.0/8', Description: 'ssh' }),
      rule({ IsEgress: true, IpProtocol: '-1', CidrIpv4: '0.0.0.0/0' }),
    ];
    expect([ruleRows(a, false), ruleRows(a, true)]).toEqual([
      [['TCP', '22', '10.0.0.0/8', 'ssh', 'sg-1']],
      [['All', 'All', '0.0.0.0/0', '–', 'sg-1']],
    ]);
    expect(ruleRows(undefined, false)).toBeUndefined();
  });

  it('lists every tag of every tag set', () => {
    expect(tagRows({ EipTags: [{ Key: 'Name', Value: 'web' }, { Key: 'empty' }] })).toEqual([
      ['EipTags', 'Name', 'web'],
      ['EipTags', 'empty', ''],
    ]);
    expect(tagRows(undefined)).toEqual([]);
  });
});
