import { describe, expect, it } from 'vitest';
import { parseCidr } from '../../../core/cidr';
import { txtRecordNames } from '../../../core/ops/proof/txt-names';

describe('txtRecordNames (F-BYOIP-15, F-TUT-DNS-03)', () => {
  it.each([
    ['203.0.113.0/24', '86950620', ['86950620.113.0.203.in-addr.arpa']],
    ['198.18.123.0/24', 'token-name', ['token-name.123.18.198.in-addr.arpa']],
    [
      '198.18.12.0/22',
      'token-name',
      [
        'token-name.12.18.198.in-addr.arpa',
        'token-name.13.18.198.in-addr.arpa',
        'token-name.14.18.198.in-addr.arpa',
        'token-name.15.18.198.in-addr.arpa',
      ],
    ],
    ['198.18.0.0/16', 'token-name', ['token-name.18.198.in-addr.arpa']],
    ['2001:0db8::/40', 'token-name', ['token-name.0.0.8.b.d.0.1.0.0.2.ip6.arpa']],
    [
      '2001:0db8:80::/42',
      'token-name',
      [
        'token-name.8.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
        'token-name.9.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
        'token-name.a.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
        'token-name.b.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
      ],
    ],
    [
      '2001:db8:0:1000::/54',
      'token-name',
      [
        'token-name.0.1.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
        'token-name.1.1.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
        'token-name.2.1.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
        'token-name.3.1.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
      ],
    ],
  ])('%s', (cidr, name, expected) => {
    expect(txtRecordNames(parseCidr(cidr), name)).toEqual(expected);
  });

  it('has as many hex labels as nibbles in the prefix: a /56 has 14', () => {
    const [name] = txtRecordNames(parseCidr('2605:9cc0:409:ab00::/56'), 't');
    expect(name!.split('.').length - 3).toBe(14);
  });
});
