/**
 * The outbound adapters of public space against real servers on loopback: TXT lookups through
 * node:dns at a dns2 server, RDAP over HTTP, and the advertising webhook.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventSink } from '../../outbound/events/sink';
import { proofSources } from '../../outbound/proof/sources';
import { type ProofServers, rdapRecord, startProofServers } from '../helpers/proof';

describe('proof sources over node:dns and HTTP', () => {
  let servers: ProofServers;
  beforeAll(async () => {
    servers = await startProofServers();
  });
  afterAll(async () => servers?.stop());

  it('reads TXT records, an absent name as none, RDAP records and a 404 as none', async () => {
    const src = proofSources({ dnsServers: [servers.dns], rdapUrl: `${servers.rdapUrl}/`, timeoutMs: 2000 });
    servers.txt.set('86950620.113.0.203.in-addr.arpa', ['a34597c3-5317-4238-9ce7-50da5b6e6dc8']);
    expect(await src.txt('86950620.113.0.203.in-addr.arpa')).toEqual([
      'a34597c3-5317-4238-9ce7-50da5b6e6dc8',
    ]);
    expect(await src.txt('1.113.0.203.in-addr.arpa')).toEqual([]);
    servers.rdap.set('ip/203.0.113.0/24', rdapRecord('203.0.113.0/24'));
    expect(await src.rdap('ip', '203.0.113.0/24')).toMatchObject({ handle: '203.0.113.0/24' });
    expect(await src.rdap('autnum', '12345')).toBeUndefined();
  });

  it('fails a lookup whose resolver does not answer, rather than reading it as no record', async () => {
    const src = proofSources({ dnsServers: ['127.0.0.1:9'], rdapUrl: 'http://127.0.0.1:9', timeoutMs: 300 });
    await expect(src.txt('x.in-addr.arpa')).rejects.toThrow(/DNS lookup/);
    await expect(src.rdap('ip', '203.0.113.0/24')).rejects.toThrow();
  });
});

describe('the advertising event sink', () => {
  it('logs each event, POSTs it to the webhook, and fails when the webhook refuses', async () => {
    const got: string[] = [];
    let status = 200;
    const http = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        got.push(body);
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/hook`;
    const lines: string[] = [];
    const sink = eventSink({ webhookUrl: url, timeoutMs: 2000 }, (l) => lines.push(l));
    const event = {
      type: 'byoip-cidr-advertised' as const,
      account: '111122223333',
      region: 'us-west-2',
      cidr: '130.137.245.0/24',
      asn: 'AWS',
      poolId: 'ipam-pool-1',
      advertisementType: 'unicast' as const,
      time: '2026-01-01T00:00:00.000Z',
    };
    await sink.emit(event);
    expect(got.map((b) => JSON.parse(b))).toEqual([{ source: 'allot', ...event }]);
    expect(lines).toEqual(got);
    status = 500;
    await expect(sink.emit(event)).rejects.toThrow(/did not accept/);
    await new Promise((resolve) => http.close(resolve));
  });
});
