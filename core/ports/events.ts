/**
 * Events about public space that the operator's router automation acts on (F-BYOIP-10, F-ASN-08,
 * F-GLOBAL-05 [self-hosted]): Allot runs no BGP, so "advertise" means recording the state and
 * telling whoever announces the prefix. The adapter (outbound/events) writes a log line and, when
 * configured, POSTs the event to a webhook.
 */
export interface PublicSpaceEvent {
  type: 'byoip-cidr-advertised' | 'byoip-cidr-withdrawn';
  account: string;
  region: string;
  cidr: string;
  /** The origin ASN: `AWS` (the operator's own) or a provisioned BYOASN. */
  asn: string;
  poolId: string;
  advertisementType: 'unicast' | 'anycast';
  /** ISO time. */
  time: string;
}

export interface EventSink {
  /** Delivers the event; throws when it cannot (the operation then changes nothing). */
  emit(event: PublicSpaceEvent): Promise<void>;
}
