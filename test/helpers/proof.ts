/**
 * Proof of control for tests (F-BYOIP-02/03/15): the range owner's key and certificate (fixtures
 * valid 2000-2099, made with `openssl ca -selfsign`), the signed authorization message, the RDAP
 * record that publishes the certificate, and the outside world: in memory for store tests, or a
 * real DNS server (dns2) and RDAP server on 127.0.0.1 for the local stack.
 */
import { constants, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import dns2 from 'dns2';
import { expect } from 'vitest';
import type { ProofSources } from '../../core/ports';
import type { Env } from './env';

const fixture = (name: string) =>
  readFileSync(new URL(`../e2e/fixtures/byoip/${name}`, import.meta.url), 'utf8');
export const CERT = fixture('cert.pem');
export const KEY = fixture('key.pem');
/** A key that is not the certificate's: its signatures are forgeries. */
export const OTHER_KEY = fixture('other-key.pem');

/** `1|aws|<account>|<subject>|<YYYYMMDD>|SHA256|RSAPSS` (F-BYOIP-03, F-ASN-03). */
export const authMessage = (account: string, subject: string, expiry = '20991231') =>
  `1|aws|${account}|${subject}|${expiry}|SHA256|RSAPSS`;

/** As `openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:-1`, in AWS's base64. */
export const signMessage = (message: string, key = KEY): string =>
  sign('sha256', Buffer.from(message), { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 })
    .toString('base64')
    .replace(/\+/g, '-')
    .replace(/=/g, '_')
    .replace(/\//g, '~');

export const signed = (account: string, subject: string, o: { key?: string; expiry?: string } = {}) => {
  const Message = authMessage(account, subject, o.expiry);
  return { Message, Signature: signMessage(Message, o.key) };
};

/** An RDAP object whose remarks carry the certificate on one line, as ARIN's Public Comments do. */
export const rdapRecord = (handle: string, cert = CERT) => ({
  objectClassName: 'ip network',
  handle,
  remarks: [{ title: 'Registration Comments', description: [cert.replace(/\n/g, ' ').trim()] }],
});

/** The outside world in memory: TXT records by name, RDAP objects by `ip/<cidr>` or `autnum/<asn>`. */
export const memoryProof = () => {
  const txt = new Map<string, string[]>();
  const rdap = new Map<string, unknown>();
  const sources: ProofSources = {
    txt: async (name) => txt.get(name) ?? [],
    rdap: async (kind, key) => rdap.get(`${kind}/${key}`),
  };
  return { txt, rdap, sources };
};

/** Installs an in-memory outside world into the env (once) and returns it. */
export const proofOf = (e: Env) => {
  const holder = e as Env & { proofWorld?: ReturnType<typeof memoryProof> };
  if (!holder.proofWorld) {
    holder.proofWorld = memoryProof();
    e.deps.proof = holder.proofWorld.sources;
  }
  return holder.proofWorld;
};

/** Reads the pool's CIDRs after the settle delay, so pending BYOIP CIDRs settle; the CIDR's state. */
export const settle = async (e: Env, poolId: string, cidr: string): Promise<Record<string, unknown>> => {
  e.clock.now += e.deps.config.provisionSettleMs;
  const { IpamPoolCidrs } = await e.call('GetIpamPoolCidrs', { IpamPoolId: poolId });
  return IpamPoolCidrs.find((c: { Cidr: string }) => c.Cidr === cidr);
};

/**
 * A us-east-1 EC2 pool of the caller's new IPAM holding an Amazon-provided block of the env's
 * supply (`amazonSupply`), settled.
 */
export const amazonEipPool = async (e: Env, netmask: number, cidr: string) => {
  const { Ipam } = await e.call('CreateIpam', {});
  const { IpamPool } = await e.call('CreateIpamPool', {
    IpamScopeId: Ipam.PublicDefaultScopeId,
    AddressFamily: 'ipv4',
    Locale: 'us-east-1',
    AwsService: 'ec2',
    PublicIpSource: 'amazon',
  });
  await e.call('ProvisionIpamPoolCidr', { IpamPoolId: IpamPool.IpamPoolId, NetmaskLength: netmask });
  expect(await settle(e, IpamPool.IpamPoolId, cidr)).toMatchObject({ State: 'provisioned' });
  return {
    pool: IpamPool,
    poolId: IpamPool.IpamPoolId as string,
    scopeId: Ipam.PublicDefaultScopeId as string,
  };
};

/** Provisions a BYOIP CIDR into a top-level public pool with a good X.509 proof, and settles it. */
export const provisionByoip = async (e: Env, poolId: string, cidr: string) => {
  proofOf(e).rdap.set(`ip/${cidr}`, rdapRecord(cidr));
  await e.call('ProvisionIpamPoolCidr', {
    IpamPoolId: poolId,
    Cidr: cidr,
    CidrAuthorizationContext: signed(e.caller.accountId, cidr),
  });
  expect((await settle(e, poolId, cidr))?.State).toBe('provisioned');
};

export interface ProofServers {
  /** `127.0.0.1:<port>` of the DNS server, for ALLOT_DNS_SERVERS. */
  dns: string;
  /** Base URL of the RDAP server, for ALLOT_RDAP_URL. */
  rdapUrl: string;
  txt: Map<string, string[]>;
  rdap: Map<string, unknown>;
  stop(): Promise<void>;
}

/** A real DNS server (UDP) and RDAP server (HTTP) on loopback, answering from the two tables. */
export const startProofServers = async (): Promise<ProofServers> => {
  const { txt, rdap } = memoryProof();
  const dns = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = dns2.Packet.createResponseFromRequest(request);
      const name = request.questions[0]?.name ?? '';
      // dns2's Resource type wants its class instance; a plain record encodes the same.
      const record = (data: string) =>
        ({ name, type: dns2.Packet.TYPE.TXT, class: dns2.Packet.CLASS.IN, ttl: 1, data }) as never;
      for (const data of txt.get(name.toLowerCase()) ?? []) response.answers.push(record(data));
      send(response);
    },
  });
  const addresses = await dns.listen({ udp: { port: 0, address: '127.0.0.1' } });
  const http: Server = createServer((req, res) => {
    const key = decodeURIComponent((req.url ?? '').replace(/^\//, ''));
    const found = rdap.get(key);
    res.writeHead(found ? 200 : 404, { 'content-type': 'application/rdap+json' });
    res.end(JSON.stringify(found ?? { errorCode: 404, title: 'Not Found' }));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    dns: `127.0.0.1:${(addresses.udp as AddressInfo).port}`,
    rdapUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    txt,
    rdap,
    async stop() {
      await dns.close();
      await new Promise((resolve) => http.close(resolve));
    },
  };
};

/**
 * An IPAM (home us-east-1, operating us-west-2) whose top-level public pool holds `cidr`, proven,
 * and a regional pool in us-west-2 (AwsService ec2) provisioned with all of it.
 */
export const regionalByoip = async (e: Env, cidr: string) => {
  const { Ipam } = await e.call('CreateIpam', { OperatingRegions: [{ RegionName: 'us-west-2' }] });
  const scope = Ipam.PublicDefaultScopeId;
  const top = (await e.call('CreateIpamPool', { IpamScopeId: scope, AddressFamily: 'ipv4' })).IpamPool;
  await provisionByoip(e, top.IpamPoolId, cidr);
  const regional = (
    await e.call('CreateIpamPool', {
      IpamScopeId: scope,
      SourceIpamPoolId: top.IpamPoolId,
      AddressFamily: 'ipv4',
      Locale: 'us-west-2',
      AwsService: 'ec2',
    })
  ).IpamPool.IpamPoolId as string;
  await e.call('ProvisionIpamPoolCidr', { IpamPoolId: regional, Cidr: cidr });
  return { ipamId: Ipam.IpamId as string, topId: top.IpamPoolId as string, regional };
};
