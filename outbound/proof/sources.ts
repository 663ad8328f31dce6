/**
 * The proof-of-control sources (core/ports/proof.ts) over the real world: TXT lookups with
 * node:dns against the configured resolvers (the system's when none is set), and RDAP over HTTP
 * from the configured service (`<url>/ip/<cidr>`, `<url>/autnum/<asn>`, RFC 9082). Where AWS asks
 * the registry that holds the range, Allot asks the one URL the operator gives, which may be a
 * bootstrap redirector such as https://rdap.org (fetch follows its redirects).
 */
import { Resolver } from 'node:dns/promises';
import type { ProofSources } from '../../core/ports';

export interface ProofSettings {
  /** `host:port` or `host` entries; empty: the system resolver. */
  dnsServers: string[];
  rdapUrl: string;
  /** Per lookup, ms. */
  timeoutMs: number;
}

const ABSENT = new Set(['ENOTFOUND', 'ENODATA', 'NOTFOUND', 'NODATA']);

export const proofSources = (s: ProofSettings): ProofSources => {
  const resolver = new Resolver({ timeout: s.timeoutMs, tries: 2 });
  if (s.dnsServers.length > 0) resolver.setServers(s.dnsServers);
  const base = s.rdapUrl.replace(/\/+$/, '');
  return {
    async txt(name) {
      try {
        return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''));
      } catch (e) {
        if (ABSENT.has((e as { code?: string }).code ?? '')) return [];
        throw new Error(`the DNS lookup of ${name} failed (${(e as { code?: string }).code ?? 'error'})`);
      }
    },
    async rdap(kind, key) {
      const res = await fetch(`${base}/${kind}/${key}`, {
        headers: { accept: 'application/rdap+json' },
        signal: AbortSignal.timeout(s.timeoutMs),
      });
      if (res.status === 404) return undefined;
      if (!res.ok) throw new Error(`the RDAP service answered ${res.status} for ${kind}/${key}`);
      return res.json();
    },
  };
};
