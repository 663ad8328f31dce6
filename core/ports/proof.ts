/**
 * Where proof of control of public space is read (F-BYOIP-02, -15, F-ASN-02): DNS TXT records of
 * reverse zones and the registries' RDAP records. The adapters (outbound/proof) use node:dns
 * against the configured resolver and HTTP against the configured RDAP service.
 */
export interface ProofSources {
  /** Each TXT record at `name`, its strings joined; [] when the name has none or does not exist. */
  txt(name: string): Promise<string[]>;
  /**
   * The RDAP object of an IP network (`ip`, key `198.51.100.0/24`) or an ASN (`autnum`, key
   * `12345`), or undefined when the registry has no such object.
   */
  rdap(kind: 'ip' | 'autnum', key: string): Promise<unknown>;
}
